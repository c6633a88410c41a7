import Foundation
import Reporting

/// The sample report fixture and small builders for hand-made report documents.
enum ReportFixture {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sample-report.json")

    static func sample() throws -> JSONValue {
        try JSONValue.parse(bytes: Array(try Data(contentsOf: url)))
    }

    /// A minimal call object; `extra` members replace or extend the defaults.
    static func call(_ id: String, _ extra: [(String, JSONValue)] = []) -> JSONValue {
        var value = JSONValue.object([
            ("call_id", .string(id)), ("from", .string("<sip:1@a>")), ("to", .string("<sip:2@b>")),
            ("caller", .null), ("callee", .null), ("state", .string("completed")),
            ("final_status", .int(200)), ("final_reason", .string("OK")),
            ("pdd_ms", .null), ("stream_ids", .array([])), ("mos", .null),
        ])
        for (key, member) in extra { value = value.setting(key, to: member) }
        return value
    }

    static func stream(_ id: String, callID: String?, _ extra: [(String, JSONValue)] = []) -> JSONValue {
        var value = JSONValue.object([
            ("id", .string(id)), ("call_id", .text(callID)), ("src_ip", .string("10.0.0.1")), ("dst_ip", .string("10.0.0.2")),
            ("loss_pct", .double(0)), ("max_jitter_ms", .double(1)), ("quality", .object([("mos", .null)])), ("flags", .array([])),
        ])
        for (key, member) in extra { value = value.setting(key, to: member) }
        return value
    }

    static func report(calls: [JSONValue], streams: [JSONValue] = []) -> JSONValue {
        .object([("schema", .string("callscope.report/1")), ("calls", .array(calls)), ("streams", .array(streams))])
    }
}
