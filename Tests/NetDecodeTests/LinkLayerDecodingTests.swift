import NetDecode
import Testing
import TestSupport
import WireCore

@Suite("Link layers: every supported link type reaches the UDP payload")
struct LinkLayerDecodingTests {
    static let payload: [UInt8] = Array("hello RTP".utf8)

    /// (link layer, IP version, link header length in bytes).
    static let cases: [(LinkLayer, Int, Int)] = [
        (.ethernet(), 4, 14),
        (.ethernet(), 6, 14),
        (.ethernet(vlanTags: [.dot1Q(100)]), 4, 18),
        (.ethernet(vlanTags: [.dot1ad(100), .dot1Q(200)]), 6, 22),
        (.linuxSLL(), 4, 16),
        (.linuxSLL(), 6, 16),
        (.linuxSLL2(), 4, 20),
        (.linuxSLL2(), 6, 20),
        (.null(byteOrder: .littleEndian), 4, 4),
        (.null(byteOrder: .bigEndian), 4, 4),
        (.null(byteOrder: .littleEndian, ipv6Family: 24), 6, 4),
        (.null(byteOrder: .littleEndian, ipv6Family: 28), 6, 4),
        (.null(byteOrder: .littleEndian, ipv6Family: 30), 6, 4),
        (.null(byteOrder: .bigEndian, ipv6Family: 30), 6, 4),
        (.null(byteOrder: .littleEndian, ipv6Family: 10), 6, 4),  // Linux AF_INET6
        (.null(byteOrder: .bigEndian, ipv6Family: 10), 6, 4),
        (.loop(), 4, 4),
        (.loop(ipv6Family: 24), 6, 4),
        (.raw(linkType: LinkTypeNumber.rawDLT12), 4, 0),
        (.raw(linkType: LinkTypeNumber.rawDLT12), 6, 0),
        (.raw(linkType: LinkTypeNumber.rawDLT14), 4, 0),
        (.raw(linkType: LinkTypeNumber.raw), 6, 0),
        (.raw(linkType: LinkTypeNumber.ipv4), 4, 0),
        (.raw(linkType: LinkTypeNumber.ipv6), 6, 0),
    ]

    @Test(arguments: cases)
    func udpThroughLinkLayer(link: LinkLayer, version: Int, linkHeaderLength: Int) throws {
        let (src, dst) = version == 4 ? (Addr.v4a, Addr.v4b) : (Addr.v6a, Addr.v6b)
        let frame = PacketBuilder.udpPacket(src: src, dst: dst, sport: 5004, dport: 6000, payload: Self.payload, link: link)
        let packet = decode(frame, linkType: link.linkType)
        #expect(packet.stop == nil)
        #expect(version == 4 ? packet.isIPv4 : packet.isIPv6)
        #expect(packet.source == src && packet.destination == dst)
        #expect(packet.ipHeaderOffset == linkHeaderLength)
        #expect(packet.ipProtocol == 17)
        #expect(!packet.isClipped)
        let udp = try #require(packet.udp)
        #expect(udp.sourcePort == 5004 && udp.destinationPort == 6000)
        // Payload follows link header + IP header (20 or 40) + UDP header (8).
        #expect(udp.payload == ByteRange(start: linkHeaderLength + (version == 4 ? 20 : 40) + 8, count: Self.payload.count))
        #expect(frame[udp.payload] == Self.payload)
    }

    @Test func vlanIdentifiersOuterAndInner() {
        let ip = PacketBuilder.udpIPPacket(ip: IPHeader(source: Addr.v4a, destination: Addr.v4b), sport: 1, dport: 2, payload: [])
        // PCP and DEI bits must not leak into the VLAN ids: PCP 5 + VID 200 = TCI 0xA0C8.
        let qinq = decode(ip, link: .ethernet(vlanTags: [.dot1ad(4094), .dot1Q(200, priority: 5)]))
        #expect(qinq.vlanCount == 2 && qinq.outerVLAN == 4094 && qinq.innerVLAN == 200)
        let single = decode(ip, link: .ethernet(vlanTags: [VLANTag(priority: 7, dropEligible: true, vlanID: 1)]))
        #expect(single.vlanCount == 1 && single.outerVLAN == 1 && single.innerVLAN == 0)
        // Three tags (pre-standard 0x9100 outermost): two ids kept, three counted, IP still found at 14 + 12.
        let triple = decode(ip, link: .ethernet(vlanTags: [VLANTag(tpid: 0x9100, vlanID: 7), .dot1ad(8), .dot1Q(9)]))
        #expect(triple.vlanCount == 3 && triple.outerVLAN == 7 && triple.innerVLAN == 8)
        #expect(triple.ipHeaderOffset == 26 && triple.udp != nil)
    }

