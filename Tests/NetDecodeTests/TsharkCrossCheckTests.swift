import Foundation
import NetDecode
import Testing
import TestSupport
import WireCore

/// Every packet of every public capture decoded here and by tshark (4.0.17, reassembly off so each frame stands
/// alone): innermost IP addresses, fragment flags, UDP/TCP ports and the outer VLAN id must agree.
@Suite("Decoder against tshark on the public captures")
struct TsharkCrossCheckTests {
    static let publicCaptures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/captures/public")

    static func captureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publicCaptures.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
    }

    static let fields = ["frame.number", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport",
                         "tcp.srcport", "tcp.dstport", "ip.flags.mf", "ip.frag_offset", "ipv6.fraghdr.more",
                         "ipv6.fraghdr.offset", "icmp.type", "icmpv6.type", "vlan.id"]

    /// One tshark line: field name → its comma-separated values (outermost first).
    static func tsharkRows(_ path: String) throws -> [[String: [String]]]? {
        var arguments = ["-r", path, "-n", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
                         "-o", "tcp.desegment_tcp_streams:FALSE", "-T", "fields", "-E", "separator=|"]
        for field in fields { arguments += ["-e", field] }
        guard let (output, status) = try ExternalTool.run("tshark", arguments), status == 0 else { return nil }
        return output.split(separator: "\n").map { line in
            var row: [String: [String]] = [:]
            for (name, value) in zip(fields, line.split(separator: "|", omittingEmptySubsequences: false)) where !value.isEmpty {
                row[name] = value.split(separator: ",").map(String.init)
            }
            return row
        }
    }

    @Test(.enabled(if: ExternalTool.isAvailable("tshark")), arguments: captureNames())
    func decodedFieldsMatchTshark(name: String) throws {
        let path = Self.publicCaptures.appendingPathComponent(name).path
        let rows = try #require(try Self.tsharkRows(path))
        let frames = try ReferenceCaptureReader.frames(path: path)
        #expect(frames.count == rows.count)
        var compared = 0
        for (index, frame) in zip(frames.indices, frames) where index < rows.count {
            let row = rows[index]
            let packet = frame.bytes.withUnsafeBytes { PacketDecoder.decode($0, linkType: frame.linkType) }
            let frameNumber = index + 1
            // ICMP quotes the offending IP/UDP headers; tshark lists them as if they were the packet's own.
            if row["icmp.type"] != nil || row["icmpv6.type"] != nil { continue }
            compared += 1
            switch packet.network {
            case .ipv4:
                #expect(row["ip.src"]?.last.flatMap(IPAddress.init) == packet.source, "frame \(frameNumber)")
                #expect(row["ip.dst"]?.last.flatMap(IPAddress.init) == packet.destination, "frame \(frameNumber)")
            case .ipv6:
                #expect(row["ipv6.src"]?.last.flatMap(IPAddress.init) == packet.source, "frame \(frameNumber)")
                #expect(row["ipv6.dst"]?.last.flatMap(IPAddress.init) == packet.destination, "frame \(frameNumber)")
            case .none, .nonIP:
                #expect(row["ip.src"] == nil && row["ipv6.src"] == nil, "frame \(frameNumber): \(packet.network) \(String(describing: packet.stop))")
            }
            let tsharkFragment = row["ip.flags.mf"]?.last == "1" || (row["ip.frag_offset"]?.last).map { $0 != "0" } ?? false
                || row["ipv6.fraghdr.more"]?.last == "1" || (row["ipv6.fraghdr.offset"]?.last).map { $0 != "0" } ?? false
            #expect((packet.fragment != nil) == tsharkFragment, "frame \(frameNumber)")
            if let tag = row["vlan.id"]?.first { #expect(UInt16(tag) == packet.outerVLAN, "frame \(frameNumber)") }
            guard packet.fragment == nil else { continue }
            func pairs(_ source: String, _ destination: String) -> [String] {
                zip(row[source] ?? [], row[destination] ?? []).map { "\($0) \($1)" }
            }
            switch packet.transport {
            case .udp(let udp):
                #expect(pairs("udp.srcport", "udp.dstport").first == "\(udp.sourcePort) \(udp.destinationPort)", "frame \(frameNumber)")
            case .tcp(let tcp):
                #expect(pairs("tcp.srcport", "tcp.dstport").first == "\(tcp.sourcePort) \(tcp.destinationPort)", "frame \(frameNumber)")
            case .none, .other:
                #expect(row["udp.srcport"] == nil && row["tcp.srcport"] == nil,
                        "frame \(frameNumber): \(packet.transport) \(String(describing: packet.stop))")
            }
        }
        #expect(compared > 0)
    }
}
