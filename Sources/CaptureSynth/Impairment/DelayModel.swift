#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Extra network delay of RTP packets, in nanoseconds.
///
/// Exponential with the requested mean m (inverse transform −m·ln U), capped at 10·m so the number
/// of packets in flight per stream stays bounded. Packets keep their 20 ms send spacing; arrival =
/// send time + delay, so a delay difference above 20 ms between neighbours reorders them in the capture.
struct DelayModel: Sendable {
    private let meanNanoseconds: Double
    private let capNanoseconds: Double

    init(meanMilliseconds: Double) {
        meanNanoseconds = meanMilliseconds * 1e6
        capNanoseconds = meanNanoseconds * 10
    }

    var isZero: Bool { meanNanoseconds == 0 }

    @inline(__always)
    func next(_ random: inout SynthRandom) -> Int64 {
        guard meanNanoseconds > 0 else { return 0 }
        // 1 - unit() is in (0, 1], so the logarithm is finite.
        let delay = -meanNanoseconds * log(1 - random.unit())
        return Int64(min(delay, capNanoseconds))
    }
}
