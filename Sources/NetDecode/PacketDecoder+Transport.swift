import WireCore

extension PacketDecoder {
    /// UDP (RFC 768) and TCP (RFC 9293) headers; other protocols are recorded by number.
    static func decodeTransport(_ bytes: UnsafeRawBufferPointer, protocolNumber: UInt8, payload: ByteRange, into packet: inout DecodedPacket) {
        let at = payload.start
        let available = payload.count
        switch protocolNumber {
        case 17:
            guard available >= 8, let sport = bytes.be16(at: at), let dport = bytes.be16(at: at + 2), let length = bytes.be16(at: at + 4) else {
                packet.stopReason = .truncated(.udp, offset: at, needed: 8, available: available)
                return
            }
            var dataLength = available - 8
            if length >= 8 {
                // The UDP length wins over trailing bytes; a length past the captured data is a clipped packet.
                if Int(length) - 8 <= dataLength { dataLength = Int(length) - 8 } else if !packet.isClipped {
                    packet.stopReason = DecodeStop(.badLength, layer: .udp, offset: at, needed: Int(length), available: available, detail: .udpLengthBeyondPayload)
                }
            } else if length != 0 {
                packet.stopReason = DecodeStop(.badLength, layer: .udp, offset: at, needed: 8, available: Int(length), detail: .udpLengthBelowHeader)
                return
            }
            packet.transport = .udp(UDPSegment(sourcePort: sport, destinationPort: dport, payload: ByteRange(start: at + 8, count: dataLength)))
        case 6:
            guard available >= 20, let sport = bytes.be16(at: at), let dport = bytes.be16(at: at + 2),
                  let seq = bytes.be32(at: at + 4), let ack = bytes.be32(at: at + 8),
                  let offsetByte = bytes.u8(at: at + 12), let flags = bytes.u8(at: at + 13) else {
                packet.stopReason = .truncated(.tcp, offset: at, needed: 20, available: available)
                return
            }
            let headerLength = Int(offsetByte >> 4) * 4
            guard headerLength >= 20 else {
                packet.stopReason = DecodeStop(.invalidValue, layer: .tcp, offset: at, detail: .tcpDataOffset(headerLength))
                return
            }
            guard headerLength <= available else {
                packet.stopReason = .truncated(.tcp, offset: at, needed: headerLength, available: available)
                return
            }
            packet.transport = .tcp(TCPSegment(sourcePort: sport, destinationPort: dport, sequence: seq, acknowledgment: ack,
                                               flags: flags, payload: ByteRange(start: at + headerLength, count: available - headerLength)))
        default:
            packet.transport = .other(protocolNumber: protocolNumber)
        }
    }
}
