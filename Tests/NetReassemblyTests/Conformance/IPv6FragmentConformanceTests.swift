import Foundation
import Testing
import NetReassembly
import TestSupport
import WireCore

/// sngrep__ipv6frag.pcap (Linux cooked v1, SIP over fragmented IPv6 UDP): the datagrams we reassemble must be the
/// ones tshark reassembles (frame, length, identification) and their UDP checksums must verify.
@Suite("IPv6 defragmentation matches tshark on a real capture", .enabled(if: PublicCaptures.availableWithTShark))
struct IPv6FragmentConformanceTests {
    @Test func reassembledDatagramsMatchTShark() throws {
        let path = "\(PublicCaptures.directory)/sngrep__ipv6frag.pcap"
        let reader = try #require(MiniPcapReader(path: path))
        #expect(reader.linkType == 113)
        var defrag = IPDefragmenter()
        var ours: [String] = []
        for (index, frame) in reader.frames.enumerated() {
            // SLL header 16 bytes, protocol at 14; IPv6 fixed header 40 bytes; Fragment header directly after.
            guard frame.bytes.count >= 64, frame.bytes[14] == 0x86, frame.bytes[15] == 0xDD, frame.bytes[16 + 6] == 44 else { continue }
            let ip = Array(frame.bytes[16...])
            let source = try #require(ip.withUnsafeBytes { $0.be128(at: 8) }), destination = try #require(ip.withUnsafeBytes { $0.be128(at: 24) })
            let payloadEnd = min(ip.count, 40 + Int(UInt16(ip[4]) << 8 | UInt16(ip[5])))
            let word = UInt16(ip[42]) << 8 | UInt16(ip[43])
            let id = ip[44..<48].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let key = IPFragmentKey(source: IPAddress(ipv6: source), destination: IPAddress(ipv6: destination), identification: id, protocolNumber: ip[40])
            let result = Array(ip[48..<payloadEnd]).withUnsafeBytes {
                defrag.add(IPFragment(key: key, offset: Int(word & 0xFFF8), moreFragments: word & 1 != 0, payload: $0), at: frame.time)
            }
            guard case .complete(let datagram) = result else { continue }
            // UDP length field = reassembled length, and the checksum over the pseudo-header verifies (sum → 0).
            #expect(Int(UInt16(datagram.payload[4]) << 8 | UInt16(datagram.payload[5])) == datagram.payload.count)
            #expect(InternetChecksum.transport(source: key.source, destination: key.destination, protocol: 17, segment: datagram.payload) == 0)
            let hex = String(id, radix: 16)
            ours.append("\(index + 1)\t\(datagram.payload.count)\t0x\(String(repeating: "0", count: 8 - hex.count))\(hex)")
        }
        let output = try #require(try ExternalTool.run("tshark", ["-r", path, "-Y", "ipv6.reassembled.length", "-T", "fields",
                                                                  "-e", "frame.number", "-e", "ipv6.reassembled.length", "-e", "ipv6.fraghdr.ident"]))
        // tshark prints the identification as 8 hex digits.
        #expect(ours.count == 2)
        #expect(ours == output.output.split(separator: "\n").map(String.init))
        #expect(defrag.statistics.datagramsReassembled == 2 && defrag.datagramsInFlight == 0)
    }
}
