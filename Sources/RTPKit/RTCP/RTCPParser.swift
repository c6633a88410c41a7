import WireCore

/// Parses RTCP compound packets (RFC 3550 §6, RFC 3611 XR) over borrowed bytes.
///
/// Every length is checked against the bytes present before it is used; a malformed packet
/// stops parsing with a `ParseError` (layer `.rtcp`, offset from the start of the compound)
/// while the packets before it are kept.
public enum RTCPParser {
    /// RTCP packet types (RFC 3550 §12.1, RFC 3611 §5).
    public enum PacketType {
        public static let senderReport: UInt8 = 200, receiverReport: UInt8 = 201, sourceDescription: UInt8 = 202
        public static let goodbye: UInt8 = 203, application: UInt8 = 204, extendedReport: UInt8 = 207
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> RTCPCompound {
        var packets: [RTCPPacket] = []
        var offset = 0
        while offset < bytes.count {
            // Some stacks append a few zero bytes after the last packet; tshark ignores them too.
            if !packets.isEmpty, bytes.count - offset < 4, (offset..<bytes.count).allSatisfy({ bytes[$0] == 0 }) {
                return RTCPCompound(packets: packets, error: nil, trailingBytes: bytes.count - offset)
            }
            do throws(ParseError) {
                let (packet, length) = try parsePacket(bytes, at: offset)
                packets.append(packet)
                offset += length
            } catch {
                return RTCPCompound(packets: packets, error: error, trailingBytes: 0)
            }
        }
        if packets.isEmpty {
            return RTCPCompound(packets: [], error: .truncated(.rtcp, offset: 0, needed: 4, available: bytes.count), trailingBytes: 0)
        }
        return RTCPCompound(packets: packets, error: nil, trailingBytes: 0)
    }