    @Test func tooManyVLANTagsStop() {
        let ip = PacketBuilder.udpIPPacket(ip: IPHeader(source: Addr.v4a, destination: Addr.v4b), sport: 1, dport: 2, payload: [])
        let tags = (1...9).map { VLANTag.dot1Q(UInt16($0)) }
        let packet = decode(ip, link: .ethernet(vlanTags: tags))
        #expect(packet.stop == ParseError(.limitExceeded, layer: .vlan, offset: 0))
        #expect(packet.network == .none)
    }

    @Test func sllCarryingVLANTag() {
        // A cooked capture may keep the 802.1Q tag: protocol 0x8100, then TCI and the real EtherType.
        let ip = PacketBuilder.udpIPPacket(ip: IPHeader(source: Addr.v4a, destination: Addr.v4b), sport: 1, dport: 2, payload: [7])
        var tagged: [UInt8] = []
        tagged.appendBigEndian(UInt16(42))
        tagged.appendBigEndian(EtherTypeNumber.ipv4)
        let frame = LinkLayer.linuxSLL().frame(tagged + ip, etherType: EtherTypeNumber.vlan8021Q)
        let packet = decode(frame, linkType: LinkTypeNumber.linuxSLL)
        #expect(packet.vlanCount == 1 && packet.outerVLAN == 42)
        #expect(packet.ipHeaderOffset == 20 && packet.udp?.payload == ByteRange(start: 48, count: 1))
    }

