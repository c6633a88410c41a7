/// One threshold a call or stream failed.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    /// The call (`call_id`), nil for report-wide metrics (ASR) and streams no call refers to.
    public var callID: String?
    public var streamID: String?
    /// The JSON name of the metric (`mos`, `loss_pct`, `max_jitter_ms`, `pdd_ms`, `asr_pct`).
    public var metric: String
    public var measured: Double
    public var limit: Double
    /// "min" when the value must be at least `limit`, "max" when at most.
    public var bound: Bound

    public enum Bound: String, Sendable { case min, max }

    public var description: String {
        let subject = switch (callID, streamID) {
        case let (call?, stream?): "call \(call) stream \(stream)"
        case let (call?, nil): "call \(call)"
        case let (nil, stream?): "stream \(stream)"
        case (nil, nil): "report"
        }
        return "\(subject): \(metric) \(NumberText.compact(measured, 2)) \(bound == .min ? "<" : ">") \(bound == .min ? "min" : "max") \(NumberText.compact(limit, 2))"
    }
}

/// The result of evaluating a report against a policy.
public struct GateResult: Sendable {
    /// Every violation, in report order (calls, their streams, unlinked streams, then report-wide).
    public var violations: [Violation]
    /// The subjects evaluated, one per call then one per unlinked stream: (call_id or nil, stream_id or nil).
    public var subjects: [(callID: String?, streamID: String?)]
    /// Answered / attempted calls, percent (nil without calls).
    public var asrPct: Double?

    public var passed: Bool { violations.isEmpty }
    /// 0 when all passed, 1 on any violation (the `check` command's documented status).
    public var exitCode: Int32 { passed ? 0 : 1 }
}

/// The CI quality gate: streams against MOS/loss/jitter limits, calls against PDD, the report against ASR.
/// A metric the report holds as `null` (not measurable) is not a violation.
public enum QualityGate {
    public static func evaluate(_ report: JSONValue, policy: QualityPolicy) -> GateResult {
        let view = ReportView(report)
        var violations: [Violation] = []
        var subjects: [(String?, String?)] = []
        for call in view.calls {
            let callID = call.string(at: "call_id")
            subjects.append((callID, nil))
            check(call.double(at: "pdd_ms"), max: policy.maxPDDMs, metric: "pdd_ms", callID: callID, streamID: nil, into: &violations)
            for stream in view.streams(of: call) { checkStream(stream, callID: callID, policy: policy, into: &violations) }
        }
        for stream in view.unlinkedStreams {
            subjects.append((nil, stream.string(at: "id")))
            checkStream(stream, callID: nil, policy: policy, into: &violations)
        }
        let attempts = view.calls.filter { $0.string(at: "state") != "in_progress" }
        let asr = attempts.isEmpty ? nil : 100 * Double(attempts.filter(ReportView.isAnswered).count) / Double(attempts.count)
        check(asr, min: policy.minASRPct, metric: "asr_pct", callID: nil, streamID: nil, into: &violations)
        return GateResult(violations: violations, subjects: subjects, asrPct: asr)
    }

    static func checkStream(_ stream: JSONValue, callID: String?, policy: QualityPolicy, into violations: inout [Violation]) {
        let id = stream.string(at: "id")
        check(stream.double(at: "quality.mos"), min: policy.minMOS, metric: "mos", callID: callID, streamID: id, into: &violations)
        check(stream.double(at: "loss_pct"), max: policy.maxLossPct, metric: "loss_pct", callID: callID, streamID: id, into: &violations)
        check(stream.double(at: "max_jitter_ms"), max: policy.maxJitterMs, metric: "max_jitter_ms", callID: callID, streamID: id, into: &violations)
    }

    static func check(_ measured: Double?, min limit: Double?, metric: String, callID: String?, streamID: String?, into violations: inout [Violation]) {
        guard let measured, let limit, measured < limit else { return }
        violations.append(Violation(callID: callID, streamID: streamID, metric: metric, measured: measured, limit: limit, bound: .min))
    }

    static func check(_ measured: Double?, max limit: Double?, metric: String, callID: String?, streamID: String?, into violations: inout [Violation]) {
        guard let measured, let limit, measured > limit else { return }
        violations.append(Violation(callID: callID, streamID: streamID, metric: metric, measured: measured, limit: limit, bound: .max))
    }
}
