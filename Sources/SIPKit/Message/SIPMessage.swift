import WireCore

/// The first line of a SIP message (RFC 3261 §7.1, §7.2).
public enum SIPStartLine: Sendable, Hashable {
    case request(method: SIPMethod, uri: String)
    case response(statusCode: Int, reason: String)
}

/// One header line, unfolded (RFC 3261 §7.3.1: continuation lines joined by one space).
public struct SIPHeaderField: Sendable, Hashable {
    public var name: SIPHeaderName
    public var value: String
    public init(name: SIPHeaderName, value: String) { self.name = name; self.value = value }
}

/// A parsed SIP request or response that owns its text.
///
/// Headers keep their order; look-ups use case-insensitive names with compact forms expanded.
/// Accessors parse on demand and return nil when a header is missing or unreadable.
public struct SIPMessage: Sendable, Hashable {
    public var startLine: SIPStartLine
    public var headers: [SIPHeaderField]
    /// The body bytes (after the blank line, limited by Content-Length).
    public var body: [UInt8]
    /// Bytes the message occupied in its datagram or stream, headers plus body.
    public var wireLength: Int
    /// True when Content-Length promised more body bytes than the datagram held.
    public var isBodyTruncated: Bool

    public init(startLine: SIPStartLine, headers: [SIPHeaderField], body: [UInt8], wireLength: Int, isBodyTruncated: Bool = false) {
        self.startLine = startLine; self.headers = headers; self.body = body
        self.wireLength = wireLength; self.isBodyTruncated = isBodyTruncated
    }

    // MARK: Start line

    public var isRequest: Bool { if case .request = startLine { return true } else { return false } }
    /// The request method, nil for responses.
    public var method: SIPMethod? { if case .request(let m, _) = startLine { return m } else { return nil } }
    /// The Request-URI text, nil for responses.
    public var requestURI: String? { if case .request(_, let u) = startLine { return u } else { return nil } }
    /// The status code, nil for requests.
    public var statusCode: Int? { if case .response(let c, _) = startLine { return c } else { return nil } }
    /// The reason phrase, nil for requests.
    public var reasonPhrase: String? { if case .response(_, let r) = startLine { return r } else { return nil } }

    // MARK: Headers

    /// The first value of `name`, or nil.
    public func header(_ name: SIPHeaderName) -> String? {
        for field in headers where field.name == name { return field.value }
        return nil
    }

    /// Every value of `name`, over repeated header lines and comma-separated lists (RFC 3261 §7.3.1).
    ///
    /// Only use for list-valued headers (Via, Contact, Route, Supported …), not for
    /// single-valued headers whose text may contain commas (dates, User-Agent).
    public func headerValues(_ name: SIPHeaderName) -> [String] {
        var out: [String] = []
        for field in headers where field.name == name {
            for part in splitOutsideQuotes(field.value[...], separator: ",") {
                let trimmed = part.trimmingLinearWhitespace
                if !trimmed.isEmpty { out.append(String(trimmed)) }
            }
        }
        return out
    }

    public var callID: String? { header(.callID) }

    /// CSeq sequence number and method (RFC 3261 §20.16).
    public var cseq: (number: UInt32, method: SIPMethod)? {
        guard let v = header(.cseq) else { return nil }
        let parts = v.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let n = UInt32(parts[0]) else { return nil }
        return (n, SIPMethod(parts[1]))
    }

    public var from: SIPNameAddress? { header(.from).flatMap { SIPNameAddress(parsing: $0) } }
    public var to: SIPNameAddress? { header(.to).flatMap { SIPNameAddress(parsing: $0) } }
    public var fromTag: String? { from?.tag }
    public var toTag: String? { to?.tag }

    /// The `branch` parameter of the topmost Via (RFC 3261 §8.1.1.7).
    public var topViaBranch: String? {
        guard let via = headerValues(.via).first else { return nil }
        return parseParameters(splitOutsideQuotes(via[...], separator: ";").dropFirst()[...]).value(of: "branch")
    }

    /// The first Contact address.
    public var contact: SIPNameAddress? { headerValues(.contact).first.flatMap { SIPNameAddress(parsing: $0) } }
    public var userAgent: String? { header(.userAgent) }
    public var server: String? { header(.server) }
    /// The first P-Asserted-Identity (RFC 3325 §9.1).
    public var pAssertedIdentity: SIPNameAddress? { headerValues(.pAssertedIdentity).first.flatMap { SIPNameAddress(parsing: $0) } }
    /// The first Remote-Party-ID (draft-ietf-sip-privacy-04, still common in carrier traffic).
    public var remotePartyID: SIPNameAddress? { headerValues(.remotePartyID).first.flatMap { SIPNameAddress(parsing: $0) } }
    /// The Content-Type media type, lowercased and without parameters, e.g. `application/sdp`.
    public var contentType: String? {
        guard let v = header(.contentType) else { return nil }
        let base = v.split(separator: ";", maxSplits: 1).first ?? v[...]
        return base.trimmingLinearWhitespace.asciiLowercased
    }
    /// Content-Length (RFC 3261 §20.14), nil when absent or not a number.
    public var contentLength: Int? { header(.contentLength).flatMap { Int($0.trimmingLinearWhitespace) } }
}
