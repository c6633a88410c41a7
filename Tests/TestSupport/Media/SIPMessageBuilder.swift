/// SIP message text (RFC 3261 §7) with CRLF line ends and a Content-Length that matches the body's UTF-8 bytes.
public struct SIPMessageBuilder: Sendable, Hashable {
    /// Request-Line or Status-Line, without CRLF (e.g. `INVITE sip:bob@example.com SIP/2.0`).
    public var startLine: String
    /// Header fields in order, as (name, value). A `Content-Length` given here is replaced by the real one
    /// unless `contentLengthOverride` is set.
    public var headers: [(name: String, value: String)]
    public var body: String
    /// Writes this Content-Length value instead of the real one (for framing-error tests).
    public var contentLengthOverride: Int?

    public init(startLine: String, headers: [(name: String, value: String)], body: String = "", contentLengthOverride: Int? = nil) {
        self.startLine = startLine; self.headers = headers; self.body = body; self.contentLengthOverride = contentLengthOverride
    }

    public var text: String {
        var out = startLine + "\r\n"
        for header in headers where header.name.lowercased() != "content-length" && header.name != "l" {
            out += "\(header.name): \(header.value)\r\n"
        }
        out += "Content-Length: \(contentLengthOverride ?? body.utf8.count)\r\n\r\n"
        return out + body
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    public static func == (lhs: SIPMessageBuilder, rhs: SIPMessageBuilder) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// A minimal INVITE with an SDP offer for one audio stream.
    public static func invite(callID: String, from: String = "sip:alice@example.com", to: String = "sip:bob@example.com",
                              fromTag: String = "a1", cseq: Int = 1, via: String = "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1",
                              sdp: String? = nil) -> SIPMessageBuilder {
        let body = sdp ?? SDPBuilder.audioOffer(address: "192.0.2.1", port: 40000, payloadTypes: [0, 8, 101])
        return SIPMessageBuilder(startLine: "INVITE \(to) SIP/2.0", headers: [
            ("Via", via), ("Max-Forwards", "70"), ("From", "<\(from)>;tag=\(fromTag)"), ("To", "<\(to)>"),
            ("Call-ID", callID), ("CSeq", "\(cseq) INVITE"), ("Contact", "<\(from)>"), ("Content-Type", "application/sdp"),
        ], body: body)
    }

    /// A response to a request with the same Call-ID/From/CSeq, e.g. `response(status: 200, reason: "OK", …)`.
    public static func response(status: Int, reason: String, callID: String, from: String = "sip:alice@example.com",
                                to: String = "sip:bob@example.com", fromTag: String = "a1", toTag: String? = "b1",
                                cseq: Int = 1, method: String = "INVITE", via: String = "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1",
                                body: String = "", contentType: String? = nil) -> SIPMessageBuilder {
        var headers: [(name: String, value: String)] = [
            ("Via", via), ("From", "<\(from)>;tag=\(fromTag)"), ("To", "<\(to)>" + (toTag.map { ";tag=\($0)" } ?? "")),
            ("Call-ID", callID), ("CSeq", "\(cseq) \(method)"),
        ]
        if let contentType { headers.append(("Content-Type", contentType)) }
        return SIPMessageBuilder(startLine: "SIP/2.0 \(status) \(reason)", headers: headers, body: body)
    }
}

/// Minimal SDP bodies (RFC 4566 / RFC 8866) for tests.
public enum SDPBuilder {
    /// An audio offer: `m=audio <port> RTP/AVP <pts>` with rtpmap lines for well-known types and `a=ptime`.
    public static func audioOffer(address: String, port: UInt16, payloadTypes: [UInt8], ptime: Int = 20,
                                  sessionID: UInt64 = 1) -> String {
        let family = address.contains(":") ? "IP6" : "IP4"
        var lines = [
            "v=0", "o=- \(sessionID) 1 IN \(family) \(address)", "s=-", "c=IN \(family) \(address)", "t=0 0",
            "m=audio \(port) RTP/AVP " + payloadTypes.map(String.init).joined(separator: " "),
        ]
        let names: [UInt8: String] = [0: "PCMU/8000", 8: "PCMA/8000", 9: "G722/8000", 18: "G729/8000", 101: "telephone-event/8000"]
        for pt in payloadTypes { if let name = names[pt] { lines.append("a=rtpmap:\(pt) \(name)") } }
        lines.append("a=ptime:\(ptime)")
        lines.append("a=sendrecv")
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
