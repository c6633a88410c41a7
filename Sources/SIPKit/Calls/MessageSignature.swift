/// What makes two copies of a message "the same message" within one call, whichever hop carried it
/// (RFC 3261 §17): requests by method, CSeq, sender and RAck; responses by status, CSeq, method,
/// To tag and RSeq (RFC 3262). Proxies change Via branches, so branches are left out here and
/// only used per hop (`CallBuilder.HopSignature`).
struct MessageSignature: Hashable, Sendable {
    var fromCaller: Bool
    var isRequest: Bool
    var method: SIPMethod
    var statusCode: Int
    var cseq: UInt32
    var toTag: String
    var rseq: String

    init(_ message: SIPMessage, essentials: MessageEssentials, fromCaller: Bool, cseq: UInt32, cseqMethod: SIPMethod) {
        self.fromCaller = fromCaller
        self.isRequest = message.isRequest
        self.method = cseqMethod
        self.statusCode = message.statusCode ?? 0
        self.cseq = cseq
        // A request's To tag does not change between retransmissions; a response's To tag tells forks apart.
        self.toTag = message.isRequest ? "" : (essentials.toTag ?? "")
        self.rseq = essentials.reliableSequence
    }
}

extension SIPMessage {
    /// Short flow text: `INVITE (SDP)`, `180 Ringing`, `200 OK (SDP)`.
    var flowSummary: String { flowSummary(hasSDP: sdpBody != nil) }

    /// The first line in short; `carriesSDP` adds " (SDP)".
    func flowSummary(hasSDP carriesSDP: Bool) -> String {
        let base: String
        switch startLine {
        case .request(let method, _): base = method.rawValue
        case .response(let code, let reason): base = reason.isEmpty ? "\(code)" : "\(code) \(reason)"
        }
        return carriesSDP ? base + " (SDP)" : base
    }
}
