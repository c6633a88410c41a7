/// How a synthetic call ends, and the SIP messages its dialog consists of (RFC 3261 flows).
public enum CallOutcome: String, Sendable, Hashable, CaseIterable {
    /// INVITE, 100, 180, 200 (SDP answer), ACK, media, BYE, 200.
    case completed
    /// INVITE, 100, 486 Busy Here, ACK.
    case busy
    /// INVITE, 100, 503 Service Unavailable, ACK.
    case unavailable
    /// INVITE, 100, 180, CANCEL, 200 (CANCEL), 487 Request Terminated, ACK.
    case cancelled

    /// The messages in capture order.
    var script: [SIPStep] {
        switch self {
        case .completed: [.invite, .trying, .ringing, .answer, .ack, .bye, .byeOK]
        case .busy: [.invite, .trying, .busy, .failureACK]
        case .unavailable: [.invite, .trying, .unavailable, .failureACK]
        case .cancelled: [.invite, .trying, .ringing, .cancel, .cancelOK, .terminated, .failureACK]
        }
    }
}

/// One SIP message of a synthetic dialog.
enum SIPStep: Sendable, Hashable {
    case invite, trying, ringing, answer, ack, bye, byeOK
    case busy, unavailable, cancel, cancelOK, terminated, failureACK

    /// Request method, nil for responses.
    var method: String? {
        switch self {
        case .invite: "INVITE"
        case .ack, .failureACK: "ACK"
        case .bye: "BYE"
        case .cancel: "CANCEL"
        default: nil
        }
    }

    /// Response status code, nil for requests.
    var status: Int? {
        switch self {
        case .trying: 100
        case .ringing: 180
        case .answer, .byeOK, .cancelOK: 200
        case .busy: 486
        case .unavailable: 503
        case .terminated: 487
        default: nil
        }
    }
}
