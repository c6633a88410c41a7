/// Read-only navigation over a report document for renderers: calls, streams by id, answered state.
struct ReportView {
    let report: JSONValue
    let calls: [JSONValue]
    let streams: [JSONValue]
    let streamsByID: [String: JSONValue]

    init(_ report: JSONValue) {
        self.report = report
        calls = report.array(at: "calls")
        streams = report.array(at: "streams")
        var byID: [String: JSONValue] = [:]
        for stream in streams { if let id = stream.string(at: "id"), byID[id] == nil { byID[id] = stream } }
        streamsByID = byID
    }

    func streams(of call: JSONValue) -> [JSONValue] {
        call.array(at: "stream_ids").compactMap { $0.stringValue.flatMap { streamsByID[$0] } }
    }

    /// Streams no call refers to (shown in their own section).
    var unlinkedStreams: [JSONValue] {
        var linked = Set<String>()
        for call in calls { for id in call.array(at: "stream_ids") { if let id = id.stringValue { linked.insert(id) } } }
        return streams.filter { !linked.contains($0.string(at: "id") ?? "") }
    }

    /// Call indices from worst to best: scored calls by ascending MOS, then calls that were not answered,
    /// then the rest in report order.
    var callIndicesWorstFirst: [Int] {
        let scored = calls.indices.filter { calls[$0].double(at: "mos") != nil }
            .sorted { (calls[$0].double(at: "mos") ?? 0, $0) < (calls[$1].double(at: "mos") ?? 0, $1) }
        let failed = calls.indices.filter {
            calls[$0].double(at: "mos") == nil && !Self.isAnswered(calls[$0]) && calls[$0].string(at: "state") != "in_progress"
        }
        let listed = Set(scored + failed)
        return scored + failed + calls.indices.filter { !listed.contains($0) }
    }

    /// A call was answered when it has a 2xx final status or an answer time.
    static func isAnswered(_ call: JSONValue) -> Bool {
        if let status = call.int(at: "final_status"), (200..<300).contains(status) { return true }
        return call.string(at: "answer_time") != nil
    }
}
