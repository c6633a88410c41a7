/// Summary of a sample: count, min, mean, median, 95th percentile, max (report contract `{…}`).
///
/// Percentiles interpolate linearly between the two nearest order statistics
/// (Hyndman & Fan definition 7: position (n − 1)·p in the sorted sample).
public struct MetricStatistics: Sendable, Hashable {
    public var count: Int
    public var min: Double?
    public var mean: Double?
    public var p50: Double?
    public var p95: Double?
    public var max: Double?

    public init(_ values: [Double]) {
        let sorted = values.filter { $0.isFinite }.sorted()
        count = sorted.count
        guard let first = sorted.first, let last = sorted.last else {
            min = nil; mean = nil; p50 = nil; p95 = nil; max = nil
            return
        }
        min = first
        max = last
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = MetricStatistics.percentile(sorted, 0.50)
        p95 = MetricStatistics.percentile(sorted, 0.95)
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = Double(sorted.count - 1) * p
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
