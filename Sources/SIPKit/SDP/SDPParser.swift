import WireCore

extension SessionDescription {
    /// Parses SDP text (RFC 4566 §5). Unknown lines are ignored; the first line must be `v=`.
    ///
    /// Scanned as bytes (every delimiter is ASCII): lines end at LF with a CRLF's CR and one more stray CR
    /// dropped, fields split at single spaces, and only the values kept are decoded as UTF-8 text (invalid
    /// sequences repaired, as decoding the whole body would).
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> SessionDescription {
        let lines = sdpLines(bytes[...])
        guard let first = lines.first(where: { !$0.allSatisfy(\.isLinearWhitespace) }),
              first.starts(with: [UInt8(ascii: "v"), UInt8(ascii: "=")]) else {
            throw ParseError(.invalidValue, layer: .sdp, offset: 0, detail: "SDP does not start with v=")
        }
        var session = SessionDescription(origin: nil, connectionAddress: nil, direction: nil, media: [])
        var sessionFingerprint = false
        var current: SDPMedia?
        var mediaHasConnection = false
        var mediaDirection: MediaDirection?

        func finishMedia() {
            guard var m = current else { return }
            if !mediaHasConnection { m.connectionAddress = session.connectionAddress }
            m.direction = mediaDirection ?? session.direction ?? .sendrecv
            m.hasFingerprint = m.hasFingerprint || sessionFingerprint
            session.media.append(m)
            current = nil
        }

        for line in lines {
            guard line.count >= 2, line[line.startIndex + 1] == UInt8(ascii: "=") else { continue }
            let value = line.dropFirst(2)
            switch line[line.startIndex] {
            case UInt8(ascii: "o"): session.origin = text(value)
            case UInt8(ascii: "c"):
                let address = parseConnection(value)
                if current != nil { current?.connectionAddress = address; mediaHasConnection = true }
                else { session.connectionAddress = address }
            case UInt8(ascii: "m"):
                finishMedia()
                mediaHasConnection = false; mediaDirection = nil
                current = parseMediaLine(value)
            case UInt8(ascii: "a"):
                let (name, attrValue) = splitAttribute(value)
                if let direction = MediaDirection(rawValue: name) {
                    if current != nil { mediaDirection = direction } else { session.direction = direction }
                    continue
                }
                if name == "fingerprint" {
                    if current != nil { current?.hasFingerprint = true } else { sessionFingerprint = true }
                    continue
                }
                guard var media = current else { continue }
                if name == "rtcp-mux" { media.rtcpMux = true }
                if let attrValue { applyMediaAttribute(name, attrValue, to: &media) }
                current = media
            default: continue
            }
        }
        finishMedia()
        return session
    }

    typealias Bytes = ArraySlice<UInt8>

