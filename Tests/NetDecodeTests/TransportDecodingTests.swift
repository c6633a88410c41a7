import NetDecode
import Testing
import TestSupport
import WireCore

@Suite("UDP (RFC 768) and TCP (RFC 9293) headers")
struct TransportDecodingTests {
    let ip = IPHeader(source: Addr.v4a, destination: Addr.v4b)

    func udp(length: UInt16?, payload: [UInt8]) -> [UInt8] {
        var datagram = UDPDatagram(sourcePort: 5060, destinationPort: 5061, payload: payload, checksum: .none)
        datagram.lengthOverride = length
        return datagram.bytes(source: ip.source, destination: ip.destination)
    }

    @Test func udpLengthShorterThanIPPayloadWins() throws {
        // UDP says 8 + 3 but the IP payload holds 8 + 10: the 7 extra bytes are not UDP payload.
        let packet = decode(ip.packet(protocol: 17, payload: udp(length: 11, payload: Array(repeating: 1, count: 10))),
                            linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil)
        #expect(packet.udp?.payload == ByteRange(start: 28, count: 3))
    }

    @Test func udpLengthLongerThanAnUnclippedIPPayloadIsBadLength() throws {
        // IP total length agrees with the frame (not a snaplen cut) but UDP claims 8 + 50 bytes of 8 + 10.
        let packet = decode(ip.packet(protocol: 17, payload: udp(length: 58, payload: Array(repeating: 1, count: 10))),
                            linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.badLength, layer: .udp, offset: 20))
        #expect(stop.needed == 58 && stop.available == 18)
        // Lax: the ports and the bytes that are there are still handed out.
        #expect(packet.udp?.payload == ByteRange(start: 28, count: 10))
    }

    @Test func udpLongerThanCapturedIsClipped() throws {
        // Snaplen cut after 8 + 10 of 8 + 100 UDP bytes: IP and UDP lengths both exceed the capture.
        let full = ip.packet(protocol: 17, payload: udp(length: nil, payload: Array(repeating: 1, count: 100)))
        let packet = decode(Array(full.prefix(38)), linkType: LinkTypeNumber.raw)
        #expect(packet.isClipped && packet.stop == nil)
        #expect(packet.udp?.payload == ByteRange(start: 28, count: 10))
    }

    @Test(arguments: [UInt16(1), 7])
    func udpLengthBelowHeaderSize(length: UInt16) throws {
        let packet = decode(ip.packet(protocol: 17, payload: udp(length: length, payload: [1, 2])), linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.badLength, layer: .udp, offset: 20))
        #expect(packet.transport == .none)
    }

    @Test func udpLengthZeroUsesTheIPPayload() {
        // Length 0 (RFC 2675 jumbograms; also seen with offload): the IP payload decides.
        let packet = decode(ip.packet(protocol: 17, payload: udp(length: 0, payload: [1, 2, 3])), linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil && packet.udp?.payload == ByteRange(start: 28, count: 3))
    }

    @Test func udpWithEmptyPayload() {
        let packet = decode(ip.packet(protocol: 17, payload: udp(length: nil, payload: [])), linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil && packet.udp?.payload == ByteRange(start: 28, count: 0))
    }

    @Test func tcpHeaderWithOptionsAndFlags() throws {
        // MSS (4) + NOP NOP SACK-permitted (4) + window scale + NOP (4) = 12 option bytes → data offset 8 (32 bytes).
        let options = TestSupport.TCPSegment.mssOption(1460) + [1, 1, 4, 2] + [3, 3, 7, 1]
        let frame = PacketBuilder.tcpSegment(src: Addr.v6a, dst: Addr.v6b, sport: 5061, dport: 40000, seq: 0xFFFF_FFF0,
                                             ack: 0x0102_0304, flags: [.syn, .ack, .urg], options: options,
                                             payload: Array("INVITE".utf8))
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil && packet.ipProtocol == 6)
        let tcp = try #require(packet.tcp)
        #expect(tcp.sourcePort == 5061 && tcp.destinationPort == 40000)
        #expect(tcp.sequence == 0xFFFF_FFF0 && tcp.acknowledgment == 0x0102_0304)
        #expect(tcp.flags == 0x32)  // URG 0x20 | ACK 0x10 | SYN 0x02
        #expect(tcp.isSYN && !tcp.isFIN && !tcp.isRST)
        #expect(tcp.payload == ByteRange(start: 14 + 40 + 32, count: 6))
        #expect(frame[tcp.payload] == Array("INVITE".utf8))
    }

    @Test func tcpFinAndRst() {
        let fin = decode(PacketBuilder.tcpSegment(src: Addr.v4a, dst: Addr.v4b, sport: 1, dport: 2, seq: 1, flags: [.fin, .ack]),
                         linkType: LinkTypeNumber.ethernet).tcp
        #expect(fin?.isFIN == true && fin?.isSYN == false && fin?.payload.count == 0)
        let rst = decode(PacketBuilder.tcpSegment(src: Addr.v4a, dst: Addr.v4b, sport: 1, dport: 2, seq: 1, flags: [.rst]),
                         linkType: LinkTypeNumber.ethernet).tcp
        #expect(rst?.isRST == true && rst?.flags == 0x04)
    }

    @Test func tcpDataOffsetBelowFiveIsInvalid() throws {
        var segment = TestSupport.TCPSegment(sourcePort: 1, destinationPort: 2, sequence: 3).bytes(source: Addr.v4a, destination: Addr.v4b)
        segment[12] = 0x40  // 4 words = 16 bytes
        let stop = try #require(decode(ip.packet(protocol: 6, payload: segment), linkType: LinkTypeNumber.raw).stop)
        #expect(stop == ParseError(.invalidValue, layer: .tcp, offset: 20))
    }

    @Test func tcpOptionsBeyondTheSegmentAreTruncated() throws {
        var segment = TestSupport.TCPSegment(sourcePort: 1, destinationPort: 2, sequence: 3).bytes(source: Addr.v4a, destination: Addr.v4b)
        segment[12] = 0xF0  // 60-byte header, 20 present
        let packet = decode(ip.packet(protocol: 6, payload: segment), linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.truncated, layer: .tcp, offset: 20))
        #expect(stop.needed == 60 && stop.available == 20)
        #expect(packet.transport == .none)
    }

    @Test func reassembledDatagramIsDecodedFromItsOwnBuffer() throws {
        // After defragmentation the caller hands the whole UDP datagram to decodeTransport.
        let datagram = udp(length: nil, payload: [9, 8, 7])
        var packet = decode(ip.packet(protocol: 17, payload: Array(datagram.prefix(8))).withMoreFragments(), linkType: LinkTypeNumber.raw)
        #expect(packet.fragment != nil)
        datagram.withUnsafeBytes { PacketDecoder.decodeTransport($0, protocolNumber: 17, into: &packet) }
        #expect(packet.fragment == nil && packet.stop == nil)
        #expect(packet.udp?.payload == ByteRange(start: 8, count: 3))
        #expect(packet.ipPayload == ByteRange(start: 0, count: 11))
    }
}

extension Array where Element == UInt8 {
    /// Sets the IPv4 More Fragments flag of the header at the start of this buffer (checksum not updated).
    fileprivate func withMoreFragments() -> [UInt8] {
        var copy = self
        copy[6] |= 0x20
        return copy
    }
}
