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
            case .calls: return (key, .array(result.sip.calls.map { CallJSON.build($0, result: result) }))
            case .streams: return (key, .array(result.streams.map(StreamJSON.build)))
            }
        })
    }

    /// Writes the document as `build(…).serialized()` would (UTF-8), without holding it: the calls and streams
    /// (the bulk of a busy capture's report) are written one at a time straight to text (no tree is built),
    /// and `output` receives the bytes in pieces of about `chunkBytes` (the last one ends with the final newline).
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
            case .calls:
                try writeItems(result.sip.calls, to: &out, chunkBytes: chunkBytes, output: output) {
                    CallJSON.write($0, result: result, to: &$1)
                }
            case .streams:
                try writeItems(result.streams, to: &out, chunkBytes: chunkBytes, output: output) {
                    StreamJSON.write($0, to: &$1)
                }
            }
        }
        out.append(0x0A)
        try output(out)
    }

    /// A top-level array written item by item, handing out the text whenever it reaches `chunkBytes`.
    private static func writeItems<Item>(_ items: [Item], to out: inout [UInt8], chunkBytes: Int,
                                         output: ([UInt8]) throws -> Void,
                                         item write: (Item, inout JSONTextWriter) -> Void) rethrows {
        var writer = JSONTextWriter(level: 2)
        defer { writer.deallocate() }
        try JSONValue.writeArray(count: items.count, to: &out, indent: 1) { j, out in
            writer.reset()
            write(items[j], &writer)
            out.append(contentsOf: writer.bytes)
            if out.count >= chunkBytes { try output(out); out.removeAll(keepingCapacity: true) }
        }
    }

    /// A top-level member: a value, or the calls or streams (built or written one at a time).
    enum Member {
        case value(JSONValue)
        case calls
        case streams
    }

    /// The document's top-level members, in contract order.
    static func members(_ result: AnalysisResult, generatorVersion: String) -> [(String, Member)] {
        [
            ("schema", .value(.string(schema))),
            ("generator", .value(.object([("name", .string("callscope")), ("version", .string(generatorVersion))]))),
            ("captures", .value(.array(result.captures.map { entry in
                .object(entry.summary.contractJSON(skipped: entry.skipped) + [("protocols", entry.counts.json)])
            }))),
            ("calls", .calls),
            ("streams", .streams),
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
}
