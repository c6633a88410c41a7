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
        guard let colon = text.firstIndex(of: ":") else {
            self.init(scheme: .other, user: nil, host: String(text), port: nil, parameters: [], text: String(text))
            return
        }
        let schemeText = text[..<colon].asciiLowercased
        var rest = text[text.index(after: colon)...]
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }  // URI headers are not needed
        // The user part may carry its own ';' parameters (telephone-subscriber, RFC 3261 §19.1.1),
        // so split off "user@" before reading URI parameters.
        var user: String?
        if schemeText == "sip" || schemeText == "sips", let at = rest.firstIndex(of: "@") {
            var userInfo = rest[..<at]
            if let pw = userInfo.firstIndex(of: ":") { userInfo = userInfo[..<pw] }
            user = String(userInfo)
            rest = rest[rest.index(after: at)...]
        }
        let pieces = rest.split(separator: ";", omittingEmptySubsequences: false)
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
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { return (String(text.dropFirst()), nil) }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.first == ":" { return (host, UInt16(after.dropFirst())) }
            return (host, nil)
        }
        if let c = text.lastIndex(of: ":") {
            return (String(text[..<c]), UInt16(text[text.index(after: c)...]))
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
        if let open = SIPNameAddress.firstUnquoted("<", in: text) {
            guard let close = text[open...].firstIndex(of: ">") else { return nil }
            var name = text[..<open].trimmingLinearWhitespace
            if name.count >= 2, name.first == "\"", name.last == "\"" {
                name = name.dropFirst().dropLast()
            }
            displayName = name.isEmpty ? nil : SIPNameAddress.unescapeQuoted(name)
            uri = SIPURI(parsing: text[text.index(after: open)..<close])
            let tail = text[text.index(after: close)...]
            parameters = parseParameters(splitOutsideQuotes(tail, separator: ";")[...])
        } else {
            // addr-spec form: parameters after the URI belong to the header (RFC 3261 §20.10).
            let pieces = splitOutsideQuotes(text, separator: ";")
            displayName = nil
            uri = SIPURI(parsing: pieces[0])
            parameters = parseParameters(pieces.dropFirst())
        }
    }

    static func firstUnquoted(_ target: Character, in text: Substring) -> Substring.Index? {
        var inQuotes = false, escaped = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if escaped { escaped = false }
            else if inQuotes { if c == "\\" { escaped = true } else if c == "\"" { inQuotes = false } }
            else if c == "\"" { inQuotes = true }
            else if c == target { return i }
            i = text.index(after: i)
        }
        return nil
    }

    static func unescapeQuoted(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var out = "", escaped = false
        for c in text {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }
}