    /// The non-empty lines: split at LF; the CR of a CRLF and one more trailing CR are not part of the line
    /// (a body ending in CR without LF loses that one CR).
    static func sdpLines(_ bytes: Bytes) -> [Bytes] {
        var lines: [Bytes] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let lineFeed = bytes[start...].firstIndex(of: 0x0A)
            var end = lineFeed ?? bytes.endIndex
            var returns = lineFeed == nil ? 1 : 2
            while returns > 0, end > start, bytes[end - 1] == 0x0D { end -= 1; returns -= 1 }
            if end > start { lines.append(bytes[start ..< end]) }
            start = (lineFeed ?? bytes.endIndex) + (lineFeed == nil ? 0 : 1)
        }
        return lines
    }

    /// The bytes as text (UTF-8, invalid sequences repaired).
    static func text(_ bytes: Bytes) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Space-separated fields, empty ones skipped.
    static func fields(_ bytes: Bytes, maxSplits: Int = .max) -> [Bytes] {
        bytes.split(separator: UInt8(ascii: " "), maxSplits: maxSplits, omittingEmptySubsequences: true)
    }

    /// Without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: Bytes) -> Bytes {
        guard let first = bytes.firstIndex(where: { !$0.isLinearWhitespace }),
              let last = bytes.lastIndex(where: { !$0.isLinearWhitespace }) else { return bytes[bytes.endIndex...] }
        return bytes[first ... last]
    }

    /// A decimal field as `T(String)` reads it (sign allowed, nothing else).
    static func number<T: FixedWidthInteger>(_ bytes: Bytes, as type: T.Type = T.self) -> T? { T(text(bytes)) }

    /// `IN IP4 192.0.2.1/127/3` → address (TTL and count suffixes dropped).
    static func parseConnection(_ value: Bytes) -> IPAddress? {
        let parts = fields(value)
        guard parts.count >= 3 else { return nil }
        let addressText = parts[2].split(separator: UInt8(ascii: "/")).first ?? parts[2]
        return IPAddress(text(addressText))
    }

    /// `audio 49170/2 RTP/AVP 0 8 101`
    static func parseMediaLine(_ value: Bytes) -> SDPMedia? {
        let parts = fields(value)
        guard parts.count >= 3 else { return nil }
        let portParts = parts[1].split(separator: UInt8(ascii: "/"))
        guard let portText = portParts.first, let port: UInt16 = number(portText) else { return nil }
        return SDPMedia(kind: text(parts[0]), port: port,
                        portCount: portParts.count > 1 ? number(portParts[1]) ?? 1 : 1,
                        proto: text(parts[2]), formats: parts.dropFirst(3).map(text), connectionAddress: nil,
                        rtpmap: [:], fmtp: [:], ptime: nil, maxPtime: nil, direction: .sendrecv, rtcpPort: nil,
                        rtcpAddress: nil, rtcpMux: false, cryptoSuites: [], hasFingerprint: false, candidates: [])
    }

    /// `name:value` → (name, value); `name` alone (trimmed) → (name, nil).
    static func splitAttribute(_ value: Bytes) -> (String, Bytes?) {
        guard let colon = value.firstIndex(of: UInt8(ascii: ":")) else { return (text(trimmed(value)), nil) }
        return (text(value[..<colon]), value[(colon + 1)...])
    }

    static func applyMediaAttribute(_ name: String, _ value: Bytes, to media: inout SDPMedia) {
        switch name {
        case "rtpmap":
            // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
            let parts = fields(value, maxSplits: 1)
            guard parts.count == 2, let pt: UInt8 = number(parts[0]), pt < 128 else { return }
            let enc = trimmed(parts[1]).split(separator: UInt8(ascii: "/"))
            guard enc.count >= 2, let rate: Int = number(enc[1]), rate > 0 else { return }
            media.rtpmap[pt] = Codec(name: text(enc[0]), clockRate: rate, channels: enc.count > 2 ? number(enc[2]) ?? 1 : 1)
        case "fmtp":
            let parts = fields(value, maxSplits: 1)
            guard parts.count == 2, let pt: UInt8 = number(parts[0]) else { return }
            media.fmtp[pt] = text(parts[1])
        case "ptime": media.ptime = (number(trimmed(value)) as Int?).flatMap { $0 > 0 ? $0 : nil }
        case "maxptime": media.maxPtime = number(trimmed(value))
        case "rtcp":
            // a=rtcp:<port> [IN IP4 <address>] (RFC 3605)
            let parts = fields(value, maxSplits: 1)
            guard let first = parts.first, let port: UInt16 = number(first) else { return }
            media.rtcpPort = port
            if parts.count == 2 { media.rtcpAddress = parseConnection(parts[1]) }
        case "crypto":
            // a=crypto:<tag> <crypto-suite> <key-params> (RFC 4568 §9.1)
            let parts = fields(value)
            if parts.count >= 2 { media.cryptoSuites.append(text(parts[1])) }
        case "candidate":
            if let c = parseCandidate(value) { media.candidates.append(c) }
        default: return
        }
    }

    /// `foundation component transport priority address port typ type …` (RFC 8839 §5.1).
    static func parseCandidate(_ value: Bytes) -> ICECandidate? {
        let p = fields(value)
        guard p.count >= 8, let component: Int = number(p[1]), let priority: UInt32 = number(p[3]),
              let port: UInt16 = number(p[5]), p[6].elementsEqual("typ".utf8) else { return nil }
        return ICECandidate(foundation: text(p[0]), component: component, transport: text(p[2]),
                            priority: priority, address: text(p[4]), port: port, type: text(p[7]))
    }
}

