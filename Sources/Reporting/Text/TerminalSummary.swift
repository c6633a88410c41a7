import CallAnalysis
import SIPKit

/// The short summary `callscope analyze` prints: captures, calls by state, streams, worst streams and why.
public enum TerminalSummary {
    public static func render(_ result: AnalysisResult, worst: Int = 5) -> String {
        var lines: [String] = []
        let packets = result.captures.reduce(0) { $0 + $1.summary.packets }
        let truncated = result.captures.filter(\.summary.truncated).map(\.summary.path)
        lines.append("Captures: \(result.captures.count) file(s), \(packets) packets" + (truncated.isEmpty ? "" : " (TRUNCATED: \(truncated.joined(separator: ", ")))"))
        var states: [String: Int] = [:]
        for call in result.sip.calls { states[call.state.rawValue, default: 0] += 1 }
        let stateText = states.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("Calls:    \(result.sip.calls.count)" + (stateText.isEmpty ? "" : " (\(stateText))"))
        if let asr = result.sip.metrics.asrPct { lines.append("ASR:      \(fixedDecimals(asr, 1)) %") }
        let sdp = result.streams.filter { $0.discovery == .sdp }.count
        lines.append("Streams:  \(result.streams.count) (\(sdp) from SDP, \(result.streams.count - sdp) heuristic)")
        let scored = result.streams.compactMap { stream in stream.reference.map { (stream, $0.conversational.mos) } }
        if !scored.isEmpty {
            lines.append("Worst streams:")
            for (stream, mos) in scored.sorted(by: { $0.1 < $1.1 }).prefix(worst) {
                let s = stream.summary
                let why = reasons(stream)
                lines.append("  \(stream.id) \(s.key.source) → \(s.key.destination) \(stream.codec ?? "?") MOS \(fixedDecimals(mos, 2))"
                             + (why.isEmpty ? "" : " — " + why.joined(separator: ", ")))
            }
        }
        let skipped = result.captures.reduce(0) { $0 + $1.skipped.total }
        if skipped > 0 { lines.append("Skipped:  \(skipped) packets (see diagnostics)") }
        return lines.joined(separator: "\n")
    }

    /// Plain-language causes of a low score.
    static func reasons(_ stream: StreamResult) -> [String] {
        let s = stream.summary
        var why: [String] = []
        if s.lossPercent >= 1 { why.append("\(fixedDecimals(s.lossPercent, 1)) % loss" + (s.burst.bursts > 0 ? " (bursty)" : "")) }
        if s.maxJitterMs >= 30 { why.append("jitter up to \(fixedDecimals(s.maxJitterMs, 0)) ms") }
        if let ref = stream.reference, stream.referenceIndex < stream.buffers.count {
            let late = stream.buffers[stream.referenceIndex].outcome.discardedLate
            if late > 0 { why.append("\(late) packets late for the jitter buffer") }
            if ref.mouthToEarDelayMs >= 200 { why.append("\(fixedDecimals(ref.mouthToEarDelayMs, 0)) ms mouth-to-ear") }
        }
        why.append(contentsOf: stream.flags)
        return why
    }
}
