import Testing
import TestSupport
import WireCore

@Suite("PacketBuilder header bytes")
struct PacketBuilderTests {
    let a = IPAddress("192.168.0.1")!
    let b = IPAddress("192.168.0.199")!

    @Test func ipv4HeaderChecksumMatchesTheClassicExample() {
        // Header 4500 0073 0000 4000 4011 xxxx c0a8 0001 c0a8 00c7 has checksum 0xb861 (a well-known worked example:
        // sum of words = 0x2479C, folded 0x479E, complement 0xB861).
        var header = IPv4Header(source: a, destination: b, ttl: 64)
        header.dontFragment = true
        let packet = header.packet(protocol: IPProtocolNumber.udp, payload: Array(repeating: 0, count: 0x73 - 20))
        #expect(Array(packet[0..<12]) == [0x45, 0, 0, 0x73, 0, 0, 0x40, 0, 0x40, 0x11, 0xB8, 0x61])
    }

    @Test func checksummedSegmentsVerifyToZero() {
        // A correct checksum makes the one's complement sum over pseudo-header + segment 0xFFFF, so the
        // recomputed checksum with the field filled in is 0.
        let udp = UDPDatagram(sourcePort: 5060, destinationPort: 5060, payload: Array("hello".utf8)).bytes(source: a, destination: b)
        #expect(InternetChecksum.transport(source: a, destination: b, protocol: 17, segment: udp) == 0)
        let v6a = IPAddress("2001:db8::1")!, v6b = IPAddress("2001:db8::2")!
        let tcp = TCPSegment(sourcePort: 1, destinationPort: 2, sequence: 7, payload: [1, 2, 3]).bytes(source: v6a, destination: v6b)
        #expect(InternetChecksum.transport(source: v6a, destination: v6b, protocol: 6, segment: tcp) == 0)
    }

    @Test func ethernetWithQinQTags() {
        let frame = LinkLayer.ethernet(vlanTags: [.dot1ad(100), .dot1Q(200, priority: 5)]).frame([0x45])
        // dst(6) src(6) 88a8 0064 8100 a0c8 0800 45: PCP 5 → 0xA000 | 200 = 0xA0C8.
        #expect(Array(frame[12...]) == [0x88, 0xA8, 0x00, 0x64, 0x81, 0x00, 0xA0, 0xC8, 0x08, 0x00, 0x45])
    }

    @Test func cookedAndLoopbackHeaders() {
        let v6 = [UInt8(0x60)]
        let sll = LinkLayer.linuxSLL().frame(v6)
        #expect(sll.count == 17 && Array(sll[14..<16]) == [0x86, 0xDD])
        let sll2 = LinkLayer.linuxSLL2(interfaceIndex: 3).frame([0x45])
        #expect(Array(sll2[0..<8]) == [0x08, 0x00, 0, 0, 0, 0, 0, 3] && sll2.count == 21)
        #expect(LinkLayer.null().frame([0x45]) == [2, 0, 0, 0, 0x45])
        #expect(LinkLayer.null(byteOrder: .bigEndian, ipv6Family: 24).frame(v6) == [0, 0, 0, 24, 0x60])
        #expect(LinkLayer.loop().frame([0x45]) == [0, 0, 0, 2, 0x45])
        #expect(LinkLayer.raw(linkType: LinkTypeNumber.ipv6).frame(v6) == v6)
    }

    @Test func ipv6ExtensionChainAndFragmentHeader() {
        let header = IPv6Header(source: IPAddress("2001:db8::1")!, destination: IPAddress("2001:db8::2")!,
                                extensionHeaders: [.hopByHop(), .destinationOptions(options: [1, 4, 0, 0, 0, 0, 0, 0]),
                                                   .fragment(offset: 16, moreFragments: true, identification: 0xDEAD_BEEF)])
        let packet = header.packet(protocol: IPProtocolNumber.udp, payload: [0xAB])
        #expect(packet[6] == 0)                                   // first: hop-by-hop
        #expect(Array(packet[40..<48]) == [60, 0, 1, 4, 0, 0, 0, 0])  // next = dest opts, hdr ext len 0, PadN 4
        // Dest options: 2 + 8 option bytes = 10 → padded to 16 (PadN of 6 = [1, 4, 0 …]), length field 1.
        #expect(packet[48] == 44 && packet[49] == 1)
        // Fragment: next UDP, reserved, offset 16 | M = 0x0011, id.
        #expect(Array(packet[64..<72]) == [17, 0, 0x00, 0x11, 0xDE, 0xAD, 0xBE, 0xEF])
        #expect(Array(packet[4..<6]) == [0, 33])                  // 8 + 16 + 8 + 1 payload bytes
    }

    @Test func fragmenterSplitsOnEightByteBoundaries() {
        let specs = IPFragmenter.split(Array(0..<30), maxPieceLength: 13)  // 13 → 8-byte pieces
        #expect(specs.map(\.offset) == [0, 8, 16, 24])
        #expect(specs.map(\.moreFragments) == [true, true, true, false])
        #expect(specs.last?.data == [24, 25, 26, 27, 28, 29])
        var header = IPv4Header(source: a, destination: b, identification: 0x1234)
        header.dscp = 46
        let packets = IPFragmenter.ipv4Fragments(header: header, protocol: 17, specs: specs)
        // Second fragment: flags/offset word = MF (0x2000) | 8/8 = 0x2001; TOS = 46 << 2 = 0xB8.
        #expect(packets[1][1] == 0xB8 && Array(packets[1][6..<8]) == [0x20, 0x01])
        #expect(Array(packets[3][6..<8]) == [0x00, 0x03])
    }

    @Test func rtpHeaderFields() {
        var rtp = RTPPacketBuilder(payloadType: 8, sequenceNumber: 0xFFFF, timestamp: 160, ssrc: 0x1122_3344, marker: true,
                                   csrcs: [7], payload: [0xD5])
        rtp.extensionHeader = (profile: 0xBEDE, words: [0x1020_3040])
        rtp.paddingCount = 3
        // V=2 P=1 X=1 CC=1 → 0xB1; M|PT 8 → 0x88.
        #expect(rtp.bytes == [0xB1, 0x88, 0xFF, 0xFF, 0, 0, 0, 160, 0x11, 0x22, 0x33, 0x44, 0, 0, 0, 7,
                              0xBE, 0xDE, 0, 1, 0x10, 0x20, 0x30, 0x40, 0xD5, 0, 0, 3])
    }

    @Test func sipContentLengthCountsUTF8Bytes() {
        let message = SIPMessageBuilder(startLine: "MESSAGE sip:b@example.com SIP/2.0",
                                        headers: [("Call-ID", "x"), ("Content-Length", "999")], body: "héllo")
        #expect(message.text == "MESSAGE sip:b@example.com SIP/2.0\r\nCall-ID: x\r\nContent-Length: 6\r\n\r\nhéllo")
    }
}
