import WireCore

/// Outcome of a call attempt when the analysis ended.
public enum CallState: String, Sendable, Hashable, CaseIterable {
    /// Answered (2xx) and ended by BYE.
    case completed
    /// Final failure response (3xx–6xx other than those below).
    case failed
    /// CANCEL sent or 487 Request Terminated received before an answer.
    case cancelled
    /// 408 Request Timeout or 480 Temporarily Unavailable before an answer (nobody picked up).
    case noAnswer = "no_answer"
    /// Answered but not yet ended, or not yet answered nor failed, when the capture ended.
    case inProgress = "in_progress"
}

/// Which side of the call did something: the caller sent the first INVITE.
public enum CallParty: String, Sendable, Hashable {
    case caller, callee
}

/// One message of a call's flow (first transmissions and retransmissions both listed).
public struct CallMessage: Sendable, Hashable {
    public var time: Timestamp
    public var source: Endpoint
    public var destination: Endpoint
    /// Short text such as `INVITE (SDP)` or `180 Ringing`.
    public var summary: String
    public var packetNumber: Int
    public var isRetransmission: Bool
}

/// One m= line as offered or answered in a call.
public struct CallMediaStream: Sendable, Hashable {
    /// `audio`, `video` …
    public var kind: String
    public var address: IPAddress?
    /// 0 when the stream is rejected.
    public var port: UInt16
    /// The first listed voice payload type and its codec.
    public var payloadType: UInt8?
    public var codec: Codec?
    /// Packetisation time in ms (`a=ptime`), nil when not given.
    public var ptime: Int?
    public var direction: MediaDirection
    public var isEncrypted: Bool
    public var rtcpMux: Bool
}

/// SDP seen in a call: who sent it, offer or answer, what it contained.
public struct CallMediaEvent: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable { case offer, answer }
    public var time: Timestamp
    public var packetNumber: Int
    /// Who wrote the SDP (media described is where that party wants to receive RTP).
    public var sender: CallParty
    public var role: Role
    /// The message that carried it, e.g. `INVITE`, `183 Session Progress`, `ACK`.
    public var carriedBy: String
    public var streams: [CallMediaStream]
}

/// Everything known about one call (one INVITE dialog set: Call-ID + caller's From tag).
///
/// Times are capture timestamps of first transmissions; nil when the event was not seen.
/// Derived delays follow RFC 6076 §4 measured from the first INVITE of the attempt.
public struct CallRecord: Sendable, Hashable {
    public var callID: String
    public var callerTag: String
    /// From and To of the first INVITE: URI text and display name.
    public var fromURI: String
    public var fromDisplayName: String?
    public var toURI: String
    public var toDisplayName: String?
    /// E.164 digits without '+', nil when not derivable.
    public var caller: String?
    public var callee: String?
    public var callerUserAgent: String?
    public var calleeUserAgent: String?
    /// Signalling endpoints: source and destination of the first INVITE.
    public var callerSignalling: Endpoint
    public var calleeSignalling: Endpoint
    public var transport: TransportProtocol

    public var inviteTime: Timestamp
    /// First 180 or 183.
    public var ringingTime: Timestamp?
    /// First provisional response other than 100 (RFC 6076 §4.3 "status indicative").
    public var firstProvisionalTime: Timestamp?
    /// First 2xx to the initial INVITE.
    public var answerTime: Timestamp?
    public var ackTime: Timestamp?
    public var cancelTime: Timestamp?
    public var byeTime: Timestamp?
    /// First final response to the first BYE.
    public var byeResponseTime: Timestamp?
    public var byeResponseStatus: Int?
    /// Time of the final response that decided an unanswered attempt.
    public var finalResponseTime: Timestamp?

    public var finalStatus: Int?
    public var finalReason: String?
    public var endedBy: CallParty?
    public var state: CallState

    /// INVITEs (first transmissions) of the attempt, auth and redirect retries included.
    public var initialInviteCount: Int
    /// 401/407 challenges received for the attempt's INVITEs.
    public var authChallenges: Int
    /// 3xx responses received for the attempt's INVITEs.
    public var redirects: Int
    /// In-dialog INVITE and UPDATE requests (first transmissions).
    public var sessionModifications: Int
    /// Retransmitted messages seen for this call.
    public var retransmissions: Int

    public var media: [CallMediaEvent]
    /// Message flow, capped (see `droppedMessages`).
    public var messages: [CallMessage]
    public var droppedMessages: Int

    /// Post-dial delay: first INVITE → first 180/183, in ms.
    public var pddMs: Double? { ringingTime.map { $0.milliseconds(since: inviteTime) } }
    /// RFC 6076 §4.3 Session Request Delay in ms: first INVITE → first non-100 provisional
    /// (or the 2xx when none came); for a failed attempt → its final failure response.
    public var srdMs: Double? {
        if let t = firstProvisionalTime ?? answerTime { return t.milliseconds(since: inviteTime) }
        if let t = finalResponseTime, let code = finalStatus, code >= 300 { return t.milliseconds(since: inviteTime) }
        return nil
    }
    /// First INVITE → 2xx, in ms.
    public var answerMs: Double? { answerTime.map { $0.milliseconds(since: inviteTime) } }
    /// RFC 6076 §4.5 Session Duration Time in seconds: 2xx → BYE.
    public var durationS: Double? {
        guard let a = answerTime, let b = byeTime else { return nil }
        return b.seconds(since: a)
    }
    /// RFC 6076 §4.4 Session Disconnect Delay in ms: BYE → its 2xx (nil when the BYE got a failure or nothing).
    public var sddMs: Double? {
        guard let b = byeTime, let r = byeResponseTime, let code = byeResponseStatus, (200...299).contains(code) else { return nil }
        return r.milliseconds(since: b)
    }
    /// BYE time for ended calls, the deciding final response for unanswered ones, else nil.
    public var endTime: Timestamp? { answerTime != nil ? byeTime : (finalResponseTime ?? cancelTime) }
}