extension SIPMessage {
    /// The SDP body: the whole body for `application/sdp`, or the first `application/sdp`
    /// part of a `multipart/*` body (RFC 2046 §5.1, RFC 5621). Nil when there is none.
    public var sdpBody: [UInt8]? {
        guard !body.isEmpty else { return nil }
        let type = contentType
        if type == nil || type == "application/sdp" {
            // A body without Content-Type is taken as SDP only when it looks like SDP.
            if type == nil, !(body.starts(with: Array("v=".utf8))) { return nil }
            return body
        }
        guard let type, type.hasPrefix("multipart/"), let header = header(.contentType) else { return nil }
        let params = parseParameters(splitOutsideQuotes(header[...], separator: ";").dropFirst()[...])
        guard let boundary = params.value(of: "boundary"), !boundary.isEmpty else { return nil }
        return MultipartBody.firstPart(in: body, boundary: boundary, contentType: "application/sdp")
    }

    /// The parsed SDP body, nil when absent or unreadable.
    public var sessionDescription: SessionDescription? {
        guard let sdp = sdpBody else { return nil }
        return try? SessionDescription.parse(sdp)
    }
}

/// Minimal MIME multipart splitting (RFC 2046 §5.1.1).
enum MultipartBody {
    static func firstPart(in body: [UInt8], boundary: String, contentType wanted: String) -> [UInt8]? {
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var i = 0
        while i + delimiter.count <= body.count {
            if (i == 0 || body[i - 1] == 0x0A), body[i..<(i + delimiter.count)].elementsEqual(delimiter) {
                positions.append(i)
                i += delimiter.count
            } else { i += 1 }
        }
        guard positions.count >= 2 else { return nil }
        for (start, end) in zip(positions, positions.dropFirst()) {
            // Part starts after the delimiter line, ends before the CRLF preceding the next delimiter.
            guard let lf = indexOfLineFeed(body, from: start, to: end) else { continue }
            var partEnd = end
            if partEnd > 0, body[partEnd - 1] == 0x0A { partEnd -= 1 }
            if partEnd > 0, body[partEnd - 1] == 0x0D { partEnd -= 1 }
            let part = Array(body[(lf + 1)..<max(lf + 1, partEnd)])
            guard let head = try? SIPMessage.parseHeaderBlock(part) else { continue }
            let type = head.fields.first { $0.name == .contentType }.map {
                ($0.value.split(separator: ";").first ?? "").trimmingLinearWhitespace.asciiLowercased
            }
            if type == wanted { return Array(part[head.bodyStart...]) }
        }
        return nil
    }
}

extension SIPMessage {
    /// Parses a bare MIME header block (no start line) followed by a blank line.
    static func parseHeaderBlock(_ bytes: [UInt8]) throws(ParseError) -> (fields: [SIPHeaderField], bodyStart: Int) {
        var fields: [SIPHeaderField] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lf = indexOfLineFeed(bytes, from: lineStart, to: bytes.count) ?? bytes.count
            var lineEnd = lf
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd == lineStart { return (fields, min(lf + 1, bytes.count)) }
            if let colon = bytes[lineStart..<lineEnd].firstIndex(of: 0x3A) {
                fields.append(SIPHeaderField(name: SIPHeaderName(trimmedText(bytes[lineStart..<colon])),
                                             value: trimmedText(bytes[(colon + 1)..<lineEnd])))
            }
            lineStart = lf + 1
        }
        return (fields, bytes.count)
    }
}