    /// A PPPoE session header (RFC 2516): version/type 0x11, code 0, session id, length (PPP protocol + payload).
    func pppoe(_ pppProtocol: UInt16, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x11, 0x00]
        out.appendBigEndian(UInt16(0x4E3F))
        out.appendBigEndian(UInt16(truncatingIfNeeded: payload.count + 2))
        out.appendBigEndian(pppProtocol)
        return out + payload
    }

    @Test(arguments: [(4, UInt16(0x0021)), (6, 0x0057)])
    func pppoeSessionCarryingIP(version: Int, pppProtocol: UInt16) throws {
        // DSL captures: Ethernet, EtherType 0x8864, 6-byte PPPoE header, 2-byte PPP protocol, then IP at 14 + 8.
        let (src, dst) = version == 4 ? (Addr.v4a, Addr.v4b) : (Addr.v6a, Addr.v6b)
        let ip = PacketBuilder.udpIPPacket(ip: IPHeader(source: src, destination: dst), sport: 1701, dport: 1701, payload: [1, 2])
        let frame = LinkLayer.ethernet().frame(pppoe(pppProtocol, ip), etherType: 0x8864)
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil && packet.source == src && packet.ipHeaderOffset == 22)
        #expect(packet.udp?.payload == ByteRange(start: 22 + (version == 4 ? 20 : 40) + 8, count: 2))
    }

    @Test func pppoeControlTrafficIsNonIPAndBadHeadersStop() throws {
        // LCP (0xC021) is PPP's own control protocol: non-IP, not an error.
        let lcp = decode(LinkLayer.ethernet().frame(pppoe(0xC021, [9, 0x5A, 0, 4]), etherType: 0x8864), linkType: LinkTypeNumber.ethernet)
        #expect(lcp.network == .nonIP(etherType: 0x8864) && lcp.stop == nil)
        let cut = decode(LinkLayer.ethernet().frame([0x11, 0, 0, 1, 0], etherType: 0x8864), linkType: LinkTypeNumber.ethernet)
        #expect(cut.stop == ParseError(.truncated, layer: .link, offset: 14) && cut.stop?.needed == 8 && cut.stop?.available == 5)
        var wrongVersion = pppoe(0x0021, [])
        wrongVersion[0] = 0x21
        let bad = decode(LinkLayer.ethernet().frame(wrongVersion, etherType: 0x8864), linkType: LinkTypeNumber.ethernet)
        #expect(bad.stop == ParseError(.invalidValue, layer: .link, offset: 14))
    }

    @Test(arguments: [LinkLayer.ethernet(), .linuxSLL(), .linuxSLL2(), .ethernet(vlanTags: [.dot1Q(5)])])
    func nonIPEtherTypeIsRecordedNotAnError(link: LinkLayer) {
        let arp: [UInt8] = [0, 1, 8, 0, 6, 4, 0, 1] + Array(repeating: 0, count: 20)
        let packet = decode(link.frame(arp, etherType: EtherTypeNumber.arp), linkType: link.linkType)
        #expect(packet.network == .nonIP(etherType: 0x0806))
        #expect(packet.stop == nil && packet.transport == .none)
    }

    @Test(arguments: [UInt32(0), 108])
    func unknownLoopbackFamilyIsNonIP(linkType: UInt32) {
        // Family 7 (AF_ISO on BSD) carries no IP: recorded as non-IP, not an error.
        let frame: [UInt8] = linkType == 0 ? [7, 0, 0, 0, 0x45] : [0, 0, 0, 7, 0x45]
        let packet = decode(frame, linkType: linkType)
        #expect(packet.network == .nonIP(etherType: 0))
        #expect(packet.stop == nil)
    }

    @Test func linuxFamilyTenIsOnlyIPv6WhenTheHeaderSaysSo() {
        // AF 10 is AF_INET6 on Linux but AF_CCITT on BSD: accept it only with an IPv6 version nibble.
        let packet = decode([10, 0, 0, 0, 0x45, 0, 0, 20] + Array(repeating: 0, count: 16), linkType: LinkTypeNumber.null)
        #expect(packet.network == .nonIP(etherType: 0))
    }

    @Test func ipv4OnlyAndIPv6OnlyLinkTypesCheckTheVersion() {
        // LINKTYPE_IPV4 (228) carrying an IPv6 header is a bad IPv4 header, and vice versa.
        let v6 = PacketBuilder.udpIPPacket(ip: IPHeader(source: Addr.v6a, destination: Addr.v6b), sport: 1, dport: 2, payload: [])
        // 20 payload bytes make the IPv4 packet 48 bytes long, enough for an IPv6 header, so only the version is wrong.
        let v4 = PacketBuilder.udpIPPacket(ip: IPHeader(source: Addr.v4a, destination: Addr.v4b), sport: 1, dport: 2,
                                           payload: Array(repeating: 0, count: 20))
        #expect(decode(v6, linkType: LinkTypeNumber.ipv4).stop == ParseError(.invalidValue, layer: .ipv4, offset: 0))
        #expect(decode(v4, linkType: LinkTypeNumber.ipv6).stop == ParseError(.invalidValue, layer: .ipv6, offset: 0))
        // DLT_RAW with a version nibble of 5 is neither.
        #expect(decode([0x50] + Array(repeating: 0, count: 39), linkType: LinkTypeNumber.raw).stop
                == ParseError(.invalidValue, layer: .link, offset: 0))
    }

    @Test(arguments: [UInt32(105), 127, 147, 999, 0xFFFF_FFFF])
    func unsupportedLinkTypeStops(linkType: UInt32) {
        let packet = decode(Array(repeating: 0x45, count: 60), linkType: linkType)
        let stop = packet.stop
        #expect(stop == ParseError(.unsupported, layer: .link, offset: 0))
        #expect(stop?.detail.contains("\(linkType)") == true)
        #expect(packet.network == .none && packet.transport == .none)
        #expect(!PacketDecoder.supportedLinkTypes.contains(linkType))
    }

    @Test(arguments: [
        // (link type, bytes present, needed): the link header itself cut short.
        (UInt32(1), 13, 14), (113, 15, 16), (276, 19, 20), (0, 3, 4), (108, 0, 4), (101, 0, 1),
    ])
    func truncatedLinkHeader(linkType: UInt32, present: Int, needed: Int) throws {
        let packet = decode(Array(repeating: 0, count: present), linkType: linkType)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.truncated, layer: .link, offset: 0))
        #expect(stop.needed == needed && stop.available == present)
    }
}
