/// The dialog fields the tracker needs, read in one pass over the headers
/// (RFC 3261 §8.1.1: Call-ID, CSeq, From/To tags, top Via branch; RFC 3262: RSeq/RAck).
struct MessageEssentials: Sendable {
    var callID: String?
    var cseq: (number: UInt32, method: SIPMethod)?
    var fromTag: String?
    var toTag: String?
    var topViaBranch: String?
    /// RSeq of a response or RAck of a request (reliable provisionals), "" when absent.
    var reliableSequence: String = ""
    /// The SDP bytes (whole body or multipart part), nil when none.
    var sdpBody: [UInt8]?

    init(_ message: SIPMessage) {
        var sawVia = false
        for field in message.headers {
            switch field.name.canonicalName {
            case "call-id": if callID == nil { callID = field.value }
            case "cseq": if cseq == nil { cseq = MessageEssentials.parseCSeq(field.value) }
            case "from": if fromTag == nil { fromTag = MessageEssentials.tag(in: field.value) }
            case "to": if toTag == nil { toTag = MessageEssentials.tag(in: field.value) }
            case "via":
                if !sawVia {
                    sawVia = true
                    topViaBranch = MessageEssentials.topViaBranch(field.value)
                }
            case "rseq": if message.statusCode != nil { reliableSequence = field.value }
            case "rack": if message.isRequest { reliableSequence = field.value }
            default: break
            }
        }
        sdpBody = message.sdpBody
    }

    /// The `branch` parameter of the first Via value (RFC 3261 §8.1.1.7), read as
    /// `parseParameters(splitOutsideQuotes(first value, ";").dropFirst()).value(of: "branch")` reads it (name in any
    /// case, spaces trimmed, enclosing quotes removed, "" for a bare flag) but in one pass over the bytes, without
    /// materialising the other parameters.
    static func topViaBranch(_ value: String) -> String? {
        var text = value
        return text.withUTF8 { bytes -> String? in
            var quotes = QuoteScanner()
            var end = bytes.count
            for i in 0 ..< bytes.count where quotes.isDelimiter(bytes[i], UInt8(ascii: ",")) { end = i; break }
            var segments = QuoteScanner()
            var start = -1   // -1: still in the sent-by part before the first ';'
            for i in 0 ... end where i == end || segments.isDelimiter(bytes[i], UInt8(ascii: ";")) {
                defer { start = i + 1 }
                guard start >= 0 else { continue }
                if let branch = branchValue(bytes, start, i) { return branch }
            }
            return nil
        }
    }

    /// The value of the generic-param in `bytes[from..<to]` when it is named `branch` (any case): "" for a flag,
    /// enclosing quotes removed.
    private static func branchValue(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String? {
        let parameter = genericParameter(bytes, from, to)
        guard isNamed(parameter.name, "branch", in: bytes) else { return nil }
        guard var value = parameter.value else { return "" }
        if value.count >= 2, bytes[value.lowerBound] == UInt8(ascii: "\""), bytes[value.upperBound - 1] == UInt8(ascii: "\"") {
            value = value.lowerBound + 1 ..< value.upperBound - 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)
    }

    /// A `name [= value]` parameter in `bytes[from..<to]`: the name and the value (nil without '='), each without
    /// surrounding spaces and tabs.
    private static func genericParameter(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int)
        -> (name: Range<Int>, value: Range<Int>?) {
        let parameter = linearWhitespaceTrimmed(bytes, from, to)
        guard let eq = bytes[parameter].firstIndex(of: UInt8(ascii: "=")) else { return (parameter, nil) }
        return (linearWhitespaceTrimmed(bytes, parameter.lowerBound, eq), linearWhitespaceTrimmed(bytes, eq + 1, parameter.upperBound))
    }

    /// Whether `bytes[name]` is `expected` (lower-case ASCII) in any case.
    private static func isNamed(_ name: Range<Int>, _ expected: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count == expected.utf8CodeUnitCount
            && name.enumerated().allSatisfy { bytes[$0.element].lowercasedASCII == expected.utf8Start[$0.offset] }
    }

    static func parseCSeq(_ value: String) -> (UInt32, SIPMethod)? {
        // Split on spaces and tabs as UTF-8 bytes (a Character split segments graphemes).
        let parts = value.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        guard parts.count == 2, let n = UInt32(Substring(parts[0])) else { return nil }
        return (n, SIPMethod(Substring(parts[1])))
    }

    /// The `tag` header parameter of a From/To value, without parsing the whole address: the parameters after
    /// the last `>` (or after the addr-spec), split on `;`, the first one named `tag` (any case, spaces allowed
    /// around the name and value). Scanned over the contiguous UTF-8 bytes.
    static func tag(in value: String) -> String? {
        var text = value
        return text.withUTF8 { bytes -> String? in
            var start = 0
            if let close = bytes.lastIndex(of: UInt8(ascii: ">")) { start = close + 1 }
            // Segments between ';' (empty ones skipped); the first is the address itself unless the text after
            // '>' starts with ';'.
            var skipFirst = !(start < bytes.count && bytes[start] == UInt8(ascii: ";"))
            var segmentStart = start
            for end in start ... bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ";") {
                defer { segmentStart = end + 1 }
                guard end > segmentStart else { continue }
                if skipFirst { skipFirst = false; continue }
                if let tag = tagValue(bytes, segmentStart, end) { return tag }
            }
            return nil
        }
    }

    /// The value of one `name = value` parameter in `bytes[from..<to]` when its name is `tag` (any case).
    private static func tagValue(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String? {
        let parameter = genericParameter(bytes, from, to)
        guard isNamed(parameter.name, "tag", in: bytes), let value = parameter.value else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)
    }
}
