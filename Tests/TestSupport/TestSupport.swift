// TestSupport: captures and packets built in code for every test target (depends on WireCore only).
//
// Frames — `PacketBuilder` for whole frames, or compose the parts:
//
//     let a = IPAddress("192.0.2.1")!, b = IPAddress("192.0.2.2")!
//     let frame = PacketBuilder.udpPacket(src: a, dst: b, sport: 5060, dport: 5060,
//                                         payload: SIPMessageBuilder.invite(callID: "c1").bytes,
//                                         link: .ethernet(vlanTags: [.dot1ad(100), .dot1Q(20)]))
//     var v4 = IPv4Header(source: a, destination: b, identification: 7); v4.dscp = 46; v4.ttl = 3
//     let tunnelled = IPHeader.v6(IPv6Header(source: x, destination: y)).encapsulating(innerIPPacket)  // IP-in-IP
//     let fragments = PacketBuilder.fragmentedUDP(ip: .v4(v4), sport: 1, dport: 2, payload: big, maxPieceLength: 1400)
//     let overlapping = IPFragmenter.ipv4Fragments(header: v4, protocol: 17, specs: [FragmentSpec(...), ...])
//     let tcp = PacketBuilder.tcpStream(src: a, dst: b, sport: 40000, dport: 5060, data: sipBytes, maxSegmentSize: 300)
//     let rtp = RTPPacketBuilder(payloadType: 8, sequenceNumber: 1, timestamp: 160, ssrc: 0x1234, payload: audio).bytes
//
// Link layers (`LinkLayer`, with `.linkType` for the capture header): Ethernet II + 802.1Q/802.1ad tags, Linux SLL
// and SLL2, BSD NULL (host byte order) and LOOP, raw IP (101, 12, 14, 228, 229).
//
// Captures — `PcapWriter` (µs/ns magic, either byte order, snaplen cut, raw records, `truncated(inRecord:keeping:)`)
// and `PcapngWriter` (SHB, IDBs with if_tsresol, EPB, SPB, any block, `truncated(inPacketBlock:keeping:)`);
// `writeTemporaryFile(bytes:name:)` puts bytes on disk for libpcap; `ExternalTool.run("tshark", …)` cross-checks.
//
// Every checksum (IPv4 header, UDP, TCP) is correct unless overridden (`ChecksumMode`, `checksumOverride`);
// cross-checked against tshark in NetReassemblyTests/TestSupportChecks.
