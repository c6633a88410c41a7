import CallAnalysis
import SIPKit
import WireCore

/// Builds the `callscope.report/1` JSON document (../shared/docs/report-contract.md and
/// schema/callscope.report-1.schema.json) from an analysis result. Calls are ordered by INVITE
/// time and streams by first packet, so two runs over the same capture diff cleanly.
public enum ReportDocument {
    public static let schema = "callscope.report/1"

    public static func build(_ result: AnalysisResult, generatorVersion: String) -> JSONValue {
        .object(members(result, generatorVersion: generatorVersion).map { key, member in
            switch member {
            case .value(let value): return (key, value)
            case .items(let count, let item): return (key, .array((0..<count).map(item)))
            }
        })
    }

    /// Writes the document as `build(…).serialized()` would (UTF-8), without holding it: the calls and streams
    /// (the bulk of a busy capture's report) are built and serialised one at a time, and `output` receives
    /// the bytes in pieces of about `chunkBytes` (the last one ends with the final newline).
    public static func write(_ result: AnalysisResult, generatorVersion: String, chunkBytes: Int = 1 << 20,
                             to output: ([UInt8]) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(chunkBytes + 65_536)
        let parts = members(result, generatorVersion: generatorVersion)
        try JSONValue.writeObject(count: parts.count, to: &out, indent: 0) { i, out in
            let (key, member) = parts[i]
            JSONValue.writeKey(key, to: &out, indent: 0)
            switch member {
            case .value(let value):
                value.write(to: &out, indent: 1)
            case .items(let count, let item):
                try JSONValue.writeArray(count: count, to: &out, indent: 1) { j, out in
                    item(j).write(to: &out, indent: 2)
                    if out.count >= chunkBytes { try output(out); out.removeAll(keepingCapacity: true) }
                }
            }
        }
        out.append(0x0A)
        try output(out)
    }

    /// A top-level member: a value, or an array whose items are built on demand.
    enum Member {
        case value(JSONValue)
        case items(count: Int, item: (Int) -> JSONValue)
    }

    /// The document's top-level members, in contract order.
    static func members(_ result: AnalysisResult, generatorVersion: String) -> [(String, Member)] {
        [
            ("schema", .value(.string(schema))),
            ("generator", .value(.object([("name", .string("callscope")), ("version", .string(generatorVersion))]))),
            ("captures", .value(.array(result.captures.map { entry in
                .object(entry.summary.contractJSON(skipped: entry.skipped) + [("protocols", entry.counts.json)])
            }))),
            ("calls", .items(count: result.sip.calls.count) { CallJSON.build(result.sip.calls[$0], result: result) }),
            ("streams", .items(count: result.streams.count) {
                StreamJSON.build(result.streams[$0], bufferNames: result.jitterBufferNames)
            }),
            ("signalling", .value(SignallingJSON.build(result.sip))),
            ("jitter_buffers", .value(.object([
                ("simulated", .array(result.jitterBufferNames.map(JSONValue.string))),
                ("reference", .text(result.referenceBufferIndex < result.jitterBufferNames.count
                                    ? result.jitterBufferNames[result.referenceBufferIndex] : nil)),
            ]))),
            ("diagnostics", .value(.array(result.diagnostics.map { d in
                .object([("severity", .string(d.severity.rawValue)), ("code", .string(d.code)),
                         ("message", .string(d.message)), ("packet", .number(d.packet)), ("file", .number(d.file))])
            }))),
        ]
    }

    static func statistics(_ s: MetricStatistics) -> JSONValue {
        .object([("count", .int(s.count)), ("min", .number(s.min)), ("mean", .number(s.mean)),
                 ("p50", .number(s.p50)), ("p95", .number(s.p95)), ("max", .number(s.max))])
    }

    static func time(_ t: Timestamp?) -> JSONValue { .text(t?.iso8601) }
}
