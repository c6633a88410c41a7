import NetDecode
import Testing
import TestSupport
import WireCore

@Suite("IPv6 (RFC 8200): extension headers, fragments, traffic class")
struct IPv6DecodingTests {
    func header(_ extensions: [IPv6ExtensionHeader] = []) -> IPv6Header {
        IPv6Header(source: Addr.v6a, destination: Addr.v6b, extensionHeaders: extensions)
    }

    @Test func hopByHopRoutingAndDestinationOptionsAreSkipped() throws {
        // Hop-by-hop (Router Alert option: 2 + 4 = 6 → 8 bytes), routing (4 + 4 data = 8) and destination options
        // (2 + 10 option bytes = 12 → 16): the UDP header starts at 40 + 8 + 8 + 16 = 72.
        let ip = header([.hopByHop(options: [5, 2, 0, 0]), .routing(type: 4, segmentsLeft: 0),
                         .destinationOptions(options: [1, 8] + Array(repeating: 0, count: 8))])
        let frame = PacketBuilder.udpPacket(ip: .v6(ip), sport: 5060, dport: 5070, payload: [1, 2, 3, 4, 5],
                                            link: .ethernet(vlanTags: [.dot1Q(3)]))
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil)
        #expect(packet.isIPv6 && packet.ipProtocol == 17)
        #expect(packet.ipHeaderOffset == 18)
        #expect(packet.ipPayload == ByteRange(start: 18 + 72, count: 13))
        let udp = try #require(packet.udp)
        #expect(udp.sourcePort == 5060 && udp.destinationPort == 5070)
        #expect(frame[udp.payload] == [1, 2, 3, 4, 5])
    }

    @Test(arguments: [UInt8(0), 46, 63, 1, 32])
    func dscpFromTrafficClass(dscp: UInt8) {
        // Traffic class = DSCP << 2 | ECN; it straddles the first two header bytes.
        var ip = header()
        ip.trafficClass = dscp << 2 | 0x3
        ip.flowLabel = 0xFFFFF
        let packet = decode(ip.packet(protocol: 59, payload: []), linkType: LinkTypeNumber.raw)
        #expect(packet.dscp == dscp)
    }

    @Test func fragmentHeaderGivesThe32BitIdentification() throws {
        // 200-byte payload → 208-byte UDP datagram in pieces of 80: offsets 0, 80, 160 with sizes 80, 80, 48.
        let frames = PacketBuilder.fragmentedUDP(ip: .v6(header([.hopByHop()])), sport: 1, dport: 2,
                                                 payload: Array(repeating: 7, count: 200), maxPieceLength: 80,
                                                 identification: 0xDEAD_BEEF)
        let expected = [(0, true, 80), (80, true, 80), (160, false, 48)]
        #expect(frames.count == 3)
        for (frame, (offset, more, size)) in zip(frames, expected) {
            let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
            #expect(packet.fragment == FragmentInfo(identification: 0xDEAD_BEEF, offsetBytes: offset, moreFragments: more,
                                                    payloadProtocol: 17))
            #expect(packet.ipProtocol == 17)
            // Fragmentable part after 14 + 40 + 8 (hop-by-hop) + 8 (fragment header).
            #expect(packet.ipPayload == ByteRange(start: 70, count: size))
            #expect(packet.transport == .none && packet.stop == nil)
        }
    }

    @Test func atomicFragmentIsAWholeDatagram() throws {
        // RFC 6946: offset 0 and M = 0 — not a fragment; the UDP header follows the fragment header.
        let ip = header([.fragment(offset: 0, moreFragments: false, identification: 9)])
        let frame = PacketBuilder.udpIPPacket(ip: .v6(ip), sport: 10, dport: 20, payload: [0xCC])
        let packet = decode(frame, linkType: LinkTypeNumber.raw)
        #expect(packet.fragment == nil)
        #expect(packet.udp?.payload == ByteRange(start: 56, count: 1))
    }

    @Test func payloadLengthTrimsTrailingBytes() throws {
        let frame = PacketBuilder.udpIPPacket(ip: .v6(header()), sport: 1, dport: 2, payload: [1, 2]) + [0xEE, 0xEE, 0xEE]
        let packet = decode(frame, linkType: LinkTypeNumber.raw)
        #expect(packet.ipPayload == ByteRange(start: 40, count: 10))
        #expect(packet.udp?.payload == ByteRange(start: 48, count: 2))
        #expect(!packet.isClipped)
    }

    @Test func payloadLengthBeyondTheFrameIsClipped() throws {
        let full = PacketBuilder.udpIPPacket(ip: .v6(header()), sport: 1, dport: 2, payload: Array(repeating: 1, count: 50))
        let packet = decode(Array(full.prefix(60)), linkType: LinkTypeNumber.raw)
        #expect(packet.isClipped && packet.stop == nil)
        #expect(packet.udp?.payload == ByteRange(start: 48, count: 12))
    }

    @Test func extensionHeaderBeyondPayloadLengthIsTruncated() throws {
        // Payload length 4 cannot hold the 8-byte hop-by-hop header that starts at byte 40.
        var ip = header([.hopByHop()])
        ip.payloadLengthOverride = 4
        let stop = try #require(decode(ip.packet(protocol: 17, payload: Array(repeating: 0, count: 8)), linkType: LinkTypeNumber.raw).stop)
        #expect(stop == ParseError(.truncated, layer: .ipExtension, offset: 40))
        #expect(stop.needed == 8 && stop.available == 4)
    }

    @Test func authenticationHeaderIsSkipped() throws {
        // AH (RFC 4302): payload length in 4-byte words minus 2; 4 → (4 + 2) × 4 = 24 bytes (12 fixed + 12 ICV).
        var ah: [UInt8] = [17, 4, 0, 0]
        ah.appendBigEndian(UInt32(0x100))  // SPI
        ah.appendBigEndian(UInt32(1))      // sequence
        ah += Array(repeating: 0xA5, count: 12)
        let udp = UDPDatagram(sourcePort: 3, destinationPort: 4, payload: [1], checksum: .none).bytes(source: Addr.v6a, destination: Addr.v6b)
        let packet = decode(header().packet(protocol: 51, payload: ah + udp), linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil)
        #expect(packet.udp?.payload == ByteRange(start: 40 + 24 + 8, count: 1))
    }

    @Test func tooManyExtensionHeadersStop() throws {
        let ip = header(Array(repeating: .destinationOptions(), count: 18))
        let packet = decode(ip.packet(protocol: 17, payload: []), linkType: LinkTypeNumber.raw)
        #expect(packet.stop == ParseError(.limitExceeded, layer: .ipExtension, offset: 0))
        #expect(packet.isIPv6 && packet.transport == .none)
    }

    @Test func noNextHeaderIsRecorded() {
        let packet = decode(header([.destinationOptions()]).packet(protocol: 59, payload: []), linkType: LinkTypeNumber.raw)
        #expect(packet.transport == .other(protocolNumber: 59) && packet.stop == nil)
        #expect(packet.ipPayload == ByteRange(start: 48, count: 0))
    }

    @Test func wrongVersionIsInvalid() {
        var bytes = header().packet(protocol: 59, payload: [])
        bytes[0] = 0x70
        #expect(decode(bytes, linkType: LinkTypeNumber.ipv6).stop == ParseError(.invalidValue, layer: .ipv6, offset: 0))
    }
}
