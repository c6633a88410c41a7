import NetDecode
import Testing
import TestSupport
import WireCore

@Suite("IPv4 (RFC 791): options, DSCP, lengths, fragments")
struct IPv4DecodingTests {
    func header() -> IPv4Header { IPv4Header(source: Addr.v4a, destination: Addr.v4b) }

    @Test func optionsMoveThePayloadAndDSCPIsExtracted() throws {
        var ip = header()
        ip.dscp = 46  // EF
        ip.ecn = 3    // ECN bits must not leak into the DSCP
        ip.options = [0x94, 0x04, 0x00, 0x00, 0x01]  // Router Alert + NOP, padded to 8 → IHL 7
        let frame = PacketBuilder.udpPacket(ip: .v4(ip), sport: 5060, dport: 5060, payload: [1, 2, 3])
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil)
        #expect(packet.dscp == 46)
        // Payload after 14 (Ethernet) + 28 (IHL 7): UDP header 8 + 3 data = 11 bytes.
        #expect(packet.ipPayload == ByteRange(start: 42, count: 11))
        #expect(packet.udp?.payload == ByteRange(start: 50, count: 3))
    }

    @Test(arguments: [UInt8(0), 10, 26, 34, 46, 48, 63])
    func dscpValues(dscp: UInt8) {
        var ip = header()
        ip.dscp = dscp
        let packet = decode(PacketBuilder.udpIPPacket(ip: .v4(ip), sport: 1, dport: 2, payload: []), linkType: LinkTypeNumber.raw)
        #expect(packet.dscp == dscp)
    }

    @Test func ethernetPaddingIsTrimmedByTotalLength() throws {
        // 2-byte UDP payload: IP total length 20 + 8 + 2 = 30, frame 14 + 30 = 44, padded to the 60-byte minimum.
        var frame = PacketBuilder.udpPacket(src: Addr.v4a, dst: Addr.v4b, sport: 1, dport: 2, payload: [0xAA, 0xBB])
        frame += Array(repeating: 0, count: 60 - frame.count)
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.ipPayload == ByteRange(start: 34, count: 10))
        #expect(packet.udp?.payload == ByteRange(start: 42, count: 2))
        #expect(!packet.isClipped && packet.stop == nil)
    }

    @Test func totalLengthZeroUsesTheCapturedBytes() throws {
        // TSO captures write total length 0: the datagram runs to the end of the frame (14 + 20 + 8 + 4).
        var ip = header()
        ip.totalLengthOverride = 0
        let frame = PacketBuilder.udpPacket(ip: .v4(ip), sport: 1, dport: 2, payload: [1, 2, 3, 4])
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil)
        #expect(packet.ipPayload == ByteRange(start: 34, count: 12))
        #expect(packet.udp?.payload == ByteRange(start: 42, count: 4))
    }

    @Test(arguments: [UInt16(1), 19])
    func totalLengthShorterThanHeaderIsBadLength(total: UInt16) throws {
        var ip = header()
        ip.totalLengthOverride = total
        let packet = decode(PacketBuilder.udpIPPacket(ip: .v4(ip), sport: 1, dport: 2, payload: [1]), linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.badLength, layer: .ipv4, offset: 0))
        #expect(stop.available == Int(total) && stop.needed == 20)
        #expect(packet.transport == .none)
    }

    @Test func totalLengthBeyondTheFrameIsClipped() throws {
        // Snaplen cut: header says 20 + 8 + 100 = 128 bytes but only 20 + 8 + 30 were captured.
        let full = PacketBuilder.udpIPPacket(ip: .v4(header()), sport: 7, dport: 8, payload: Array(repeating: 0x11, count: 100))
        let cut = Array(full.prefix(58))
        let packet = decode(cut, linkType: LinkTypeNumber.raw)
        #expect(packet.isClipped)
        #expect(packet.stop == nil)
        #expect(packet.ipPayload == ByteRange(start: 20, count: 38))
        #expect(packet.udp?.payload == ByteRange(start: 28, count: 30))
    }

    @Test(arguments: [
        // (first byte, why): version 5; IHL 4 (16 bytes) is below the minimum of 5 words.
        UInt8(0x55), 0x44, 0x40,
    ])
    func badVersionOrHeaderLength(first: UInt8) {
        var bytes = PacketBuilder.udpIPPacket(ip: .v4(header()), sport: 1, dport: 2, payload: [])
        bytes[0] = first
        // Through link type 228 the header is taken as IPv4 whatever its nibble says.
        let packet = decode(bytes, linkType: LinkTypeNumber.ipv4)
        #expect(packet.stop == ParseError(.invalidValue, layer: .ipv4, offset: 0))
        #expect(packet.network == .none)
    }

    @Test func headerLengthBeyondCapturedBytes() throws {
        // IHL 15 = 60 bytes but only 28 present.
        var bytes = PacketBuilder.udpIPPacket(ip: .v4(header()), sport: 1, dport: 2, payload: [])
        bytes[0] = 0x4F
        let stop = try #require(decode(bytes, linkType: LinkTypeNumber.raw).stop)
        #expect(stop == ParseError(.truncated, layer: .ipv4, offset: 0))
        #expect(stop.needed == 60 && stop.available == 28)
    }

    @Test func fragmentsCarryByteOffsetsAndProtocol() throws {
        // A 100-byte UDP payload is a 108-byte datagram; pieces of 48 bytes → offsets 0, 48, 96 with sizes 48, 48, 12.
        var ip = header()
        ip.identification = 0xBEEF
        let frames = PacketBuilder.fragmentedUDP(ip: .v4(ip), sport: 5004, dport: 5006,
                                                 payload: Array(repeating: 0x5A, count: 100), maxPieceLength: 48)
        #expect(frames.count == 3)
        let expected = [(0, true, 48), (48, true, 48), (96, false, 12)]
        for (frame, (offset, more, size)) in zip(frames, expected) {
            let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
            let fragment = try #require(packet.fragment)
            #expect(fragment == FragmentInfo(identification: 0xBEEF, offsetBytes: offset, moreFragments: more, payloadProtocol: 17))
            #expect(packet.transport == .none, "a fragment's transport header is read only after reassembly")
            #expect(packet.ipPayload == ByteRange(start: 34, count: size))
            #expect(packet.stop == nil)
            #expect(packet.source == Addr.v4a && packet.ipProtocol == 17)
        }
    }

    @Test func dontFragmentIsNotAFragment() {
        var ip = header()
        ip.dontFragment = true
        let packet = decode(PacketBuilder.udpIPPacket(ip: .v4(ip), sport: 1, dport: 2, payload: [9]), linkType: LinkTypeNumber.raw)
        #expect(packet.fragment == nil && packet.udp != nil)
    }

    @Test func largestFragmentOffset() throws {
        // 13-bit offset 0x1FFF × 8 = 65528 bytes.
        var ip = header()
        ip.fragmentOffset = 65528
        let packet = decode(ip.packet(protocol: 17, payload: [1, 2, 3]), linkType: LinkTypeNumber.raw)
        #expect(packet.fragment?.offsetBytes == 65528 && packet.fragment?.moreFragments == false)
    }

    @Test func otherProtocolsAreRecordedByNumber() {
        let icmp = header().packet(protocol: 1, payload: [8, 0, 0xF7, 0xFF, 0, 0, 0, 0])
        let packet = decode(icmp, linkType: LinkTypeNumber.raw)
        #expect(packet.transport == .other(protocolNumber: 1))
        #expect(packet.ipPayload == ByteRange(start: 20, count: 8) && packet.stop == nil)
    }
}
