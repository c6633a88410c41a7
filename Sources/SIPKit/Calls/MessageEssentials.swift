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
                    let first = splitOutsideQuotes(field.value[...], separator: ",").first ?? field.value[...]
                    topViaBranch = parseParameters(splitOutsideQuotes(first, separator: ";").dropFirst()[...]).value(of: "branch")
                }
            case "rseq": if message.statusCode != nil { reliableSequence = field.value }
            case "rack": if message.isRequest { reliableSequence = field.value }
            default: break
            }
        }
        sdpBody = message.sdpBody
    }

    static func parseCSeq(_ value: String) -> (UInt32, SIPMethod)? {
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let n = UInt32(parts[0]) else { return nil }
        return (n, SIPMethod(parts[1]))
    }

    /// The `tag` header parameter of a From/To value, without parsing the whole address.
    static func tag(in value: String) -> String? {
        var text = value[...]
        if let close = text.lastIndex(ofASCII: UInt8(ascii: ">")) { text = text.after(close) }
        for param in text.split(atASCII: UInt8(ascii: ";"), omittingEmptySubsequences: true)
            .dropFirst(text.utf8.first == UInt8(ascii: ";") ? 0 : 1) {
            let p = param.trimmingLinearWhitespace
            guard p.hasPrefixIgnoringASCIICase("tag"), let eq = p.firstIndex(ofASCII: UInt8(ascii: "=")) else { continue }
            guard p[..<eq].trimmingLinearWhitespace.equalsIgnoringASCIICase("tag") else { continue }
            return String(p.after(eq).trimmingLinearWhitespace)
        }
        return nil
    }
}
