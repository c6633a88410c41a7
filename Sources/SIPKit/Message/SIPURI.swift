/// A parsed SIP, SIPS or tel URI (RFC 3261 §19.1, RFC 3966).
///
/// Parsing is lax: unknown schemes keep their text in `host`; nothing here throws.
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Hashable { case sip, sips, tel, other }

    public var scheme: Scheme
    /// The user part (`alice`, `+15551234`); for tel: the number.
    public var user: String?
    /// Host name or address text (IPv6 without brackets); empty for tel:.
    public var host: String
    public var port: UInt16?
    /// URI parameters (`;transport=udp;user=phone`), names lowercased.
    public var parameters: [SIPParameter]
    /// The URI text as written.
    public var text: String

    public var description: String { text }

    /// Whether the URI says the user part is a telephone number (`tel:` or `user=phone`, RFC 3261 §19.1.1).
    public var isTelephoneNumber: Bool { scheme == .tel || parameters.value(of: "user")?.equalsIgnoringASCIICase("phone") == true }

    public init(scheme: Scheme, user: String?, host: String, port: UInt16?, parameters: [SIPParameter], text: String) {
        self.scheme = scheme; self.user = user; self.host = host; self.port = port
        self.parameters = parameters; self.text = text
    }

    /// Parses URI text such as `sip:alice@example.com:5060;transport=tcp` or `tel:+1-201-555-0123`.
    public init(parsing raw: some StringProtocol) {
        let text = raw.trimmingLinearWhitespace
        guard let colon = text.firstIndex(ofASCII: UInt8(ascii: ":")) else {
            self.init(scheme: .other, user: nil, host: String(text), port: nil, parameters: [], text: String(text))
            return
        }
        let schemeText = text[..<colon].asciiLowercased
        var rest = text.after(colon)
        if let q = rest.firstIndex(ofASCII: UInt8(ascii: "?")) { rest = rest[..<q] }  // URI headers are not needed
        // The user part may carry its own ';' parameters (telephone-subscriber, RFC 3261 §19.1.1),
        // so split off "user@" before reading URI parameters.
        var user: String?
        if schemeText == "sip" || schemeText == "sips", let at = rest.firstIndex(ofASCII: UInt8(ascii: "@")) {
            var userInfo = rest[..<at]
            if let pw = userInfo.firstIndex(ofASCII: UInt8(ascii: ":")) { userInfo = userInfo[..<pw] }
            user = String(userInfo)
            rest = rest.after(at)
        }
        let pieces = rest.split(atASCII: UInt8(ascii: ";"))
        let main = pieces.first ?? rest[...]
        let params = parseParameters(pieces.dropFirst())
        switch schemeText {
        case "tel":
            self.init(scheme: .tel, user: String(main), host: "", port: nil, parameters: params, text: String(text))
        case "sip", "sips":
            let (host, port) = SIPURI.splitHostPort(main)
            self.init(scheme: schemeText == "sips" ? .sips : .sip, user: user, host: host, port: port,
                      parameters: params, text: String(text))
        default:
            self.init(scheme: .other, user: nil, host: String(rest), port: nil, parameters: params, text: String(text))
        }
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port` → (host without brackets, port).
    static func splitHostPort(_ text: Substring) -> (String, UInt16?) {
        if text.utf8.first == UInt8(ascii: "[") {
            let inside = text.after(text.startIndex)
            guard let close = inside.firstIndex(ofASCII: UInt8(ascii: "]")) else { return (String(inside), nil) }
            let host = String(inside[..<close])
            let after = inside.after(close)
            if after.utf8.first == UInt8(ascii: ":") { return (host, UInt16(after.after(after.startIndex))) }
            return (host, nil)
        }
        if let c = text.lastIndex(ofASCII: UInt8(ascii: ":")) {
            return (String(text[..<c]), UInt16(text.after(c)))
        }
        return (String(text), nil)
    }
}

/// A name-addr or addr-spec with header parameters, as in From, To, Contact,
/// P-Asserted-Identity and Remote-Party-ID (RFC 3261 §20.10, §25.1; RFC 3325).
public struct SIPNameAddress: Sendable, Hashable {
    /// Display name without quotes, nil when absent.
    public var displayName: String?
    public var uri: SIPURI
    /// Header parameters after the address (`tag`, `expires`, `party` …), names lowercased.
    public var parameters: [SIPParameter]

    /// The `tag` parameter (RFC 3261 §19.3).
    public var tag: String? { parameters.value(of: "tag") }

    /// Parses one address value, e.g. `"Bob" <sip:bob@b.example>;tag=1928`.
    /// Returns nil for an empty value or the `*` wildcard Contact.
    public init?(parsing raw: some StringProtocol) {
        let text = raw.trimmingLinearWhitespace
        if text.isEmpty || text == "*" { return nil }
        if let open = SIPNameAddress.firstUnquoted(UInt8(ascii: "<"), in: text) {
            guard let close = text[open...].firstIndex(ofASCII: UInt8(ascii: ">")) else { return nil }
            let name = text[..<open].trimmingLinearWhitespace.withoutEnclosingQuotes
            displayName = name.isEmpty ? nil : SIPNameAddress.unescapeQuoted(name)
            uri = SIPURI(parsing: text.after(open)[..<close])
            let tail = text.after(close)
            parameters = parseParameters(splitOutsideQuotes(tail, separator: ";")[...])
        } else {
            // addr-spec form: parameters after the URI belong to the header (RFC 3261 §20.10).
            let pieces = splitOutsideQuotes(text, separator: ";")
            displayName = nil
            uri = SIPURI(parsing: pieces[0])
            parameters = parseParameters(pieces.dropFirst())
        }
    }

    /// Position of the first `target` byte outside a quoted string (scanned as UTF-8 bytes).
    static func firstUnquoted(_ target: UInt8, in text: Substring) -> Substring.Index? {
        var inQuotes = false, escaped = false
        let bytes = text.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if escaped { escaped = false }
            else if inQuotes { if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inQuotes = false } }
            else if c == UInt8(ascii: "\"") { inQuotes = true }
            else if c == target { return i }
            i = bytes.index(after: i)
        }
        return nil
    }

    static func unescapeQuoted(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return String(text) }
        var out = "", escaped = false
        for c in text {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }
}
