/// How a call attempt ended, for the ratios of ITU-T E.411/E.425 and RFC 6076.
enum CallOutcome {
    /// Attempts exclude calls still in progress at the end of the capture.
    static func isAttempt(_ call: JSONValue) -> Bool { call.string(at: "state") != "in_progress" }

    /// NER numerator (E.425 "network effectiveness"): the network delivered the call to the user —
    /// answered, user busy (486, 600), no answer (480, 408 after ringing, state no_answer, or cancelled
    /// while ringing), or rejected by the terminal (603).
    static func reachedUser(_ call: JSONValue) -> Bool {
        if ReportView.isAnswered(call) { return true }
        let status = call.int(at: "final_status")
        if let status, [486, 600, 603, 480].contains(status) { return true }
        let state = call.string(at: "state")
        if state == "no_answer" { return true }
        let rang = call.string(at: "ringing_time") != nil
        if rang && (state == "cancelled" || status == 487 || status == 408) { return true }
        return false
    }

    /// RFC 6076 §4.6: 3xx redirections are excluded from the SER denominator.
    static func isRedirected(_ call: JSONValue) -> Bool {
        guard let status = call.int(at: "final_status") else { return false }
        return (300..<400).contains(status)
    }
}
