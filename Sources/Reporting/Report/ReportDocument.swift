import CallAnalysis
import SIPKit
import WireCore

/// Builds the `callscope.report/1` JSON document (../shared/docs/report-contract.md and
/// schema/callscope.report-1.schema.json) from an analysis result. Calls are ordered by INVITE
/// time and streams by first packet, so two runs over the same capture diff cleanly.
public enum ReportDocument {
    public static let schema = "callscope.report/1"

    public static func build(_ result: AnalysisResult, generatorVersion: String) -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("generator", .object([("name", .string("callscope")), ("version", .string(generatorVersion))])),
            ("captures", .array(result.captures.map { entry in
                .object(entry.summary.contractJSON(skipped: entry.skipped) + [("protocols", entry.counts.json)])
            })),
            ("calls", .array(result.sip.calls.map { CallJSON.build($0, result: result) })),
            ("streams", .array(result.streams.map { StreamJSON.build($0, bufferNames: result.jitterBufferNames) })),
            ("signalling", SignallingJSON.build(result.sip)),
            ("jitter_buffers", .object([
                ("simulated", .array(result.jitterBufferNames.map(JSONValue.string))),
                ("reference", .text(result.referenceBufferIndex < result.jitterBufferNames.count
                                    ? result.jitterBufferNames[result.referenceBufferIndex] : nil)),
            ])),
            ("diagnostics", .array(result.diagnostics.map { d in
                .object([("severity", .string(d.severity.rawValue)), ("code", .string(d.code)),
                         ("message", .string(d.message)), ("packet", .number(d.packet)), ("file", .number(d.file))])
            })),
        ])
    }

    /// The contract's statistics object.
    static func statistics(_ s: MetricStatistics) -> JSONValue {
        .object([("count", .int(s.count)), ("min", .number(s.min)), ("mean", .number(s.mean)),
                 ("p50", .number(s.p50)), ("p95", .number(s.p95)), ("max", .number(s.max))])
    }

    static func time(_ t: Timestamp?) -> JSONValue { .text(t?.iso8601) }
}
