extension SIPMessage {
    /// Cheap check that a payload starts like SIP: its first line (after keep-alive CRLFs, within the
    /// first 1024 bytes) is `SIP/2.0 <code> …` or `<token> <uri> SIP/2.0` (RFC 3261 §7.1–7.2).
    /// For classifying traffic on ports other than 5060/5061 before paying for a full parse.
    public static func looksLikeSIP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        let limit = min(bytes.count, start + 1024)
        var end = start
        while end < limit, bytes[end] != 0x0A { end += 1 }
        guard end < limit else { return false }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        let version: [UInt8] = Array("SIP/2.0".utf8)
        let length = end - start
        guard length > version.count + 1 else { return false }
        func matches(at offset: Int) -> Bool {
            for i in 0..<version.count where bytes[offset + i] != version[i] { return false }
            return true
        }
        if matches(at: start) {
            // Status-Line: "SIP/2.0 " then three digits.
            guard length >= version.count + 4, bytes[start + version.count] == 0x20 else { return false }
            return (1...3).allSatisfy { bytes[start + version.count + $0].isASCIIDigit }
        }
        // Request-Line: method token, space, …, space, "SIP/2.0".
        guard matches(at: end - version.count), bytes[end - version.count - 1] == 0x20 else { return false }
        var i = start
        while i < end, bytes[i] != 0x20 {
            if !isTokenByte(bytes[i]) { return false }
            i += 1
        }
        return i > start
    }
}
