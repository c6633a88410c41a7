/// Count, mean and quantiles of one metric in one report.
public struct MetricSummary: Sendable, Equatable {
    public var count: Int
    public var mean: Double?
    public var p50: Double?
    public var p95: Double?

    public init(_ distribution: Distribution) {
        count = distribution.count
        mean = distribution.mean
        p50 = distribution.quantile(0.5)
        p95 = distribution.quantile(0.95)
    }

    public init(count: Int, mean: Double?) { self.count = count; self.mean = mean; p50 = nil; p95 = nil }
}

/// How one metric moved between a baseline and a candidate report.
public struct MetricShift: Sendable, Equatable {
    public enum Direction: String, Sendable { case better, worse, unchanged, unknown }

    /// Short name used on the command line (`mos`, `loss`, `jitter`, `pdd`, `asr`).
    public var metric: String
    /// What is measured, with its unit.
    public var label: String
    public var higherIsBetter: Bool
    public var before: MetricSummary
    public var after: MetricSummary
    /// The largest tolerated worsening of the mean (and, for lower-is-better metrics, of the p95), in the metric's unit.
    public var tolerance: Double
    public var direction: Direction
    public var regressed: Bool
}

/// Regression between two reports: per metric distributions before/after, direction of change and
/// whether it worsened past its tolerance. Metrics: stream MOS (`quality.mos`), stream loss (`loss_pct`),
/// stream RFC 3550 jitter (`max_jitter_ms`), call PDD (`pdd_ms`), ASR (answered / attempted calls, %).
public enum ReportDiff {
    /// Default tolerances: MOS 0.1, loss 0.5 percentage points, jitter 5 ms, PDD 500 ms, ASR 5 percentage points.
    public static let defaultTolerances: [String: Double] = ["mos": 0.1, "loss": 0.5, "jitter": 5, "pdd": 500, "asr": 5]
    public static let metrics = ["mos", "loss", "jitter", "pdd", "asr"]

    public static func compare(baseline: JSONValue, candidate: JSONValue, tolerances: [String: Double] = [:]) -> [MetricShift] {
        let tolerance = defaultTolerances.merging(tolerances) { _, new in new }
        return [
            shift("mos", "stream MOS", higherIsBetter: true, streamValues(baseline, "quality.mos"), streamValues(candidate, "quality.mos"), tolerance),
            shift("loss", "stream loss %", higherIsBetter: false, streamValues(baseline, "loss_pct"), streamValues(candidate, "loss_pct"), tolerance),
            shift("jitter", "stream max jitter ms", higherIsBetter: false, streamValues(baseline, "max_jitter_ms"), streamValues(candidate, "max_jitter_ms"), tolerance),
            shift("pdd", "call PDD ms", higherIsBetter: false, callValues(baseline, "pdd_ms"), callValues(candidate, "pdd_ms"), tolerance),
            asrShift(baseline, candidate, tolerance),
        ]
    }

    static func streamValues(_ report: JSONValue, _ path: String) -> MetricSummary {
        MetricSummary(Distribution(report.array(at: "streams").compactMap { $0.double(at: path) }))
    }

    static func callValues(_ report: JSONValue, _ path: String) -> MetricSummary {
        MetricSummary(Distribution(report.array(at: "calls").compactMap { $0.double(at: path) }))
    }

    static func asr(_ report: JSONValue) -> MetricSummary {
        let attempts = report.array(at: "calls").filter { $0.string(at: "state") != "in_progress" }
        let answered = attempts.filter(ReportView.isAnswered).count
        return MetricSummary(count: attempts.count, mean: attempts.isEmpty ? nil : 100 * Double(answered) / Double(attempts.count))
    }

    static func asrShift(_ baseline: JSONValue, _ candidate: JSONValue, _ tolerance: [String: Double]) -> MetricShift {
        let before = asr(baseline), after = asr(candidate)
        return judge("asr", "ASR %", higherIsBetter: true, before, after, tolerance["asr"] ?? 0)
    }

    static func shift(_ metric: String, _ label: String, higherIsBetter: Bool, _ before: MetricSummary, _ after: MetricSummary,
                      _ tolerance: [String: Double]) -> MetricShift {
        judge(metric, label, higherIsBetter: higherIsBetter, before, after, tolerance[metric] ?? 0)
    }

    /// Worsening = the change in the bad direction (positive = worse). Regressed when the mean worsens by more than
    /// the tolerance, or for lower-is-better metrics when the p95 (the tail) does.
    static func judge(_ metric: String, _ label: String, higherIsBetter: Bool, _ before: MetricSummary, _ after: MetricSummary,
                      _ tolerance: Double) -> MetricShift {
        func worsening(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b else { return nil }
            return higherIsBetter ? a - b : b - a
        }
        let meanWorse = worsening(before.mean, after.mean)
        let tailWorse = higherIsBetter ? nil : worsening(before.p95, after.p95)
        let direction: MetricShift.Direction
        if let meanWorse {
            direction = abs(meanWorse) < 1e-9 ? .unchanged : meanWorse > 0 ? .worse : .better
        } else {
            direction = .unknown
        }
        let regressed = (meanWorse ?? 0) > tolerance + 1e-9 || (tailWorse ?? 0) > tolerance + 1e-9
        return MetricShift(metric: metric, label: label, higherIsBetter: higherIsBetter, before: before, after: after,
                           tolerance: tolerance, direction: direction, regressed: regressed)
    }
}
