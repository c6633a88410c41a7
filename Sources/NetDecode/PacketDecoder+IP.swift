import WireCore

extension PacketDecoder {
    /// IPv4 (RFC 791): header length, total length (trims link padding), fragments, DSCP.
    static func decodeIPv4(_ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        let available = bytes.count - offset
        guard available >= 20, let first = bytes.u8(at: offset) else {
            packet.stopReason = .truncated(.ipv4, offset: offset, needed: 20, available: max(0, available))
            return
        }
        let headerLength = Int(first & 0x0F) * 4
        guard first >> 4 == 4, headerLength >= 20 else {
            packet.stopReason = DecodeStop(.invalidValue, layer: .ipv4, offset: offset, detail: .ipv4Header(version: first >> 4, headerLength: headerLength))
            return
        }
        guard headerLength <= available else {
            packet.stopReason = .truncated(.ipv4, offset: offset, needed: headerLength, available: available)
            return
        }
        guard let tos = bytes.u8(at: offset + 1), let total16 = bytes.be16(at: offset + 2), let id = bytes.be16(at: offset + 4),
              let flagsOffset = bytes.be16(at: offset + 6), let proto = bytes.u8(at: offset + 9),
              let src = bytes.be32(at: offset + 12), let dst = bytes.be32(at: offset + 16) else { return }
        // Total length 0 happens with TCP segmentation offload captures: trust the captured size.
        var totalLength = total16 == 0 ? available : Int(total16)
        guard totalLength >= headerLength else {
            packet.stopReason = DecodeStop(.badLength, layer: .ipv4, offset: offset, needed: headerLength, available: totalLength, detail: .ipv4TotalLengthBelowHeader)
            return
        }
        if totalLength > available {
            packet.isClipped = true
            totalLength = available
        }
        packet.network = .ipv4
        packet.source = IPAddress(ipv4: src)
        packet.destination = IPAddress(ipv4: dst)
        packet.dscp = tos >> 2
        packet.ipProtocol = proto
        packet.ipHeaderOffset = offset
        let payload = ByteRange(start: offset + headerLength, count: totalLength - headerLength)
        packet.ipPayload = payload
        let moreFragments = flagsOffset & 0x2000 != 0
        let fragmentOffset = Int(flagsOffset & 0x1FFF) * 8
        if moreFragments || fragmentOffset > 0 {
            packet.fragment = FragmentInfo(identification: UInt32(id), offsetBytes: fragmentOffset, moreFragments: moreFragments, payloadProtocol: proto)
            return
        }
        decodeIPPayload(bytes, protocolNumber: proto, payload: payload, into: &packet)
    }

    /// IPv6 (RFC 8200) with hop-by-hop, routing, destination-options, fragment and AH headers skipped.
    static func decodeIPv6(_ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        let available = bytes.count - offset
        guard available >= 40, let first = bytes.u8(at: offset), let second = bytes.u8(at: offset + 1),
              let payloadLength16 = bytes.be16(at: offset + 4), let nextHeader = bytes.u8(at: offset + 6),
              let src = bytes.be128(at: offset + 8), let dst = bytes.be128(at: offset + 24) else {
            packet.stopReason = .truncated(.ipv6, offset: offset, needed: 40, available: max(0, available))
            return
        }
        guard first >> 4 == 6 else {
            packet.stopReason = DecodeStop(.invalidValue, layer: .ipv6, offset: offset, detail: .ipv6Version(first >> 4))
            return
        }
        packet.network = .ipv6
        packet.source = IPAddress(ipv6: src)
        packet.destination = IPAddress(ipv6: dst)
        packet.dscp = ((first & 0x0F) << 2) | (second >> 6)
        packet.ipHeaderOffset = offset
        // Payload length 0 means a jumbogram (RFC 2675) or offload: use what was captured.
        var end = payloadLength16 == 0 ? bytes.count : offset + 40 + Int(payloadLength16)
        if end > bytes.count { packet.isClipped = true; end = bytes.count }
        var header = nextHeader
        var at = offset + 40
        var extensions = 0
        while true {
            switch header {
            case 0, 43, 60, 135, 139, 140:  // hop-by-hop, routing, destination options, mobility, HIP, shim6
                guard let next = bytes.u8(at: at), let length = bytes.u8(at: at + 1) else {
                    packet.stopReason = .truncated(.ipExtension, offset: at, needed: 2, available: max(0, end - at))
                    return
                }
                let size = (Int(length) + 1) * 8
                guard at + size <= end else {
                    packet.stopReason = .truncated(.ipExtension, offset: at, needed: size, available: end - at)
                    return
                }
                header = next; at += size
            case 51:  // Authentication Header: length in 4-byte units minus 2
                guard let next = bytes.u8(at: at), let length = bytes.u8(at: at + 1), at + (Int(length) + 2) * 4 <= end else {
                    packet.stopReason = .truncated(.ipExtension, offset: at, needed: 8, available: max(0, end - at))
                    return
                }
                header = next; at += (Int(length) + 2) * 4
            case 44:  // Fragment header
                guard at + 8 <= end, let next = bytes.u8(at: at), let offsetFlags = bytes.be16(at: at + 2), let id = bytes.be32(at: at + 4) else {
                    packet.stopReason = .truncated(.ipExtension, offset: at, needed: 8, available: max(0, end - at))
                    return
                }
                let fragmentOffset = Int(offsetFlags >> 3) * 8
                let moreFragments = offsetFlags & 1 != 0
                at += 8
                if moreFragments || fragmentOffset > 0 {
                    packet.ipProtocol = next
                    packet.ipPayload = ByteRange(start: at, count: end - at)
                    packet.fragment = FragmentInfo(identification: id, offsetBytes: fragmentOffset, moreFragments: moreFragments, payloadProtocol: next)
                    return
                }
                header = next  // atomic fragment (RFC 6946): carries the whole datagram
            default:
                packet.ipProtocol = header
                let payload = ByteRange(start: at, count: end - at)
                packet.ipPayload = payload
                decodeIPPayload(bytes, protocolNumber: header, payload: payload, into: &packet)
                return
            }
            extensions += 1
            if extensions > 16 {
                packet.stopReason = DecodeStop(.limitExceeded, layer: .ipExtension, offset: at, detail: .tooManyExtensionHeaders(limit: 16))
                return
            }
        }
    }
}
