import WireCore

/// Stateless decoding of link, VLAN, PPPoE, IP (with tunnels and IPv6 extension headers) and UDP/TCP
/// headers over borrowed bytes. Every length is checked before it is used; problems end up in
/// `DecodedPacket.stop`, never in a crash.
public enum PacketDecoder {
    /// Link types this decoder understands (LINKTYPE_* numbers).
    public static let supportedLinkTypes: Set<UInt32> = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276]

    /// The most encapsulations followed before giving up (hostile nesting).
    public static let maximumTunnelDepth = 4

    /// Decodes one captured frame of link type `linkType` (a LINKTYPE_* value).
    public static func decode(_ bytes: UnsafeRawBufferPointer, linkType: UInt32) -> DecodedPacket {
        var packet = DecodedPacket()
        switch linkType {
        case 1:
            decodeEthernet(bytes, at: 0, into: &packet)
        case 113:
            guard let proto = bytes.be16(at: 14) else { return stopped(packet, .truncated(.link, offset: 0, needed: 16, available: bytes.count)) }
            decodeEtherType(proto, bytes, at: 16, into: &packet)
        case 276:
            guard bytes.count >= 20, let proto = bytes.be16(at: 0) else { return stopped(packet, .truncated(.link, offset: 0, needed: 20, available: bytes.count)) }
            decodeEtherType(proto, bytes, at: 20, into: &packet)
        case 0, 108:
            guard let le = bytes.le32(at: 0), let be = bytes.be32(at: 0) else { return stopped(packet, .truncated(.link, offset: 0, needed: 4, available: bytes.count)) }
            // DLT_NULL stores the family in the capturing host's order; take whichever reading is small.
            let family = linkType == 108 ? be : (le < 0x10000 ? le : be)
            switch family {
            case 2: decodeIPv4(bytes, at: 4, into: &packet)
            case 24, 28, 30: decodeIPv6(bytes, at: 4, into: &packet)
            // 10 is AF_INET6 on Linux (written by some tools) but AF_CCITT on the BSDs: trust the version nibble.
            case 10 where bytes.u8(at: 4).map({ $0 >> 4 == 6 }) ?? false: decodeIPv6(bytes, at: 4, into: &packet)
            default: packet.network = .nonIP(etherType: 0)
            }
        case 12, 14, 101:
            decodeRawIP(bytes, at: 0, into: &packet)
        case 228:  // LINKTYPE_IPV4: always IPv4, a wrong version nibble is a bad IPv4 header
            decodeIPv4(bytes, at: 0, into: &packet)
        case 229:  // LINKTYPE_IPV6
            decodeIPv6(bytes, at: 0, into: &packet)
        default:
            packet.stopReason = DecodeStop(.unsupported, layer: .link, offset: 0, detail: .linkType(linkType))
        }
        return packet
    }

    /// Decodes the UDP/TCP header of a reassembled datagram (after IP defragmentation).
    public static func decodeTransport(_ bytes: UnsafeRawBufferPointer, protocolNumber: UInt8, into packet: inout DecodedPacket) {
        packet.fragment = nil
        packet.ipPayload = ByteRange(start: 0, count: bytes.count)
        decodeTransport(bytes, protocolNumber: protocolNumber, payload: packet.ipPayload, into: &packet)
    }

    static func stopped(_ packet: DecodedPacket, _ error: DecodeStop) -> DecodedPacket {
        var packet = packet
        packet.stopReason = error
        return packet
    }

    // MARK: Link layer

    static func decodeEthernet(_ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        guard let etherType = bytes.be16(at: offset + 12) else {
            packet.stopReason = .truncated(.link, offset: offset, needed: 14, available: max(0, bytes.count - offset))
            return
        }
        decodeEtherType(etherType, bytes, at: offset + 14, into: &packet)
    }

    static func decodeEtherType(_ type: UInt16, _ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        var etherType = type
        var at = offset
        // 802.1Q (0x8100), 802.1ad (0x88A8) and the pre-standard QinQ 0x9100: 4-byte tags.
        while etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100 {
            guard let tci = bytes.be16(at: at), let inner = bytes.be16(at: at + 2) else {
                packet.stopReason = .truncated(.vlan, offset: at, needed: 4, available: max(0, bytes.count - at))
                return
            }
            if packet.vlanCount == 0 { packet.outerVLAN = tci & 0x0FFF } else if packet.vlanCount == 1 { packet.innerVLAN = tci & 0x0FFF }
            packet.vlanCount += 1
            if packet.vlanCount > 8 {
                packet.stopReason = DecodeStop(.limitExceeded, layer: .vlan, offset: at, detail: .tooManyVLANTags(limit: 8))
                return
            }
            etherType = inner
            at += 4
        }
        switch etherType {
        case 0x0800: decodeIPv4(bytes, at: at, into: &packet)
        case 0x86DD: decodeIPv6(bytes, at: at, into: &packet)
        case 0x8864: decodePPPoESession(bytes, at: at, into: &packet)
        default: packet.network = .nonIP(etherType: etherType)
        }
    }

    /// PPPoE session stage (RFC 2516 §4): a 6-byte header (version/type 0x11, code 0, session id, length),
    /// then the 2-byte PPP protocol (RFC 1661): 0x0021 IPv4, 0x0057 IPv6; other PPP traffic (LCP …) is non-IP.
    static func decodePPPoESession(_ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        guard let versionType = bytes.u8(at: offset), let pppProtocol = bytes.be16(at: offset + 6) else {
            packet.stopReason = .truncated(.link, offset: offset, needed: 8, available: max(0, bytes.count - offset))
            return
        }
        guard versionType == 0x11 else {
            packet.stopReason = DecodeStop(.invalidValue, layer: .link, offset: offset, detail: .pppoeVersionType(versionType))
            return
        }
        switch pppProtocol {
        case 0x0021: decodeIPv4(bytes, at: offset + 8, into: &packet)
        case 0x0057: decodeIPv6(bytes, at: offset + 8, into: &packet)
        default: packet.network = .nonIP(etherType: 0x8864)
        }
    }

    static func decodeRawIP(_ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        guard let first = bytes.u8(at: offset) else {
            packet.stopReason = .truncated(.link, offset: offset, needed: 1, available: 0)
            return
        }
        switch first >> 4 {
        case 4: decodeIPv4(bytes, at: offset, into: &packet)
        case 6: decodeIPv6(bytes, at: offset, into: &packet)
        default: packet.stopReason = DecodeStop(.invalidValue, layer: .link, offset: offset, detail: .rawIPVersion(first >> 4))
        }
    }
}
