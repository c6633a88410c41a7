import NetDecode
import Testing
import TestSupport
import WireCore

@Suite("Tunnels: IP-in-IP, GRE, ERSPAN, nesting limit")
struct TunnelDecodingTests {
    static let payload: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]

    func innerUDP(_ src: IPAddress, _ dst: IPAddress) -> [UInt8] {
        PacketBuilder.udpIPPacket(ip: IPHeader(source: src, destination: dst), sport: 4000, dport: 4002, payload: Self.payload)
    }

    /// (outer family, inner family, outer IP header length, inner IP header length).
    @Test(arguments: [(4, 4, 20, 20), (4, 6, 20, 40), (6, 4, 40, 20), (6, 6, 40, 40)])
    func ipInIP(outer: Int, inner: Int, outerLength: Int, innerLength: Int) throws {
        let innerPacket = inner == 4 ? innerUDP(Addr.v4c, Addr.v4d) : innerUDP(Addr.v6b, Addr.v6a)
        let outerHeader = outer == 4 ? IPHeader(source: Addr.v4a, destination: Addr.v4b) : IPHeader(source: Addr.v6a, destination: Addr.v6b)
        let frame = LinkLayer.ethernet().frame(outerHeader.encapsulating(innerPacket))
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil)
        #expect(packet.tunnelDepth == 1)
        // The innermost datagram is reported: its addresses, its header offset inside the frame.
        #expect(inner == 4 ? packet.isIPv4 : packet.isIPv6)
        #expect(packet.source == (inner == 4 ? Addr.v4c : Addr.v6b))
        #expect(packet.ipHeaderOffset == 14 + outerLength)
        let udp = try #require(packet.udp)
        #expect(udp.payload == ByteRange(start: 14 + outerLength + innerLength + 8, count: 4))
        #expect(frame[udp.payload] == Self.payload)
    }

    /// GRE with every combination of the optional words (checksum, key, sequence).
    @Test(arguments: [(false, false, false), (true, false, false), (false, true, false), (false, false, true),
                      (true, true, true), (false, true, true)])
    func greCarryingIPv4(checksum: Bool, key: Bool, sequence: Bool) throws {
        let gre = greHeader(protocolType: 0x0800, checksum: checksum, key: key ? 0x1234_5678 : nil, sequence: sequence ? 99 : nil)
        let outer = IPv4Header(source: Addr.v4a, destination: Addr.v4b).packet(protocol: 47, payload: gre + innerUDP(Addr.v4c, Addr.v4d))
        let packet = decode(outer, linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil && packet.tunnelDepth == 1)
        #expect(packet.source == Addr.v4c)
        // Inner IP after 20 (outer) + 4 (GRE base) + 4 per optional word.
        #expect(packet.ipHeaderOffset == 20 + gre.count)
        #expect(packet.udp?.payload == ByteRange(start: 20 + gre.count + 28, count: 4))
    }

    @Test func greCarryingIPv6AndTransparentEthernet() throws {
        let v6 = decode(IPv4Header(source: Addr.v4a, destination: Addr.v4b)
            .packet(protocol: 47, payload: greHeader(protocolType: 0x86DD) + innerUDP(Addr.v6a, Addr.v6b)), linkType: LinkTypeNumber.raw)
        #expect(v6.isIPv6 && v6.udp?.payload == ByteRange(start: 20 + 4 + 48, count: 4))
        // 0x6558: a whole Ethernet frame (with a VLAN tag) inside GRE.
        let bridged = LinkLayer.ethernet(vlanTags: [.dot1Q(77)]).frame(innerUDP(Addr.v4c, Addr.v4d))
        let packet = decode(IPv4Header(source: Addr.v4a, destination: Addr.v4b)
            .packet(protocol: 47, payload: greHeader(protocolType: 0x6558, key: 1) + bridged), linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil && packet.vlanCount == 1 && packet.outerVLAN == 77)
        #expect(packet.ipHeaderOffset == 20 + 8 + 18 && packet.source == Addr.v4c)
    }

    /// ERSPAN (draft-foschiano-erspan): type I (no sequence, no header), II (8-byte header), III (12 bytes,
    /// plus 8 with the O flag). The mirrored frame is Ethernet.
    @Test(arguments: [
        // (GRE protocol, sequence present, ERSPAN header bytes, O flag)
        (UInt16(0x88BE), false, 0, false),
        (0x88BE, true, 8, false),
        (0x22EB, true, 12, false),
        (0x22EB, true, 20, true),
    ])
    func erspan(protocolType: UInt16, sequence: Bool, headerLength: Int, platform: Bool) throws {
        var erspanHeader = Array(repeating: UInt8(0x10), count: headerLength)
        if headerLength > 0 { erspanHeader[0] = protocolType == 0x22EB ? 0x20 : 0x10 }  // version 2 / 1
        if headerLength >= 12 { erspanHeader[11] = platform ? 0x01 : 0x00 }
        let mirrored = LinkLayer.ethernet().frame(innerUDP(Addr.v6a, Addr.v6b))
        let gre = greHeader(protocolType: protocolType, sequence: sequence ? 1 : nil)
        let frame = LinkLayer.ethernet().frame(IPv4Header(source: Addr.v4a, destination: Addr.v4b)
            .packet(protocol: 47, payload: gre + erspanHeader + mirrored))
        let packet = decode(frame, linkType: LinkTypeNumber.ethernet)
        #expect(packet.stop == nil)
        #expect(packet.isIPv6 && packet.source == Addr.v6a && packet.tunnelDepth == 1)
        let innerIP = 14 + 20 + gre.count + headerLength + 14
        #expect(packet.ipHeaderOffset == innerIP)
        #expect(packet.udp?.payload == ByteRange(start: innerIP + 48, count: 4))
    }

    @Test func truncatedERSPANHeaderIsATunnelProblem() throws {
        // ERSPAN II announced (sequence present) but only 5 of its 8 header bytes captured.
        let gre = greHeader(protocolType: 0x88BE, sequence: 1)
        let outer = IPv4Header(source: Addr.v4a, destination: Addr.v4b).packet(protocol: 47, payload: gre + [1, 2, 3, 4, 5])
        let packet = decode(outer, linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.truncated, layer: .tunnel, offset: 0))
        #expect(stop.offset == 20 + 8 && stop.needed == 8 && stop.available == 5)
        // The outer datagram stays visible; no encapsulation was crossed.
        #expect(packet.source == Addr.v4a && packet.isIPv4 && packet.tunnelDepth == 0)
    }

    @Test func unsupportedGREPayloadKeepsTheOuterPacket() throws {
        // GRE carrying PPP (0x880B, PPTP) is not decoded: stop names the protocol, outer addresses stay.
        let outer = IPv4Header(source: Addr.v4a, destination: Addr.v4b).packet(protocol: 47, payload: greHeader(protocolType: 0x880B) + [0xFF, 0x03])
        let packet = decode(outer, linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.unsupported, layer: .tunnel, offset: 0))
        #expect(stop.offset == 22 && stop.detail.contains("0x880b"))
        #expect(packet.isIPv4 && packet.source == Addr.v4a && packet.destination == Addr.v4b)
        #expect(packet.ipProtocol == 47)
    }

    @Test(arguments: [(UInt16(0x3001), "version 1"), (0x4000, "source routing")])
    func greVersionOneAndSourceRoutingAreUnsupported(flags: UInt16, detail: String) throws {
        // PPTP's GRE v1 (key always present, acknowledgment word) and RFC 1701 routing would shift the payload.
        var gre = greHeader(protocolType: 0x0800, key: 1, sequence: 2)
        gre.setBigEndian16(flags, at: 0)
        let packet = decode(IPv4Header(source: Addr.v4a, destination: Addr.v4b).packet(protocol: 47, payload: gre + innerUDP(Addr.v4c, Addr.v4d)),
                            linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.unsupported, layer: .tunnel, offset: 0))
        #expect(stop.offset == 20 && stop.detail.contains(detail))
        #expect(packet.source == Addr.v4a && packet.tunnelDepth == 0)
    }

    @Test func truncatedInnerHeaderKeepsTheOuterPacket() throws {
        // 4-in-4 whose inner header is cut after 12 of 20 bytes (the outer total length agrees: not clipped).
        let inner = Array(innerUDP(Addr.v4c, Addr.v4d).prefix(12))
        let packet = decode(IPv4Header(source: Addr.v4a, destination: Addr.v4b).packet(protocol: 4, payload: inner), linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.truncated, layer: .ipv4, offset: 0))
        #expect(stop.offset == 20 && stop.needed == 20 && stop.available == 12)
        #expect(packet.source == Addr.v4a && packet.isIPv4)
    }

    @Test func tunnelPayloadThatIsNotIPIsOther() {
        // GRE transparent bridging carrying ARP: the innermost layer is non-IP.
        let arp = LinkLayer.ethernet().frame(Array(repeating: 0, count: 28), etherType: EtherTypeNumber.arp)
        let packet = decode(IPv4Header(source: Addr.v4a, destination: Addr.v4b)
            .packet(protocol: 47, payload: greHeader(protocolType: 0x6558) + arp), linkType: LinkTypeNumber.raw)
        #expect(packet.network == .nonIP(etherType: 0x0806))
        #expect(packet.stop == nil && packet.tunnelDepth == 1)
    }

    /// `depth` IP-in-IP encapsulations around a UDP datagram.
    func nested(_ depth: Int) -> [UInt8] {
        var packet = innerUDP(Addr.v4c, Addr.v4d)
        for _ in 0..<depth { packet = IPHeader(source: Addr.v4a, destination: Addr.v4b).encapsulating(packet) }
        return packet
    }

    @Test func nestingUpToTheLimitIsFollowed() throws {
        let depth = PacketDecoder.maximumTunnelDepth
        let packet = decode(nested(depth), linkType: LinkTypeNumber.raw)
        #expect(packet.stop == nil && packet.tunnelDepth == depth)
        #expect(packet.source == Addr.v4c)
        #expect(packet.udp?.payload == ByteRange(start: 20 * (depth + 1) + 8, count: 4))
    }

    @Test func nestingBeyondTheLimitStops() throws {
        let depth = PacketDecoder.maximumTunnelDepth
        let packet = decode(nested(depth + 1), linkType: LinkTypeNumber.raw)
        let stop = try #require(packet.stop)
        #expect(stop == ParseError(.limitExceeded, layer: .tunnel, offset: 0))
        // Stopped at the payload of the datagram at the limit: after (depth + 1) outer headers.
        #expect(stop.offset == 20 * (depth + 1))
        #expect(packet.tunnelDepth == depth && packet.transport == .none)
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        // 2000 nested headers (40 KB) must end at the limit, not recurse 2000 times.
        let packet = decode(nested(2000), linkType: LinkTypeNumber.raw)
        #expect(packet.stop?.code == .limitExceeded)
    }
}
