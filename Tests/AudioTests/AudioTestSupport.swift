import Foundation
@testable import Audio

/// A sine of `frequency` Hz and peak `amplitude` at `rate` Hz, `count` samples.
func sine(frequency: Double, amplitude: Double, rate: Int, count: Int) -> [Int16] {
    (0..<count).map { Int16((amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(rate))).rounded()) }
}

/// Mean power of samples (linear, in Int16² units).
func power<C: Collection>(_ s: C) -> Double where C.Element == Int16 {
    s.isEmpty ? 0 : s.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(s.count)
}
