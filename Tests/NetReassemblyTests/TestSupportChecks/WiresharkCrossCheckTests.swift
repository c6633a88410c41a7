import Testing
import TestSupport
import WireCore

/// Cross-checks the writers against tshark/capinfos (skipped when they are not installed).
@Suite("Writers read back by tshark and capinfos", .enabled(if: ExternalTool.isAvailable("tshark") && ExternalTool.isAvailable("capinfos")))
struct WiresharkCrossCheckTests {
    let v4a = IPAddress("10.0.0.1")!, v4b = IPAddress("10.0.0.2")!
    let v6a = IPAddress("2001:db8::a")!, v6b = IPAddress("2001:db8::b")!
    let t0 = Timestamp(seconds: 1_700_000_000, nanoseconds: 1)

    /// Decodes `bytes` with tshark and returns one tab-separated line of `fields` per packet.
    func tsharkFields(_ bytes: [UInt8], name: String, _ fields: [String]) throws -> [String] {
        let path = try writeTemporaryFile(bytes: bytes, name: name)
        defer { removeTemporaryFile(path) }
        var arguments = ["-r", path, "-T", "fields", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                         "-o", "ip.check_checksum:TRUE", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE"]
        for field in fields { arguments += ["-e", field] }
        let result = try #require(try ExternalTool.run("tshark", arguments))
        return result.output.split(separator: "\n").map(String.init)
    }

    @Test(arguments: [
        LinkLayer.ethernet(), .ethernet(vlanTags: [.dot1ad(10), .dot1Q(20)]), .linuxSLL(), .linuxSLL2(), .null(),
        .null(byteOrder: .bigEndian), .loop(), .raw(), .raw(linkType: LinkTypeNumber.rawDLT12), .raw(linkType: LinkTypeNumber.ipv4),
    ])
    func everyLinkTypeDecodesToUDPWithGoodChecksums(link: LinkLayer) throws {
        var writer = PcapWriter(linkType: link.linkType)
        writer.append(PacketBuilder.udpPacket(src: v4a, dst: v4b, sport: 5060, dport: 5062, payload: Array("ping".utf8), link: link), at: t0)
        let lines = try tsharkFields(writer.bytes, name: "link\(link.linkType).pcap",
                                     ["ip.src", "udp.dstport", "ip.checksum.status", "udp.checksum.status"])
        // Checksum status 1 = good in Wireshark's proto_checksum_enum.
        #expect(lines == ["10.0.0.1\t5062\t1\t1"])
    }

    @Test func ipv6OverLinkTypesAndTunnels() throws {
        var writer = PcapWriter(linkType: LinkTypeNumber.ipv6, precision: .nanoseconds, byteOrder: .bigEndian)
        let inner4 = PacketBuilder.udpIPPacket(ip: IPHeader(source: v4a, destination: v4b), sport: 1, dport: 2, payload: [1])
        let inner6 = PacketBuilder.udpIPPacket(ip: IPHeader(source: v6a, destination: v6b), sport: 3, dport: 4, payload: [2])
        let outer6 = IPHeader.v6(IPv6Header(source: v6b, destination: v6a, extensionHeaders: [.hopByHop(), .routing()]))
        writer.append(outer6.encapsulating(inner4), at: t0)
        writer.append(outer6.encapsulating(inner6), at: t0)
        writer.append(PacketBuilder.tcpSegment(src: v6a, dst: v6b, sport: 5060, dport: 5061, seq: 1000, payload: [1, 2],
                                               link: .raw(linkType: LinkTypeNumber.ipv6)), at: t0)
        let lines = try tsharkFields(writer.bytes, name: "v6.pcap", ["udp.dstport", "tcp.dstport", "udp.checksum.status", "tcp.checksum.status"])
        #expect(lines == ["2\t\t1\t", "4\t\t1\t", "\t5061\t\t1"])
    }

    @Test func ipv4TunnelsCarryBothFamilies() throws {
        var writer = PcapWriter()
        let outer = IPHeader(source: v4b, destination: v4a)
        let inner6 = PacketBuilder.udpIPPacket(ip: IPHeader(source: v6a, destination: v6b), sport: 3, dport: 4, payload: [2])
        let inner4 = PacketBuilder.udpIPPacket(ip: IPHeader(source: v4a, destination: v4b), sport: 5, dport: 6, payload: [3])
        writer.append(LinkLayer.ethernet().frame(outer.encapsulating(inner6)), at: t0)
        writer.append(LinkLayer.ethernet().frame(outer.encapsulating(inner4)), at: t0)
        let lines = try tsharkFields(writer.bytes, name: "tun.pcap", ["ip.proto", "udp.dstport"])
        #expect(lines == ["41\t4", "4,17\t6"])
    }

    @Test func fragmentsAreReassembledByWireshark() throws {
        var writer = PcapWriter()
        let payload = Array((0..<3000).map { UInt8(truncatingIfNeeded: $0) })
        var v4 = IPv4Header(source: v4a, destination: v4b, identification: 77)
        v4.ttl = 9
        for frame in PacketBuilder.fragmentedUDP(ip: .v4(v4), sport: 9, dport: 10, payload: payload, maxPieceLength: 1400) {
            writer.append(frame, at: t0)
        }
        let v6 = IPHeader.v6(IPv6Header(source: v6a, destination: v6b))
        for frame in PacketBuilder.fragmentedUDP(ip: v6, sport: 11, dport: 12, payload: payload, maxPieceLength: 1400, identification: 5) {
            writer.append(frame, at: t0)
        }
        let path = try writeTemporaryFile(bytes: writer.bytes, name: "frag.pcap")
        defer { removeTemporaryFile(path) }
        let result = try #require(try ExternalTool.run("tshark", ["-r", path, "-T", "fields", "-e", "udp.length", "-e", "udp.checksum.status",
                                                                  "-o", "udp.check_checksum:TRUE", "-Y", "udp"]))
        // 3000 + 8 = 3008 bytes of UDP in 1400/1400/208 pieces; the reassembled datagram's checksum must verify.
        #expect(result.output.split(separator: "\n") == ["3008\t1", "3008\t1"])
    }

    @Test func pcapngWithMixedInterfacesAndResolutions() throws {
        var writer = PcapngWriter(byteOrder: .bigEndian)
        let eth = writer.addInterface(linkType: LinkTypeNumber.ethernet, resolution: .nanoseconds, name: "eth0")
        let sll = writer.addInterface(linkType: LinkTypeNumber.linuxSLL, snaplen: 40, resolution: .power10(4))
        let raw = writer.addInterface(linkType: LinkTypeNumber.raw)
        let udp = PacketBuilder.udpIPPacket(ip: IPHeader(source: v4a, destination: v4b), sport: 1, dport: 2, payload: Array(repeating: 7, count: 100))
        writer.appendEnhancedPacket(interface: eth, at: t0, frame: LinkLayer.ethernet().frame(udp))
        writer.appendEnhancedPacket(interface: sll, at: Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456_789), frame: LinkLayer.linuxSLL().frame(udp))
        writer.appendEnhancedPacket(interface: raw, at: Timestamp(seconds: 1_700_000_001, nanoseconds: 999_999_000), frame: udp)
        let lines = try tsharkFields(writer.bytes, name: "mixed.pcapng",
                                     ["frame.interface_id", "frame.time_epoch", "frame.cap_len", "frame.len"])
        // SLL frame = 16 + 128 = 144 bytes cut to snaplen 40; 10^-4 s resolution keeps 0.1234 s.
        #expect(lines == ["0\t1700000000.000000001\t142\t142", "1\t1700000000.123400000\t40\t144", "2\t1700000001.999999000\t128\t128"])
        let path = try writeTemporaryFile(bytes: writer.bytes, name: "mixed.pcapng")
        defer { removeTemporaryFile(path) }
        let info = try #require(try ExternalTool.run("capinfos", ["-M", "-c", path]))
        #expect(info.output.contains("Number of packets:   3"))
    }

    @Test func tcpStreamAndIPv4OptionsAndSimplePacketBlocks() throws {
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.raw, snaplen: 0)
        let sip = SIPMessageBuilder.invite(callID: "tcp-call").bytes
        for frame in PacketBuilder.tcpStream(src: v4a, dst: v4b, sport: 40000, dport: 5060, data: sip, maxSegmentSize: 300, link: .raw()) {
            writer.appendSimplePacket(frame: frame)
        }
        var header = IPv4Header(source: v4a, destination: v4b)
        header.options = [0x94, 0x04, 0, 0]  // Router Alert (RFC 2113): IHL becomes 6
        writer.appendSimplePacket(frame: PacketBuilder.udpPacket(ip: .v4(header), sport: 1, dport: 2, payload: [0], link: .raw()))
        let lines = try tsharkFields(writer.bytes, name: "spb.pcapng", ["ip.hdr_len", "tcp.len", "tcp.checksum.status", "sip.Call-ID", "udp.checksum.status"])
        // INVITE text split in 300-byte segments; tshark reassembles the SIP message on the last one.
        let segments = (sip.count + 299) / 300
        #expect(lines.count == 1 + segments + 1)
        #expect(lines.first == "20\t0\t1\t\t")
        #expect(lines[segments].hasSuffix("\t1\ttcp-call\t"))
        #expect(lines.last == "24\t\t\t\t1")
    }

    @Test func snaplenCutAndTruncatedFileAreReportedByCapinfos() throws {
        var writer = PcapWriter(snaplen: 60, precision: .nanoseconds, byteOrder: .bigEndian)
        for i in 0..<3 {
            writer.append(PacketBuilder.udpPacket(src: v4a, dst: v4b, sport: 1, dport: 2, payload: Array(repeating: 1, count: 100)),
                          at: Timestamp(seconds: 1_700_000_000 + Int64(i), nanoseconds: 5))
        }
        let whole = try writeTemporaryFile(bytes: writer.bytes, name: "whole.pcap")
        defer { removeTemporaryFile(whole) }
        let info = try #require(try ExternalTool.run("capinfos", ["-M", "-c", "-l", whole]))
        #expect(info.output.contains("Number of packets:   3"))
        #expect(info.output.contains("Packet size limit:   file hdr: 60 bytes"))
        let cut = try writeTemporaryFile(bytes: writer.truncated(inRecord: 2, keeping: 30), name: "cut.pcap")
        defer { removeTemporaryFile(cut) }
        let cutInfo = try #require(try ExternalTool.run("capinfos", ["-M", "-c", cut]))
        // capinfos reads the two whole records, then fails (exit 1) on the record cut short.
        #expect(cutInfo.status == 1)
        #expect(cutInfo.output.contains("Number of packets:   2"))
    }

    @Test func rtpAndSIPDecode() throws {
        var writer = PcapWriter()
        let rtp = RTPPacketBuilder(payloadType: 0, sequenceNumber: 10, timestamp: 1600, ssrc: 0xCAFE, payload: Array(repeating: 0xFF, count: 160))
        writer.append(PacketBuilder.udpPacket(src: v4a, dst: v4b, sport: 40000, dport: 40002, payload: rtp.bytes), at: t0)
        writer.append(PacketBuilder.udpPacket(src: v4a, dst: v4b, sport: 5060, dport: 5060, payload: SIPMessageBuilder.invite(callID: "abc@x").bytes), at: t0)
        let path = try writeTemporaryFile(bytes: writer.bytes, name: "media.pcap")
        defer { removeTemporaryFile(path) }
        let result = try #require(try ExternalTool.run("tshark", ["-r", path, "-d", "udp.port==40002,rtp", "-T", "fields",
                                                                  "-e", "rtp.ssrc", "-e", "rtp.seq", "-e", "sip.Call-ID", "-e", "sdp.media"]))
        #expect(result.output.split(separator: "\n") == ["0x0000cafe\t10\t\t", "\t\tabc@x\taudio 40000 RTP/AVP 0 8 101"])
    }
}
