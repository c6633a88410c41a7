import NetDecode
import Testing
import TestSupport
import WireCore

/// A well-formed frame and where each of its headers ends, so a cut at any byte offset has a known culprit.
struct LayeredFrame: Sendable, CustomTestStringConvertible {
    var name: String
    var linkType: UInt32
    var bytes: [UInt8]
    /// (layer, offset where its header ends), outermost first; the last one is the transport header.
    var headerEnds: [(ProtocolLayer, Int)]
    var testDescription: String { name }

    /// The layer a cut after `length` bytes must be blamed on, nil once every header is complete.
    func culprit(cutAt length: Int) -> ProtocolLayer? { headerEnds.first { length < $0.1 }?.0 }
    var transportStart: Int { headerEnds[headerEnds.count - 2].1 }
    var transportHeaderEnd: Int { headerEnds[headerEnds.count - 1].1 }

    static let all: [LayeredFrame] = {
        let payload = Array(0..<24).map { UInt8($0) }
        let udp4 = PacketBuilder.udpPacket(src: Addr.v4a, dst: Addr.v4b, sport: 1, dport: 2, payload: payload)
        let v6 = IPv6Header(source: Addr.v6a, destination: Addr.v6b, extensionHeaders: [.hopByHop(), .destinationOptions()])
        let udp6 = PacketBuilder.udpPacket(ip: .v6(v6), sport: 1, dport: 2, payload: payload, link: .ethernet(vlanTags: [.dot1Q(9)]))
        let tcp = PacketBuilder.tcpSegment(src: Addr.v4a, dst: Addr.v4b, sport: 1, dport: 2, seq: 1,
                                           options: TestSupport.TCPSegment.mssOption(1400) + [1, 1, 4, 2], payload: payload, link: .linuxSLL2())
        let null6 = PacketBuilder.udpPacket(src: Addr.v6a, dst: Addr.v6b, sport: 1, dport: 2, payload: payload, link: .null())
        let inner = PacketBuilder.udpIPPacket(ip: IPHeader(source: Addr.v4c, destination: Addr.v4d), sport: 1, dport: 2, payload: payload)
        let gre = IPv4Header(source: Addr.v4a, destination: Addr.v4b).packet(protocol: 47, payload: greHeader(protocolType: 0x0800, key: 5) + inner)
        let sll = PacketBuilder.udpPacket(src: Addr.v4a, dst: Addr.v4b, sport: 1, dport: 2, payload: payload, link: .linuxSLL())
        return [
            LayeredFrame(name: "Ethernet/IPv4/UDP", linkType: 1, bytes: udp4, headerEnds: [(.link, 14), (.ipv4, 34), (.udp, 42)]),
            LayeredFrame(name: "Ethernet/802.1Q/IPv6+ext/UDP", linkType: 1, bytes: udp6,
                         headerEnds: [(.link, 14), (.vlan, 18), (.ipv6, 58), (.ipExtension, 74), (.udp, 82)]),
            LayeredFrame(name: "SLL2/IPv4/TCP+options", linkType: 276, bytes: tcp, headerEnds: [(.link, 20), (.ipv4, 40), (.tcp, 68)]),
            LayeredFrame(name: "NULL/IPv6/UDP", linkType: 0, bytes: null6, headerEnds: [(.link, 4), (.ipv6, 44), (.udp, 52)]),
            LayeredFrame(name: "SLL/IPv4/UDP", linkType: 113, bytes: sll, headerEnds: [(.link, 16), (.ipv4, 36), (.udp, 44)]),
            LayeredFrame(name: "raw/IPv4/GRE/IPv4/UDP", linkType: 101, bytes: gre,
                         headerEnds: [(.link, 1), (.ipv4, 20), (.tunnel, 28), (.ipv4, 48), (.udp, 56)]),
        ]
    }()
}

@Suite("Truncated and malformed input never crashes and is blamed on the right layer")
struct TruncationPropertyTests {
    @Test(arguments: LayeredFrame.all)
    func cutAtEveryLength(frame: LayeredFrame) throws {
        for length in 0...frame.bytes.count {
            let cut = Array(frame.bytes.prefix(length))
            let packet = decode(cut, linkType: frame.linkType)
            #expect(packet.rangesFit(in: length), "cut at \(length)")
            if let layer = frame.culprit(cutAt: length) {
                #expect(packet.stop?.code == .truncated, "cut at \(length): \(String(describing: packet.stop))")
                #expect(packet.stop?.layer == layer, "cut at \(length): \(String(describing: packet.stop))")
                #expect(packet.transport == .none, "cut at \(length)")
            } else {
                // Every header present: the payload is what was captured, flagged clipped unless complete.
                #expect(packet.stop == nil, "cut at \(length): \(String(describing: packet.stop))")
                #expect(packet.isClipped == (length < frame.bytes.count), "cut at \(length)")
                let payload: ByteRange? = switch packet.transport {
                case .udp(let segment): segment.payload
                case .tcp(let segment): segment.payload
                default: nil
                }
                #expect(payload == ByteRange(start: frame.transportHeaderEnd, count: length - frame.transportHeaderEnd), "cut at \(length)")
            }
        }
    }

    @Test(arguments: LayeredFrame.all)
    func everyByteMutatedNeverCrashes(frame: LayeredFrame) {
        // Each byte replaced by 0x00, 0xFF, ±1 and a random value, decoded whole and cut at 3 lengths.
        var random = SplitMix64(state: 0xC0FFEE)
        for index in frame.bytes.indices {
            for value in [0x00, 0xFF, frame.bytes[index] &+ 1, frame.bytes[index] &- 1, UInt8.random(in: 0...255, using: &random)] {
                var mutated = frame.bytes
                mutated[index] = value
                for length in [mutated.count, mutated.count / 2, index + 1] {
                    let packet = decode(Array(mutated.prefix(length)), linkType: frame.linkType)
                    #expect(packet.rangesFit(in: length), "byte \(index) = \(value), length \(length)")
                }
            }
        }
    }

    @Test(arguments: Array(PacketDecoder.supportedLinkTypes).sorted())
    func randomBytesNeverCrash(linkType: UInt32) {
        var random = SplitMix64(state: UInt64(linkType) &+ 17)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...160, using: &random)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Bias towards plausible headers so the decoder gets past the first layer.
            if bytes.count > 24, Bool.random(using: &random) {
                let ipStart = [0, 4, 14, 16, 20][Int.random(in: 0..<5, using: &random)]
                if ipStart < bytes.count { bytes[ipStart] = Bool.random(using: &random) ? 0x45 : 0x60 }
            }
            let packet = decode(bytes, linkType: linkType)
            #expect(packet.rangesFit(in: length))
        }
    }
}