    /// One packet at `offset`; returns it and its total length in bytes.
    static func parsePacket(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(ParseError) -> (RTCPPacket, Int) {
        guard let first = bytes.u8(at: offset), let type = bytes.u8(at: offset + 1), let words = bytes.be16(at: offset + 2) else {
            throw .truncated(.rtcp, offset: offset, needed: 4, available: bytes.count - offset)
        }
        guard first >> 6 == 2 else {
            throw ParseError(.invalidValue, layer: .rtcp, offset: offset, detail: "RTCP version \(first >> 6), expected 2")
        }
        let length = (Int(words) + 1) * 4
        guard offset + length <= bytes.count else {
            throw .truncated(.rtcp, offset: offset, needed: length, available: bytes.count - offset)
        }
        var end = offset + length
        if first & 0x20 != 0 {
            let padding = Int(bytes[end - 1])
            guard padding > 0, padding <= length - 4 else {
                throw ParseError(.badLength, layer: .rtcp, offset: end - 1, detail: "padding count \(padding) exceeds packet")
            }
            end -= padding
        }
        guard let body = bytes.slice(ByteRange(start: offset, count: end - offset)) else {
            throw .truncated(.rtcp, offset: offset, needed: length, available: bytes.count - offset)
        }
        let count = Int(first & 0x1F)
        let packet: RTCPPacket
        do throws(ParseError) {
            switch type {
            case PacketType.senderReport: packet = .senderReport(try senderReport(body, count: count))
            case PacketType.receiverReport: packet = .receiverReport(try receiverReport(body, count: count))
            case PacketType.sourceDescription: packet = .sourceDescription(try sourceDescriptions(body, count: count))
            case PacketType.goodbye: packet = .goodbye(try goodbye(body, count: count))
            case PacketType.application:
                guard let ssrc = body.be32(at: 4), let name = body.be32(at: 8) else { throw short(12, body) }
                packet = .application(ssrc: ssrc, subtype: UInt8(count), name: name)
            case PacketType.extendedReport: packet = .extendedReport(try extendedReport(body))
            default: packet = .other(packetType: type, length: length)
            }
        } catch {
            var located = error
            located.offset += offset
            throw located
        }
        return (packet, length)
    }

    static func short(_ needed: Int, _ body: UnsafeRawBufferPointer) -> ParseError {
        .truncated(.rtcp, offset: 0, needed: needed, available: body.count)
    }

    static func reportBlocks(_ body: UnsafeRawBufferPointer, at start: Int, count: Int) throws(ParseError) -> [ReceptionReportBlock] {
        guard start + count * 24 <= body.count else { throw ParseError(.badLength, layer: .rtcp, offset: start,
            needed: start + count * 24, available: body.count, detail: "\(count) report blocks do not fit") }
        var blocks: [ReceptionReportBlock] = []
        blocks.reserveCapacity(count)
        for i in 0..<count {
            let at = start + i * 24
            // Bounds were checked above for the whole block list.
            let lostField = body.be32(at: at + 4) ?? 0
            let cumulative = Int32(bitPattern: (lostField & 0x00FF_FFFF) << 8) >> 8  // sign-extend 24 bits
            blocks.append(ReceptionReportBlock(
                ssrc: body.be32(at: at) ?? 0, fractionLost: UInt8(lostField >> 24), cumulativeLost: cumulative,
                extendedHighestSequence: body.be32(at: at + 8) ?? 0, jitter: body.be32(at: at + 12) ?? 0,
                lastSR: body.be32(at: at + 16) ?? 0, delaySinceLastSR: body.be32(at: at + 20) ?? 0))
        }
        return blocks
    }

    static func senderReport(_ body: UnsafeRawBufferPointer, count: Int) throws(ParseError) -> SenderReport {
        guard let ssrc = body.be32(at: 4), let ntp = body.be64(at: 8), let rtp = body.be32(at: 16),
              let packets = body.be32(at: 20), let octets = body.be32(at: 24) else { throw short(28, body) }
        return SenderReport(ssrc: ssrc, ntpTimestamp: ntp, rtpTimestamp: rtp, packetCount: packets, octetCount: octets,
                            reports: try reportBlocks(body, at: 28, count: count))
    }

    static func receiverReport(_ body: UnsafeRawBufferPointer, count: Int) throws(ParseError) -> ReceiverReport {
        guard let ssrc = body.be32(at: 4) else { throw short(8, body) }
        return ReceiverReport(ssrc: ssrc, reports: try reportBlocks(body, at: 8, count: count))
    }

    static func sourceDescriptions(_ body: UnsafeRawBufferPointer, count: Int) throws(ParseError) -> [SourceDescription] {
        var chunks: [SourceDescription] = []
        var at = 4
        for _ in 0..<count {
            guard let ssrc = body.be32(at: at) else { throw ParseError(.truncated, layer: .rtcp, offset: at, needed: at + 4, available: body.count) }
            var chunk = SourceDescription(ssrc: ssrc)
            at += 4
            while true {
                guard let itemType = body.u8(at: at) else {
                    throw ParseError(.truncated, layer: .rtcp, offset: at, needed: at + 1, available: body.count)
                }
                if itemType == 0 { at = (at + 4) & ~3; break }  // END, then pad to the next 32-bit boundary
                guard let itemLength = body.u8(at: at + 1), at + 2 + Int(itemLength) <= body.count,
                      let text = body.slice(ByteRange(start: at + 2, count: Int(itemLength))) else {
                    throw ParseError(.badLength, layer: .rtcp, offset: at, detail: "SDES item runs past the packet")
                }
                // Trailing NULs (seen from some stacks inside the item length) are not part of the text.
                var textCount = text.count
                while textCount > 0 && text[textCount - 1] == 0 { textCount -= 1 }
                let value = String(decoding: UnsafeRawBufferPointer(rebasing: text[0..<textCount]), as: UTF8.self)
                switch itemType {
                case 1: chunk.cname = value
                case 2: chunk.name = value
                case 6: chunk.tool = value
                default: break
                }
                at += 2 + Int(itemLength)
            }
            chunks.append(chunk)
        }
        return chunks
    }

    static func goodbye(_ body: UnsafeRawBufferPointer, count: Int) throws(ParseError) -> Goodbye {
        var sources: [UInt32] = []
        for i in 0..<count {
            guard let ssrc = body.be32(at: 4 + i * 4) else { throw short(8 + i * 4, body) }
            sources.append(ssrc)
        }
        var reason: String?
        let at = 4 + count * 4
        if let reasonLength = body.u8(at: at), reasonLength > 0 {
            guard let text = body.slice(ByteRange(start: at + 1, count: Int(reasonLength))) else {
                throw ParseError(.badLength, layer: .rtcp, offset: at, detail: "BYE reason runs past the packet")
            }
            reason = String(decoding: text, as: UTF8.self)
        }
        return Goodbye(sources: sources, reason: reason)
    }

    static func extendedReport(_ body: UnsafeRawBufferPointer) throws(ParseError) -> ExtendedReport {
        guard let ssrc = body.be32(at: 4) else { throw short(8, body) }
        var blocks: [XRBlock] = []
        var at = 8
        while at < body.count {
            guard let blockType = body.u8(at: at), let words = body.be16(at: at + 2) else {
                throw ParseError(.truncated, layer: .rtcp, offset: at, needed: at + 4, available: body.count)
            }
            let length = 4 + Int(words) * 4
            guard at + length <= body.count, let block = body.slice(ByteRange(start: at, count: length)) else {
                throw ParseError(.badLength, layer: .rtcp, offset: at, needed: at + length, available: body.count,
                                 detail: "XR block type \(blockType) runs past the packet")
            }
            blocks.append(try xrBlock(block, type: blockType, at: at))
            at += length
        }
        return ExtendedReport(ssrc: ssrc, blocks: blocks)
    }

    static func xrBlock(_ b: UnsafeRawBufferPointer, type: UInt8, at: Int) throws(ParseError) -> XRBlock {
        func needs(_ n: Int) throws(ParseError) {
            guard b.count >= n else {
                throw ParseError(.badLength, layer: .rtcp, offset: at, needed: n, available: b.count, detail: "XR block type \(type) too short")
            }
        }
        switch type {
        case 4:
            try needs(12)
            return .receiverReferenceTime(ntpTimestamp: b.be64(at: 4) ?? 0)
        case 5:
            var items: [DLRRItem] = []
            var i = 4
            while i + 12 <= b.count {
                items.append(DLRRItem(ssrc: b.be32(at: i) ?? 0, lastRR: b.be32(at: i + 4) ?? 0, delaySinceLastRR: b.be32(at: i + 8) ?? 0))
                i += 12
            }
            return .dlrr(items)
        case 6:
            try needs(40)
            let flags = b[1]
            let lossFlag = flags & 0x80 != 0, dupFlag = flags & 0x40 != 0, jitterFlag = flags & 0x20 != 0
            return .statisticsSummary(StatisticsSummaryBlock(
                ssrc: b.be32(at: 4) ?? 0, beginSequence: b.be16(at: 8) ?? 0, endSequence: b.be16(at: 10) ?? 0,
                lostPackets: lossFlag ? b.be32(at: 12) : nil, duplicatePackets: dupFlag ? b.be32(at: 16) : nil,
                minJitter: jitterFlag ? b.be32(at: 20) : nil, maxJitter: jitterFlag ? b.be32(at: 24) : nil,
                meanJitter: jitterFlag ? b.be32(at: 28) : nil, deviationJitter: jitterFlag ? b.be32(at: 32) : nil,
                ttlOrHopLimitKind: (flags >> 3) & 0x03, minTTL: b[36], maxTTL: b[37], meanTTL: b[38], deviationTTL: b[39]))
        case 7:
            try needs(36)
            return .voipMetrics(VoIPMetricsBlock(
                ssrc: b.be32(at: 4) ?? 0, lossRate: b[8], discardRate: b[9], burstDensity: b[10], gapDensity: b[11],
                burstDurationMs: b.be16(at: 12) ?? 0, gapDurationMs: b.be16(at: 14) ?? 0,
                roundTripDelayMs: b.be16(at: 16) ?? 0, endSystemDelayMs: b.be16(at: 18) ?? 0,
                signalLevel: Int8(bitPattern: b[20]), noiseLevel: Int8(bitPattern: b[21]), residualEchoReturnLoss: b[22],
                gMin: b[23], rFactor: b[24], externalRFactor: b[25], mosLQ: b[26], mosCQ: b[27], receiverConfiguration: b[28],
                jitterBufferNominalMs: b.be16(at: 30) ?? 0, jitterBufferMaximumMs: b.be16(at: 32) ?? 0,
                jitterBufferAbsoluteMaximumMs: b.be16(at: 34) ?? 0))
        default:
            return .other(blockType: type, length: b.count)
        }
    }
}
