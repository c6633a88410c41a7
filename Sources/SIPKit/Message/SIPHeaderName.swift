/// A SIP header name: case-insensitive, case-preserving, compact forms expanded
/// (RFC 3261 §7.3.1 names are case-insensitive; §7.3.3 and later RFCs define one-letter forms).
///
/// Equality and hashing use `canonicalName` (the lowercased long form), so `i`, `Call-ID`
/// and `call-id` are the same header.
public struct SIPHeaderName: Hashable, Sendable, CustomStringConvertible {
    /// The name as written in the message.
    public let rawName: String
    /// Lowercased long form, e.g. `call-id` for `i`.
    public let canonicalName: String

    public init(_ rawName: some StringProtocol) {
        self.rawName = String(rawName)
        let lower = rawName.asciiLowercased
        if lower.utf8.count == 1, let long = SIPHeaderName.compactForms[lower] {
            self.canonicalName = long
        } else {
            self.canonicalName = lower
        }
    }

    public static func == (lhs: SIPHeaderName, rhs: SIPHeaderName) -> Bool { lhs.canonicalName == rhs.canonicalName }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalName) }
    public var description: String { rawName }

    /// Compact forms: RFC 3261 §7.3.3 (i m e l c f s k t v), RFC 3515 (r), RFC 6665 (o u),
    /// RFC 3892 (b), RFC 4028 (x), RFC 3841 (a j d), RFC 4474 (y n).
    static let compactForms: [String: String] = [
        "i": "call-id", "m": "contact", "e": "content-encoding", "l": "content-length",
        "c": "content-type", "f": "from", "s": "subject", "k": "supported", "t": "to", "v": "via",
        "r": "refer-to", "o": "event", "u": "allow-events", "b": "referred-by", "x": "session-expires",
        "a": "accept-contact", "j": "reject-contact", "d": "request-disposition", "y": "identity",
        "n": "identity-info",
    ]

    public static let callID = SIPHeaderName("Call-ID")
    public static let cseq = SIPHeaderName("CSeq")
    public static let from = SIPHeaderName("From")
    public static let to = SIPHeaderName("To")
    public static let via = SIPHeaderName("Via")
    public static let contact = SIPHeaderName("Contact")
    public static let contentLength = SIPHeaderName("Content-Length")
    public static let contentType = SIPHeaderName("Content-Type")
    public static let userAgent = SIPHeaderName("User-Agent")
    public static let server = SIPHeaderName("Server")
    public static let pAssertedIdentity = SIPHeaderName("P-Asserted-Identity")
    public static let remotePartyID = SIPHeaderName("Remote-Party-ID")
    public static let require = SIPHeaderName("Require")
    public static let rseq = SIPHeaderName("RSeq")
    public static let reason = SIPHeaderName("Reason")
}

/// A SIP method token (RFC 3261 §7.1; methods are case-sensitive).
public struct SIPMethod: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: some StringProtocol) { self.rawValue = String(rawValue) }
    public var description: String { rawValue }

    public static let invite = SIPMethod("INVITE")
    public static let ack = SIPMethod("ACK")
    public static let bye = SIPMethod("BYE")
    public static let cancel = SIPMethod("CANCEL")
    public static let register = SIPMethod("REGISTER")
    public static let options = SIPMethod("OPTIONS")
    public static let prack = SIPMethod("PRACK")
    public static let update = SIPMethod("UPDATE")
    public static let info = SIPMethod("INFO")
    public static let refer = SIPMethod("REFER")
    public static let notify = SIPMethod("NOTIFY")
    public static let subscribe = SIPMethod("SUBSCRIBE")
    public static let message = SIPMethod("MESSAGE")
}
