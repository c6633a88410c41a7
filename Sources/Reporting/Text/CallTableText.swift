import CallAnalysis
import SIPKit

/// `callscope calls`: one row per call (INVITE dialog set) in order of first INVITE.
///
/// PDD, answer time (ms) and duration (s) are RFC 6076 figures measured from the attempt's first INVITE
/// (`CallRecord.pddMs`, `answerMs`, `durationS`); "-" when the event was not captured. MOS is the worst
/// direction's conversational MOS through the reference jitter buffer. The full Call-ID comes last so it can be
/// copied into `callscope flow --call`.
public enum CallTableText {
    public static func render(_ result: AnalysisResult) -> String {
        var table = TextTable([
            .init("start (UTC)"), .init("caller → callee"), .init("state"), .init("code", .right), .init("PDD ms", .right),
            .init("answer ms", .right), .init("duration s", .right), .init("streams"), .init("MOS", .right), .init("Call-ID"),
        ])
        for call in result.sip.calls {
            let streams = result.streamIDsByCall[call.callID] ?? []
            table.append([
                Cell.time(call.inviteTime.iso8601), "\(party(call.caller, call.fromURI)) → \(party(call.callee, call.toURI))",
                call.state.rawValue, Cell.number(call.finalStatus), Cell.number(call.pddMs, 1), Cell.number(call.answerMs, 1),
                Cell.number(call.durationS, 3), streams.isEmpty ? "-" : streams.joined(separator: ","),
                Cell.number(result.mos(forCall: call.callID), 2), call.callID,
            ])
        }
        return table.render()
    }

    /// E.164 number with "+" when normalised, else the URI without its scheme and parameters
    /// (`sip:5514540002@200.57.7.195:55061;user=phone` → `5514540002@200.57.7.195:55061`).
    static func party(_ number: String?, _ uri: String) -> String {
        if let number { return "+" + number }
        var text = Substring(uri)
        for scheme in ["sips:", "sip:", "tel:"] where text.lowercased().hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
            break
        }
        if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }
        return text.isEmpty ? "?" : String(text)
    }
}
