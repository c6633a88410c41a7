import CallAnalysis
import SIPKit
import WireCore

/// One `calls[]` entry: the contract's fields, then the timeline and SDP history the HTML ladder draws.
enum CallJSON {
    static func build(_ call: CallRecord, result: AnalysisResult) -> JSONValue {
        let streamIDs = result.streamIDsByCall[call.callID] ?? []
        var flags: [String] = []
        if call.answerTime != nil && streamIDs.isEmpty { flags.append("no_media_after_answer") }
        return .object([
            ("call_id", .string(call.callID)),
            ("from", .string(nameAddress(call.fromDisplayName, call.fromURI))),
            ("to", .string(nameAddress(call.toDisplayName, call.toURI))),
            ("caller", .text(call.caller)),
            ("callee", .text(call.callee)),
            ("state", .string(call.state.rawValue)),
            ("final_status", .number(call.finalStatus)),
            ("final_reason", .text(call.finalReason)),
            ("invite_time", ReportDocument.time(call.inviteTime)),
            ("ringing_time", ReportDocument.time(call.ringingTime)),
            ("answer_time", ReportDocument.time(call.answerTime)),
            ("end_time", ReportDocument.time(call.endTime)),
            ("pdd_ms", .number(call.pddMs)),
            ("srd_ms", .number(call.srdMs)),
            ("answer_ms", .number(call.answerMs)),
            ("duration_s", .number(call.durationS)),
            ("sdd_ms", .number(call.sddMs)),
            ("ended_by", .text(call.endedBy?.rawValue)),
            ("stream_ids", .array(streamIDs.map(JSONValue.string))),
            ("mos", .number(result.mos(forCall: call.callID))),
            ("from_uri", .string(call.fromURI)),
            ("to_uri", .string(call.toURI)),
            ("user_agents", .object([("caller", .text(call.callerUserAgent)), ("callee", .text(call.calleeUserAgent))])),
            ("caller_signalling", .string(call.callerSignalling.description)),
            ("callee_signalling", .string(call.calleeSignalling.description)),
            ("transport", .string(call.transport == .tcp ? "tcp" : "udp")),
            ("first_provisional_time", ReportDocument.time(call.firstProvisionalTime)),
            ("ack_time", ReportDocument.time(call.ackTime)),
            ("bye_time", ReportDocument.time(call.byeTime)),
            ("bye_response_time", ReportDocument.time(call.byeResponseTime)),
            ("invites", .int(call.initialInviteCount)),
            ("auth_challenges", .int(call.authChallenges)),
            ("redirects", .int(call.redirects)),
            ("session_modifications", .int(call.sessionModifications)),
            ("retransmissions", .int(call.retransmissions)),
            ("flags", .array(flags.map(JSONValue.string))),
            ("messages", .array(call.messages.map { m in
                .object([("time", .string(m.time.iso8601)), ("src", .string(m.source.description)),
                         ("dst", .string(m.destination.description)), ("summary", .string(m.summary)),
                         ("packet", .int(m.packetNumber)), ("retransmission", .bool(m.isRetransmission))])
            })),
            ("messages_dropped", .int(call.droppedMessages)),
            ("media", .array(call.media.map { event in
                .object([("time", .string(event.time.iso8601)), ("sender", .string(event.sender.rawValue)),
                         ("role", .string(event.role.rawValue)), ("carried_by", .string(event.carriedBy)),
                         ("streams", .array(event.streams.map { s in
                             .object([("kind", .string(s.kind)), ("address", .text(s.address?.description)),
                                      ("port", .int(Int(s.port))), ("codec", .text(s.codec?.description)),
                                      ("payload_type", .number(s.payloadType.map(Int.init))), ("ptime", .number(s.ptime)),
                                      ("direction", .string(s.direction.rawValue)), ("encrypted", .bool(s.isEncrypted)),
                                      ("rtcp_mux", .bool(s.rtcpMux))])
                         }))])
            })),
        ])
    }

    /// `"Alice" <sip:alice@example.com>` or the bare URI.
    static func nameAddress(_ display: String?, _ uri: String) -> String {
        guard let display, !display.isEmpty else { return uri }
        return "\"\(display)\" <\(uri)>"
    }
}
