import PcapIngest
import WireCore

/// One input file: its summary, protocol counts and skipped packets.
public struct CaptureEntry: Sendable {
    public var summary: CaptureFileSummary
    public var counts: ProtocolCounts
    public var skipped: SkipCounter
    public init(summary: CaptureFileSummary, counts: ProtocolCounts, skipped: SkipCounter) {
        self.summary = summary; self.counts = counts; self.skipped = skipped
    }
}

/// count / min / mean / p50 / p95 / max of a sample (the contract's statistics object).
public struct StatisticSummary: Sendable, Hashable {
    public var count: Int
    public var min: Double?
    public var mean: Double?
    public var p50: Double?
    public var p95: Double?
    public var max: Double?

    public static let empty = StatisticSummary(count: 0, min: nil, mean: nil, p50: nil, p95: nil, max: nil)

    public init(count: Int, min: Double?, mean: Double?, p50: Double?, p95: Double?, max: Double?) {
        self.count = count; self.min = min; self.mean = mean; self.p50 = p50; self.p95 = p95; self.max = max
    }

    /// Summarises `values`; percentiles by linear interpolation between closest ranks
    /// (the "R-7" definition: p = (n − 1)·q, interpolated).
    public init(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { self = .empty; return }
        func quantile(_ q: Double) -> Double {
            let position = Double(sorted.count - 1) * q
            let lower = Int(position.rounded(.down))
            let upper = Swift.min(lower + 1, sorted.count - 1)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        }
        self.init(count: sorted.count, min: first, mean: sorted.reduce(0, +) / Double(sorted.count),
                  p50: quantile(0.5), p95: quantile(0.95), max: last)
    }
}
