import CallAnalysis

/// Looking up streams by the analysis ids (`s1`, `s2` … by first packet) with a usable error.
enum StreamSelection {
    static func stream(_ id: String, in result: AnalysisResult) throws -> StreamResult {
        if let stream = result.stream(withID: id) { return stream }
        throw CommandFailure(unknownMessage(id, result))
    }

    static func unknownMessage(_ id: String, _ result: AnalysisResult) -> String {
        guard !result.streams.isEmpty else { return "no stream '\(id)': the capture contains no RTP stream" }
        let known = result.streams.prefix(8).map { "\($0.id) (\($0.summary.key.source) → \($0.summary.key.destination))" }
        let more = result.streams.count > 8 ? ", … (\(result.streams.count) in all; see `callscope streams`)" : ""
        return "no stream '\(id)'; streams are: " + known.joined(separator: ", ") + more
    }
}
