import WireCore

extension SessionDescription {
    /// Parses SDP text (RFC 4566 §5). Unknown lines are ignored; the first line must be `v=`.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> SessionDescription {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }[...]
        while let first = lines.first, first.trimmingLinearWhitespace.isEmpty { lines = lines.dropFirst() }
        guard let first = lines.first, first.hasPrefix("v=") else {
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
            guard line.count >= 2, line[line.index(after: line.startIndex)] == "=" else { continue }
            let type = line.first
            let value = line.dropFirst(2)
            switch type {
            case "o": session.origin = String(value)
            case "c":
                let address = parseConnection(value)
                if current != nil { current?.connectionAddress = address; mediaHasConnection = true }
                else { session.connectionAddress = address }
            case "m":
                finishMedia()
                mediaHasConnection = false; mediaDirection = nil
                current = parseMediaLine(value)
            case "a":
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

    /// `IN IP4 192.0.2.1/127/3` → address (TTL and count suffixes dropped).
    static func parseConnection(_ value: Substring) -> IPAddress? {
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return nil }
        let addressText = parts[2].split(separator: "/").first ?? parts[2]
        return IPAddress(addressText)
    }

    /// `audio 49170/2 RTP/AVP 0 8 101`
    static func parseMediaLine(_ value: Substring) -> SDPMedia? {
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return nil }
        let portParts = parts[1].split(separator: "/")
        guard let portText = portParts.first, let port = UInt16(portText) else { return nil }
        return SDPMedia(kind: String(parts[0]), port: port, portCount: portParts.count > 1 ? Int(portParts[1]) ?? 1 : 1,
                        proto: String(parts[2]), formats: parts.dropFirst(3).map(String.init), connectionAddress: nil,
                        rtpmap: [:], fmtp: [:], ptime: nil, maxPtime: nil, direction: .sendrecv, rtcpPort: nil,
                        rtcpAddress: nil, rtcpMux: false, cryptoSuites: [], hasFingerprint: false, candidates: [])
    }

    static func splitAttribute(_ value: Substring) -> (String, Substring?) {
        guard let colon = value.firstIndex(of: ":") else { return (String(value.trimmingLinearWhitespace), nil) }
        return (String(value[..<colon]), value[value.index(after: colon)...])
    }

    static func applyMediaAttribute(_ name: String, _ value: Substring, to media: inout SDPMedia) {
        switch name {
        case "rtpmap":
            // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, let pt = UInt8(parts[0]), pt < 128 else { return }
            let enc = parts[1].trimmingLinearWhitespace.split(separator: "/")
            guard enc.count >= 2, let rate = Int(enc[1]), rate > 0 else { return }
            media.rtpmap[pt] = Codec(name: String(enc[0]), clockRate: rate, channels: enc.count > 2 ? Int(enc[2]) ?? 1 : 1)
        case "fmtp":
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, let pt = UInt8(parts[0]) else { return }
            media.fmtp[pt] = String(parts[1])
        case "ptime": media.ptime = Int(value.trimmingLinearWhitespace).flatMap { $0 > 0 ? $0 : nil }
        case "maxptime": media.maxPtime = Int(value.trimmingLinearWhitespace)
        case "rtcp":
            // a=rtcp:<port> [IN IP4 <address>] (RFC 3605)
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let first = parts.first, let port = UInt16(first) else { return }
            media.rtcpPort = port
            if parts.count == 2 { media.rtcpAddress = parseConnection(parts[1]) }
        case "crypto":
            // a=crypto:<tag> <crypto-suite> <key-params> (RFC 4568 §9.1)
            let parts = value.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2 { media.cryptoSuites.append(String(parts[1])) }
        case "candidate":
            if let c = parseCandidate(value) { media.candidates.append(c) }
        default: return
        }
    }

    /// `foundation component transport priority address port typ type …` (RFC 8839 §5.1).
    static func parseCandidate(_ value: Substring) -> ICECandidate? {
        let p = value.split(separator: " ", omittingEmptySubsequences: true)
        guard p.count >= 8, let component = Int(p[1]), let priority = UInt32(p[3]), let port = UInt16(p[5]),
              p[6] == "typ" else { return nil }
        return ICECandidate(foundation: String(p[0]), component: component, transport: String(p[2]),
                            priority: priority, address: String(p[4]), port: port, type: String(p[7]))
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
