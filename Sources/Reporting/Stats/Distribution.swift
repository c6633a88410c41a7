/// Summary statistics over a sample, as used by `diff` and `score`.
public struct Distribution: Sendable, Equatable {
    /// The sorted values.
    public let sorted: [Double]

    public init(_ values: [Double]) { sorted = values.filter(\.isFinite).sorted() }

    public var count: Int { sorted.count }
    public var mean: Double? { sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count) }

    /// The `q`-quantile (0…1) with linear interpolation between closest ranks
    /// (Hyndman–Fan type 7, the spreadsheet/NumPy default): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    public func quantile(_ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(max(q, 0), 1)
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}

/// A binomial proportion with its Wilson score interval (Wilson 1927), which stays inside [0, 1] and
/// is honest for small samples: centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
public struct Proportion: Sendable, Equatable {
    public let successes: Int
    public let trials: Int
    /// z for a two-sided 95 % interval.
    public static let z95 = 1.959963984540054

    public init(successes: Int, trials: Int) { self.successes = successes; self.trials = trials }

    /// p̂ = successes / trials; nil when there are no trials.
    public var ratio: Double? { trials > 0 ? Double(successes) / Double(trials) : nil }

    /// The Wilson interval (lower, upper) as fractions; nil when there are no trials.
    public func wilson(z: Double = Proportion.z95) -> (lower: Double, upper: Double)? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return (max(0, centre - half), min(1, centre + half))
    }
}
