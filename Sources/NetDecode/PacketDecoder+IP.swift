import WireCore

extension PacketDecoder {
    /// IPv4 (RFC 791): header length, total length (trims link padding), fragments, DSCP.
    static func decodeIPv4(_ bytes: UnsafeRawBufferPointer, at offset: Int, into packet: inout DecodedPacket) {
        let available = bytes.count - offset
        guard available >= 20, let first = bytes.u8(at: offset) else {
            packet.stop = .truncated(.ipv4, offset: offset, needed: 20, available: max(0, available))
            return
        }
        let headerLength = Int(first & 0x0F) * 4
        guard first >> 4 == 4, headerLength >= 20 else {
            packet.stop = ParseError(.invalidValue, layer: .ipv4, offset: offset, detail: "version \(first >> 4), header length \(headerLength)")
            return
        }
        guard headerLength <= available else {
            packet.stop = .truncated(.ipv4, offset: offset, needed: headerLength, available: available)
            return
        }
        guard let tos = bytes.u8(at: offset + 1), let total16 = bytes.be16(at: offset + 2), let id = bytes.be16(at: offset + 4),
              let flagsOffset = bytes.be16(at: offset + 6), let proto = bytes.u8(at: offset + 9),
              let src = bytes.be32(at: offset + 12), let dst = bytes.be32(at: offset + 16) else { return }
        // Total length 0 happens with TCP segmentation offload captures: trust the captured size.
        var totalLength = total16 == 0 ? available : Int(total16)
        guard totalLength >= headerLength else {
            packet.stop = ParseError(.badLength, layer: .ipv4, offset: offset, needed: headerLength, available: totalLength, detail: "total length shorter than header")
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
            packet.stop = .truncated(.ipv6, offset: offset, needed: 40, available: max(0, available))
            return
        }
        guard first >> 4 == 6 else {
            packet.stop = ParseError(.invalidValue, layer: .ipv6, offset: offset, detail: "version \(first >> 4)")
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
                    packet.stop = .truncated(.ipExtension, offset: at, needed: 2, available: max(0, end - at))
                    return
                }
                let size = (Int(length) + 1) * 8
                guard at + size <= end else {
                    packet.stop = .truncated(.ipExtension, offset: at, needed: size, available: end - at)
                    return
                }
                header = next; at += size
            case 51:  // Authentication Header: length in 4-byte units minus 2
                guard let next = bytes.u8(at: at), let length = bytes.u8(at: at + 1), at + (Int(length) + 2) * 4 <= end else {
                    packet.stop = .truncated(.ipExtension, offset: at, needed: 8, available: max(0, end - at))
                    return
                }
                header = next; at += (Int(length) + 2) * 4
            case 44:  // Fragment header
                guard at + 8 <= end, let next = bytes.u8(at: at), let offsetFlags = bytes.be16(at: at + 2), let id = bytes.be32(at: at + 4) else {
                    packet.stop = .truncated(.ipExtension, offset: at, needed: 8, available: max(0, end - at))
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
                packet.stop = ParseError(.limitExceeded, layer: .ipExtension, offset: at, detail: "more than 16 extension headers")
                return
            }
        }
    }

    /// Dispatches on the IP protocol: tunnels are followed, UDP/TCP decoded, the rest recorded.
    static func decodeIPPayload(_ bytes: UnsafeRawBufferPointer, protocolNumber: UInt8, payload: ByteRange, into packet: inout DecodedPacket) {
        switch protocolNumber {
        case 4, 41, 47:
            guard packet.tunnelDepth < maximumTunnelDepth else {
                packet.stop = ParseError(.limitExceeded, layer: .tunnel, offset: payload.start, detail: "more than \(maximumTunnelDepth) nested tunnels")
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
                if let stop = innerPacket.stop { packet.stop = stop } else { packet.transport = .other(protocolNumber: protocolNumber) }
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
            packet.stop = .truncated(.tunnel, offset: 0, needed: 4, available: bytes.count)
            return
        }
        // Version 1 (PPTP's enhanced GRE, RFC 2637) and RFC 1701 source routing (R bit) lay out the optional
        // words differently: not decoded rather than misread.
        guard flags & 0x0007 == 0, flags & 0x4000 == 0 else {
            packet.stop = ParseError(.unsupported, layer: .tunnel, offset: 0,
                                     detail: flags & 0x4000 != 0 ? "GRE source routing" : "GRE version \(flags & 0x0007)")
            return
        }
        var at = 4
        if flags & 0x8000 != 0 { at += 4 }  // checksum + reserved
        if flags & 0x2000 != 0 { at += 4 }  // key
        let hasSequence = flags & 0x1000 != 0
        if hasSequence { at += 4 }
        guard at <= bytes.count else {
            packet.stop = .truncated(.tunnel, offset: 0, needed: at, available: bytes.count)
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
                packet.stop = .truncated(.tunnel, offset: at, needed: headerLength, available: bytes.count - at)
                return
            }
            decodeEthernet(bytes, at: at + headerLength, into: &packet)
        case 0x22EB:
            // ERSPAN type III: 12-byte header, plus an 8-byte platform sub-header when O (bit 0 of byte 11) is set.
            guard let word = bytes.u8(at: at + 11) else {
                packet.stop = .truncated(.tunnel, offset: at, needed: 12, available: max(0, bytes.count - at))
                return
            }
            let headerLength = 12 + (word & 0x01 != 0 ? 8 : 0)
            guard at + headerLength <= bytes.count else {
                packet.stop = .truncated(.tunnel, offset: at, needed: headerLength, available: bytes.count - at)
                return
            }
            decodeEthernet(bytes, at: at + headerLength, into: &packet)
        default:
            packet.stop = ParseError(.unsupported, layer: .tunnel, offset: 2, detail: protocolText(proto))
        }
    }

    /// UDP (RFC 768) and TCP (RFC 9293) headers; other protocols are recorded by number.
    static func decodeTransport(_ bytes: UnsafeRawBufferPointer, protocolNumber: UInt8, payload: ByteRange, into packet: inout DecodedPacket) {
        let at = payload.start
        let available = payload.count
        switch protocolNumber {
        case 17:
            guard available >= 8, let sport = bytes.be16(at: at), let dport = bytes.be16(at: at + 2), let length = bytes.be16(at: at + 4) else {
                packet.stop = .truncated(.udp, offset: at, needed: 8, available: available)
                return
            }
            var dataLength = available - 8
            if length >= 8 {
                // The UDP length wins over trailing bytes; a length past the captured data is a clipped packet.
                if Int(length) - 8 <= dataLength { dataLength = Int(length) - 8 } else if !packet.isClipped {
                    packet.stop = ParseError(.badLength, layer: .udp, offset: at, needed: Int(length), available: available, detail: "UDP length beyond IP payload")
                }
            } else if length != 0 {
                packet.stop = ParseError(.badLength, layer: .udp, offset: at, needed: 8, available: Int(length), detail: "UDP length below header size")
                return
            }
            packet.transport = .udp(UDPSegment(sourcePort: sport, destinationPort: dport, payload: ByteRange(start: at + 8, count: dataLength)))
        case 6:
            guard available >= 20, let sport = bytes.be16(at: at), let dport = bytes.be16(at: at + 2),
                  let seq = bytes.be32(at: at + 4), let ack = bytes.be32(at: at + 8),
                  let offsetByte = bytes.u8(at: at + 12), let flags = bytes.u8(at: at + 13) else {
                packet.stop = .truncated(.tcp, offset: at, needed: 20, available: available)
                return
            }
            let headerLength = Int(offsetByte >> 4) * 4
            guard headerLength >= 20 else {
                packet.stop = ParseError(.invalidValue, layer: .tcp, offset: at, detail: "data offset \(headerLength)")
                return
            }
            guard headerLength <= available else {
                packet.stop = .truncated(.tcp, offset: at, needed: headerLength, available: available)
                return
            }
            packet.transport = .tcp(TCPSegment(sourcePort: sport, destinationPort: dport, sequence: seq, acknowledgment: ack,
                                               flags: flags, payload: ByteRange(start: at + headerLength, count: available - headerLength)))
        default:
            packet.transport = .other(protocolNumber: protocolNumber)
        }
    }
}

extension DecodedPacket {
    /// Shifts every byte range by `delta` (after decoding a tunnel payload as its own buffer).
    mutating func rebase(by delta: Int) {
        ipHeaderOffset += delta
        ipPayload.start += delta
        stop?.offset += delta
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
