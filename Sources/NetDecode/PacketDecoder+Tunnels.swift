import WireCore

extension PacketDecoder {
    /// Dispatches on the IP protocol: tunnels are followed, UDP/TCP decoded, the rest recorded.
    static func decodeIPPayload(_ bytes: UnsafeRawBufferPointer, protocolNumber: UInt8, payload: ByteRange, into packet: inout DecodedPacket) {
        switch protocolNumber {
        case 4, 41, 47:
            guard packet.tunnelDepth < maximumTunnelDepth else {
                packet.stopReason = DecodeStop(.limitExceeded, layer: .tunnel, offset: payload.start, detail: .tooManyTunnels(limit: maximumTunnelDepth))
                return
            }
            guard let inner = bytes.slice(payload) else { return }
            var innerPacket = DecodedPacket()
            innerPacket.tunnelDepth = packet.tunnelDepth + 1
            innerPacket.vlanCount = packet.vlanCount
            innerPacket.outerVLAN = packet.outerVLAN
            innerPacket.innerVLAN = packet.innerVLAN
            switch protocolNumber {
            case 4: decodeIPv4(inner, at: 0, into: &innerPacket)
            case 41: decodeIPv6(inner, at: 0, into: &innerPacket)
            default: decodeGRE(inner, into: &innerPacket)
            }
            innerPacket.rebase(by: payload.start)
            // When no inner network layer was reached (truncated or unsupported encapsulation), the outer datagram
            // stays the packet's view: its addresses are the best there is, and `stop` says why decoding ended.
            if case .none = innerPacket.network {
                if let stop = innerPacket.stopReason { packet.stopReason = stop } else { packet.transport = .other(protocolNumber: protocolNumber) }
                return
            }
            innerPacket.isClipped = innerPacket.isClipped || packet.isClipped
            packet = innerPacket
        default:
            decodeTransport(bytes, protocolNumber: protocolNumber, payload: payload, into: &packet)
        }
    }

    /// GRE (RFC 2784/2890) carrying IP, transparent Ethernet bridging, or ERSPAN type I/II/III.
    static func decodeGRE(_ bytes: UnsafeRawBufferPointer, into packet: inout DecodedPacket) {
        guard let flags = bytes.be16(at: 0), let proto = bytes.be16(at: 2) else {
            packet.stopReason = .truncated(.tunnel, offset: 0, needed: 4, available: bytes.count)
            return
        }
        // Version 1 (PPTP's enhanced GRE, RFC 2637) and RFC 1701 source routing (R bit) lay out the optional
        // words differently: not decoded rather than misread.
        guard flags & 0x0007 == 0, flags & 0x4000 == 0 else {
            packet.stopReason = DecodeStop(.unsupported, layer: .tunnel, offset: 0,
                                           detail: flags & 0x4000 != 0 ? .greSourceRouting : .greVersion(flags & 0x0007))
            return
        }
        var at = 4
        if flags & 0x8000 != 0 { at += 4 }  // checksum + reserved
        if flags & 0x2000 != 0 { at += 4 }  // key
        let hasSequence = flags & 0x1000 != 0
        if hasSequence { at += 4 }
        guard at <= bytes.count else {
            packet.stopReason = .truncated(.tunnel, offset: 0, needed: at, available: bytes.count)
            return
        }
        switch proto {
        case 0x0800: decodeIPv4(bytes, at: at, into: &packet)
        case 0x86DD: decodeIPv6(bytes, at: at, into: &packet)
        case 0x6558: decodeEthernet(bytes, at: at, into: &packet)
        case 0x88BE:
            // ERSPAN type II has an 8-byte header and GRE sequence numbers; type I has neither.
            let headerLength = hasSequence ? 8 : 0
            guard at + headerLength <= bytes.count else {
                packet.stopReason = .truncated(.tunnel, offset: at, needed: headerLength, available: bytes.count - at)
                return
            }
            decodeEthernet(bytes, at: at + headerLength, into: &packet)
        case 0x22EB:
            // ERSPAN type III: 12-byte header, plus an 8-byte platform sub-header when O (bit 0 of byte 11) is set.
            guard let word = bytes.u8(at: at + 11) else {
                packet.stopReason = .truncated(.tunnel, offset: at, needed: 12, available: max(0, bytes.count - at))
                return
            }
            let headerLength = 12 + (word & 0x01 != 0 ? 8 : 0)
            guard at + headerLength <= bytes.count else {
                packet.stopReason = .truncated(.tunnel, offset: at, needed: headerLength, available: bytes.count - at)
                return
            }
            decodeEthernet(bytes, at: at + headerLength, into: &packet)
        default:
            packet.stopReason = DecodeStop(.unsupported, layer: .tunnel, offset: 2, detail: .tunnelProtocol(proto))
        }
    }
}

extension DecodedPacket {
    /// Shifts every byte range by `delta` (after decoding a tunnel payload as its own buffer).
    mutating func rebase(by delta: Int) {
        ipHeaderOffset += delta
        ipPayload.start += delta
        stopReason?.offset += delta
        switch transport {
        case .udp(var udp): udp.payload.start += delta; transport = .udp(udp)
        case .tcp(var tcp): tcp.payload.start += delta; transport = .tcp(tcp)
        default: break
        }
    }
}

/// `protocol 0x88be`-style text for an unsupported EtherType.
func protocolText(_ value: UInt16) -> String {
    let hex = String(value, radix: 16)
    return "protocol 0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
