import WireCore

extension ParseError.Code {
    /// The first line is neither `METHOD uri SIP/2.0` nor `SIP/2.0 code reason`.
    public static let sipBadStartLine = ParseError.Code(rawValue: "bad_start_line")
    /// A header line without a colon or with an empty name.
    public static let sipBadHeader = ParseError.Code(rawValue: "bad_header")
}

/// Limits applied while parsing SIP.
public struct SIPLimits: Sendable, Hashable {
    /// Largest message accepted, headers plus body, in bytes.
    public var maxMessageBytes: Int
    /// Most header lines kept per message.
    public var maxHeaders: Int
    public init(maxMessageBytes: Int = 65_535, maxHeaders: Int = 256) {
        self.maxMessageBytes = maxMessageBytes; self.maxHeaders = maxHeaders
    }
    public static let `default` = SIPLimits()
}

extension SIPMessage {
    /// Parses one message from a datagram (RFC 3261 §7, §18.3).
    ///
    /// The body is limited by Content-Length when present (extra bytes are ignored) and is the
    /// rest of the datagram otherwise; a Content-Length beyond the data marks `isBodyTruncated`.
    /// Errors carry the byte offset of the problem from the start of `bytes`.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: SIPLimits = .default) throws(ParseError) -> SIPMessage {
        try parse(Array(bytes), limits: limits)
    }

    /// Parses one message from `bytes` (see `parse(_:limits:)` for buffers).
    public static func parse(_ bytes: [UInt8], limits: SIPLimits = .default) throws(ParseError) -> SIPMessage {
        var start = 0
        // Leading CRLFs are keep-alives or padding (RFC 5626 §3.5.1, RFC 3261 §7.5).
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        guard start < bytes.count else {
            throw ParseError.truncated(.sip, offset: start, needed: 1, available: 0)
        }
        if bytes.count - start > limits.maxMessageBytes {
            throw ParseError(.limitExceeded, layer: .sip, offset: start, needed: bytes.count - start,
                             available: limits.maxMessageBytes, detail: "message larger than the size cap")
        }
        let head = try parseHead(bytes, from: start, end: bytes.count, limits: limits)
        let available = bytes.count - head.bodyStart
        var bodyCount = available
        var truncated = false
        if let declared = head.contentLength {
            if declared > available { truncated = true } else { bodyCount = declared }
        }
        return SIPMessage(startLine: head.startLine, headers: head.headers,
                          body: Array(bytes[head.bodyStart ..< head.bodyStart + bodyCount]),
                          wireLength: head.bodyStart + bodyCount - start, isBodyTruncated: truncated)
    }

    struct Head {
        var startLine: SIPStartLine
        var headers: [SIPHeaderField]
        var bodyStart: Int
        var contentLength: Int?
    }

    /// Parses the start line and headers in `bytes[from..<end]`; the header block must end with an empty line
    /// unless the data ends right after a complete header line.
    static func parseHead(_ bytes: [UInt8], from start: Int, end: Int, limits: SIPLimits) throws(ParseError) -> Head {
        guard let firstLF = indexOfLineFeed(bytes, from: start, to: end) else {
            throw ParseError.truncated(.sip, offset: start, needed: end - start + 1, available: end - start)
        }
        let startLine = try parseStartLine(bytes[start..<firstLF], offset: start)
        var headers: [SIPHeaderField] = []
        headers.reserveCapacity(min(limits.maxHeaders, 16))
        var lineStart = firstLF + 1
        var bodyStart = end
        var contentLength: Int?
        // Collected raw value of the header being read (folded lines appended).
        var pendingName: Substring?
        var pendingValue = ""
        var pendingOffset = lineStart
        func flush() throws(ParseError) {
            guard let name = pendingName else { return }
            let field = SIPHeaderField(name: SIPHeaderName(name), value: pendingValue)
            if field.name == .contentLength {
                guard let n = Int(field.value), n >= 0 else {
                    throw ParseError(.badLength, layer: .sip, offset: pendingOffset, detail: "Content-Length '\(field.value)'")
                }
                contentLength = n
            }
            if headers.count < limits.maxHeaders { headers.append(field) }
            pendingName = nil
        }
        while lineStart < end {
            let lf = indexOfLineFeed(bytes, from: lineStart, to: end) ?? end
            var lineEnd = lf
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd == lineStart {  // empty line: end of headers
                try flush()
                bodyStart = min(lf + 1, end)
                return Head(startLine: startLine, headers: headers, bodyStart: bodyStart, contentLength: contentLength)
            }
            if bytes[lineStart].isLinearWhitespace {
                // Folded continuation line (RFC 3261 §7.3.1).
                guard pendingName != nil else {
                    throw ParseError(.sipBadHeader, layer: .sip, offset: lineStart, detail: "continuation line before any header")
                }
                let more = trimmedText(bytes[lineStart..<lineEnd])
                pendingValue = pendingValue.isEmpty ? more : pendingValue + " " + more
            } else {
                try flush()
                guard let colon = bytes[lineStart..<lineEnd].firstIndex(of: 0x3A) else {
                    throw ParseError(.sipBadHeader, layer: .sip, offset: lineStart, detail: "header line without ':'")
                }
                let nameRange = trimmedRange(bytes[lineStart..<colon])
                guard !nameRange.isEmpty, !bytes[nameRange].contains(UInt8(ascii: " ")) else {
                    throw ParseError(.sipBadHeader, layer: .sip, offset: lineStart, detail: "empty or spaced header name")
                }
                pendingName = String(decoding: bytes[nameRange], as: UTF8.self)[...]
                pendingOffset = lineStart
                pendingValue = trimmedText(bytes[(colon + 1)..<lineEnd])
            }
            if lf == end {  // data ended without the blank line
                throw ParseError.truncated(.sip, offset: end, needed: 2, available: 0)
            }
            lineStart = lf + 1
        }
        // Data ended right after a complete header line: lax acceptance with an empty body.
        try flush()
        return Head(startLine: startLine, headers: headers, bodyStart: bodyStart, contentLength: contentLength)
    }

    static func parseStartLine(_ line: ArraySlice<UInt8>, offset: Int) throws(ParseError) -> SIPStartLine {
        let text = trimmedText(line)
        // Built only on failure (the text costs more than the whole parse).
        func bad() -> ParseError {
            ParseError(.sipBadStartLine, layer: .sip, offset: offset, detail: "start line '\(text.prefix(60))'")
        }
        func fields(maxSplits: Int = .max) -> [Substring] {
            text[...].split(atASCII: UInt8(ascii: " "), maxSplits: maxSplits, omittingEmptySubsequences: true)
        }
        if text.hasPrefixIgnoringASCIICase("SIP/") {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            let parts = fields(maxSplits: 2)
            guard parts.count >= 2, parts[0].equalsIgnoringASCIICase("SIP/2.0"), parts[1].utf8.count == 3,
                  let code = Int(parts[1]), (100...699).contains(code) else { throw bad() }
            return .response(statusCode: code, reason: parts.count == 3 ? String(parts[2]) : "")
        }
        // Request-Line = Method SP Request-URI SP SIP-Version
        let parts = fields()
        guard parts.count == 3, parts[2].equalsIgnoringASCIICase("SIP/2.0"),
              parts[0].utf8.allSatisfy({ isTokenByte($0) }), parts[1].utf8.contains(UInt8(ascii: ":")) else { throw bad() }
        return .request(method: SIPMethod(parts[0]), uri: String(parts[1]))
    }

    /// RFC 3261 §25.1 `token` characters.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "~"): return true
        default: return false
        }
    }
}
