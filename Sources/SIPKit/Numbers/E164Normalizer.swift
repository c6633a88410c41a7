/// Turns SIP user parts and tel: numbers into E.164 digit strings (ITU-T E.164, no '+').
///
/// Rules, in order:
/// 1. Visual separators `-` `.` `(` `)` and spaces are removed (RFC 3966 §5.1.1).
/// 2. A leading `+` marks a global number: the digits are E.164 as written.
/// 3. A configured international prefix (`00`, `810` …) is removed: the rest is E.164.
/// 4. With a default country code: the national trunk prefix (`8` for country 7, else `0`)
///    is replaced by the country code; a number that starts with the country code followed by a
///    national significant number is kept; a bare national significant number gets the country code.
/// 5. Anything else (extensions, names) is not derivable: nil.
/// Results must have 8…15 digits (E.164 §6 maximum 15).
public struct E164Normalizer: Sendable, Hashable {
    /// Country code applied to national numbers, e.g. `7`; nil disables rule 4.
    public var defaultCountryCode: String?
    /// National (trunk) prefix replaced by the country code.
    public var nationalPrefix: String
    /// International call prefixes stripped from dialled numbers, longest tried first.
    public var internationalPrefixes: [String]
    /// Lengths of national significant numbers (without trunk prefix) accepted for rule 4.
    public var nationalNumberLengths: ClosedRange<Int>

    /// Defaults: trunk prefix `8` and 10-digit numbers for country 7 (Russia/Kazakhstan),
    /// `1` and 10 digits for country 1 (NANP), otherwise `0` and 7…12 digits.
    public init(defaultCountryCode: String? = nil, nationalPrefix: String? = nil,
                internationalPrefixes: [String] = ["810", "00"], nationalNumberLengths: ClosedRange<Int>? = nil) {
        self.defaultCountryCode = defaultCountryCode
        switch defaultCountryCode {
        case "7": self.nationalPrefix = nationalPrefix ?? "8"; self.nationalNumberLengths = nationalNumberLengths ?? 10...10
        case "1": self.nationalPrefix = nationalPrefix ?? "1"; self.nationalNumberLengths = nationalNumberLengths ?? 10...10
        default: self.nationalPrefix = nationalPrefix ?? "0"; self.nationalNumberLengths = nationalNumberLengths ?? 7...12
        }
        self.internationalPrefixes = internationalPrefixes.sorted { $0.count > $1.count }
    }

    /// Normalises a dialled or presented number; nil when it is not a telephone number.
    public func normalize(_ raw: some StringProtocol) -> String? {
        var text = Substring(raw).trimmingLinearWhitespace
        if let semi = text.firstIndex(ofASCII: UInt8(ascii: ";")) { text = text[..<semi] }  // tel: parameters
        // Scanned as bytes: only ASCII digits and separators are accepted, so any other byte (a non-ASCII
        // character, or one combined with a following mark) rejects the number, as it does character by character.
        var kept: [UInt8] = []
        var global = false
        for (i, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "+") && i == 0 { global = true; continue }
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: " "): continue
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): kept.append(byte)
            default: return nil
            }
        }
        let digits = String(decoding: kept, as: UTF8.self)
        if global { return valid(digits) }
        for prefix in internationalPrefixes where digits.hasPrefix(prefix) {
            return valid(String(digits.dropFirst(prefix.count)))
        }
        guard let cc = defaultCountryCode else { return nil }
        if !nationalPrefix.isEmpty, digits.hasPrefix(nationalPrefix) {
            let national = digits.dropFirst(nationalPrefix.count)
            if nationalNumberLengths.contains(national.count) { return valid(cc + national) }
        }
        if digits.hasPrefix(cc), nationalNumberLengths.contains(digits.count - cc.count) { return valid(digits) }
        if nationalNumberLengths.contains(digits.count) { return valid(cc + digits) }
        return nil
    }

    /// The E.164 number of an address: tel: and `user=phone` URIs, and numeric SIP user parts.
    /// A local number with a global `phone-context` (`8005551234;phone-context=+1`, RFC 3966 §5.1.5)
    /// gets the context digits in front.
    public func normalize(_ address: SIPNameAddress) -> String? {
        guard let user = address.uri.user, !user.isEmpty else { return nil }
        let userParts = user.split(separator: ";", omittingEmptySubsequences: true)
        let number = userParts.first ?? user[...]
        let context = parseParameters(userParts.dropFirst()).value(of: "phone-context")
            ?? address.uri.parameters.value(of: "phone-context")
        if !number.hasPrefix("+"), let context, context.hasPrefix("+") {
            return normalize(context + number)
        }
        return normalize(number)
    }

    private func valid(_ digits: String) -> String? { (8...15).contains(digits.count) ? digits : nil }
}
