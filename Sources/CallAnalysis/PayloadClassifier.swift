/// Cheap first-bytes tests that sort transport payloads into SIP, RTP, RTCP and the rest.
public enum PayloadKind: String, Sendable, Hashable, CaseIterable {
    case sip, rtp, rtcp, stun, dtls, zrtp, other
}

public enum PayloadClassifier {
    /// SIP request methods recognised at the start of a message (RFC 3261 and extensions).
    static let methods: [[UInt8]] = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE",
                                     "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"].map { Array($0.utf8) }
    static let sipVersion = Array("SIP/2.0".utf8)

    /// True when `bytes` starts like a SIP request line (`METHOD sp`…`SIP/2.0`) or status line (`SIP/2.0 sp`).
    public static func looksLikeSIP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.count < 12 { return false }
        // Every method and "SIP/2.0" starts with an upper-case letter; RTP/RTCP (128–191), STUN, DTLS do not.
        guard bytes[0] &- 0x41 < 26 else { return false }
        if startsWith(bytes, sipVersion, at: 0) { return bytes[7] == 0x20 }
        for method in methods where startsWith(bytes, method, at: 0) && bytes.count > method.count && bytes[method.count] == 0x20 {
            // The request line must end in SIP/2.0 before its CRLF.
            let limit = min(bytes.count, 2048)
            var i = method.count + 1
            while i < limit && bytes[i] != 0x0D && bytes[i] != 0x0A { i += 1 }
            return i >= 7 && startsWith(bytes, sipVersion, at: i - 7)
        }
        return false
    }

    /// Demultiplexes a UDP payload by its first byte as RFC 7983 does (STUN 0–3, ZRTP 16–19,
    /// DTLS 20–63, RTP/RTCP 128–191) and RTP vs RTCP by RFC 5761 (packet type 192–223 is RTCP).
    public static func classifyMedia(_ bytes: UnsafeRawBufferPointer) -> PayloadKind {
        guard bytes.count >= 4 else { return .other }
        let first = bytes[0]
        switch first {
        case 0...3: return bytes.count >= 20 ? .stun : .other
        case 16...19: return .zrtp
        case 20...63: return .dtls
        case 128...191:
            let second = bytes[1]
            if second >= 192 && second <= 223 { return bytes.count >= 8 ? .rtcp : .other }
            return bytes.count >= 12 ? .rtp : .other
        default: return .other
        }
    }

    static func startsWith(_ bytes: UnsafeRawBufferPointer, _ prefix: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + prefix.count <= bytes.count else { return false }
        for i in 0..<prefix.count where bytes[offset + i] != prefix[i] { return false }
        return true
    }
}
