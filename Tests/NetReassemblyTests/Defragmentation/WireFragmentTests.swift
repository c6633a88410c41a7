import Testing
import NetReassembly
import TestSupport
import WireCore

/// Fragments built as real packets by TestSupport, their headers read here by hand (NetDecode is not used),
/// then reassembled: checks that builder and defragmenter agree on the wire format.
@Suite("IPDefragmenter with packets from the builder")
struct WireFragmentTests {
    let udpPayload = patternedPayload(2000, seed: 3)

    @Test func ipv4FragmentsReassembleToTheUDPDatagram() throws {
        let source = IPAddress("198.51.100.1")!, destination = IPAddress("198.51.100.2")!
        let header = IPv4Header(source: source, destination: destination, identification: 0xBEEF)
        let udp = UDPDatagram(sourcePort: 5060, destinationPort: 5060, payload: udpPayload).bytes(source: source, destination: destination)
        let packets = IPFragmenter.ipv4Fragments(header: header, protocol: 17, specs: IPFragmenter.split(udp, maxPieceLength: 576).reversed())
        var defrag = IPDefragmenter()
        var result: DefragResult = .needMore
        for packet in packets {
            // IHL in the low nibble of byte 0; flags/offset word at 6: MF = 0x2000, offset in 8-byte units.
            let ihl = Int(packet[0] & 0x0F) * 4
            let word = UInt16(packet[6]) << 8 | UInt16(packet[7])
            let key = IPFragmentKey(source: source, destination: destination,
                                    identification: UInt32(packet[4]) << 8 | UInt32(packet[5]), protocolNumber: packet[9])
            result = Array(packet[ihl...]).withUnsafeBytes {
                defrag.add(IPFragment(key: key, offset: Int(word & 0x1FFF) * 8, moreFragments: word & 0x2000 != 0, payload: $0), at: .zero)
            }
        }
        let datagram = try #require(result.datagram)
        #expect(datagram.payload == udp)
        #expect(datagram.key.identification == 0xBEEF)
        #expect(datagram.fragmentCount == 4)  // 2008 bytes in 576-byte pieces: 576 × 3 + 280
    }

    @Test func ipv6FragmentsReassembleToTheUDPDatagram() throws {
        let source = IPAddress("2001:db8::1")!, destination = IPAddress("2001:db8::2")!
        let header = IPv6Header(source: source, destination: destination)
        let udp = UDPDatagram(sourcePort: 5060, destinationPort: 5060, payload: udpPayload).bytes(source: source, destination: destination)
        let specs = IPFragmenter.split(udp, maxPieceLength: 1232)
        let packets = IPFragmenter.ipv6Fragments(header: header, protocol: 17, identification: 0x0102_0304, specs: [specs[1], specs[0]])
        var defrag = IPDefragmenter()
        var result: DefragResult = .needMore
        for packet in packets {
            // Fixed header 40 bytes, next header 44 → Fragment header at 40: next, reserved, offset|M, id.
            #expect(packet[6] == 44)
            let word = UInt16(packet[42]) << 8 | UInt16(packet[43])
            let id = UInt32(packet[44]) << 24 | UInt32(packet[45]) << 16 | UInt32(packet[46]) << 8 | UInt32(packet[47])
            let key = IPFragmentKey(source: source, destination: destination, identification: id, protocolNumber: packet[40])
            result = Array(packet[48...]).withUnsafeBytes {
                defrag.add(IPFragment(key: key, offset: Int(word & 0xFFF8), moreFragments: word & 1 != 0, payload: $0), at: .zero)
            }
        }
        let datagram = try #require(result.datagram)
        #expect(datagram.payload == udp)
        #expect(datagram.key.identification == 0x0102_0304 && datagram.key.protocolNumber == 17)
    }
}
