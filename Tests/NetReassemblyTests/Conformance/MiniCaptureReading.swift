import Foundation
import NetReassembly
import TestSupport
import WireCore

/// A deliberately small, test-only classic-pcap reader (either byte order, µs or ns): the link type and each
/// record's time and bytes. Stops at the first truncated record.
struct MiniPcapReader {
    var linkType: UInt32
    var frames: [(time: Timestamp, bytes: [UInt8])] = []

    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        guard let reader = bytes.withUnsafeBytes({ MiniPcapReader(file: $0) }) else { return nil }
        self = reader
    }

    private init?(file: UnsafeRawBufferPointer) {
        guard let magic = file.le32(at: 0) else { return nil }
        let littleEndian: Bool, nanosecond: Bool
        switch magic {
        case 0xA1B2_C3D4: (littleEndian, nanosecond) = (true, false)
        case 0xA1B2_3C4D: (littleEndian, nanosecond) = (true, true)
        case 0xD4C3_B2A1: (littleEndian, nanosecond) = (false, false)
        case 0x4D3C_B2A1: (littleEndian, nanosecond) = (false, true)
        default: return nil
        }
        func u32(_ at: Int) -> UInt32? { littleEndian ? file.le32(at: at) : file.be32(at: at) }
        guard let linkType = u32(20) else { return nil }
        self.linkType = linkType
        var offset = 24
        while let seconds = u32(offset), let fraction = u32(offset + 4), let captured = u32(offset + 8),
              offset + 16 + Int(captured) <= file.count {
            let start = offset + 16
            let time = Timestamp(seconds: Int64(seconds), nanoseconds: Int64(fraction) * (nanosecond ? 1 : 1_000))
            frames.append((time, Array(file[start..<(start + Int(captured))])))
            offset = start + Int(captured)
        }
    }
}

/// Test-only extraction of TCP segments from Ethernet frames (optionally 802.1Q-tagged), IPv4/IPv6 without
/// extension headers. Enough to feed real captures to the reassembler without NetDecode; anything else
/// (other link types, IP fragments, truncated headers) is skipped.
struct MiniTCPExtractor {
    struct Segment {
        var flow: FlowKey
        var sequence: UInt32
        var flags: TCPControlFlags
        var payload: [UInt8]
        var time: Timestamp
    }

    /// The TCP segments of the capture at `path`, in file order; nil when it is not a classic Ethernet pcap.
    static func segments(inFile path: String) -> [Segment]? {
        guard let reader = MiniPcapReader(path: path), reader.linkType == 1 else { return nil }
        return reader.frames.compactMap { frame in frame.bytes.withUnsafeBytes { tcp(inFrame: $0, time: frame.time) } }
    }

    private static func tcp(inFrame frame: UnsafeRawBufferPointer, time: Timestamp) -> Segment? {
        var etherTypeOffset = 12
        while let type = frame.be16(at: etherTypeOffset), type == 0x8100 || type == 0x88A8 { etherTypeOffset += 4 }
        guard let etherType = frame.be16(at: etherTypeOffset) else { return nil }
        let ipStart = etherTypeOffset + 2
        let source: IPAddress, destination: IPAddress, tcpStart: Int, ipEnd: Int
        switch etherType {
        case 0x0800:
            guard let versionIHL = frame.u8(at: ipStart), let totalLength = frame.be16(at: ipStart + 2),
                  let fragmentWord = frame.be16(at: ipStart + 6), fragmentWord & 0x3FFF == 0,
                  frame.u8(at: ipStart + 9) == 6, let s = frame.be32(at: ipStart + 12), let d = frame.be32(at: ipStart + 16)
            else { return nil }
            source = IPAddress(ipv4: s); destination = IPAddress(ipv4: d)
            tcpStart = ipStart + Int(versionIHL & 0x0F) * 4
            ipEnd = min(frame.count, ipStart + Int(totalLength))
        case 0x86DD:
            guard frame.u8(at: ipStart + 6) == 6, let payloadLength = frame.be16(at: ipStart + 4),
                  let s = frame.be128(at: ipStart + 8), let d = frame.be128(at: ipStart + 24) else { return nil }
            source = IPAddress(ipv6: s); destination = IPAddress(ipv6: d)
            tcpStart = ipStart + 40
            ipEnd = min(frame.count, tcpStart + Int(payloadLength))
        default:
            return nil
        }
        guard let sport = frame.be16(at: tcpStart), let dport = frame.be16(at: tcpStart + 2), let sequence = frame.be32(at: tcpStart + 4),
              let offsetByte = frame.u8(at: tcpStart + 12), let flags = frame.u8(at: tcpStart + 13) else { return nil }
        let payloadStart = tcpStart + Int(offsetByte >> 4) * 4
        guard payloadStart <= ipEnd else { return nil }
        let flow = FlowKey(source: Endpoint(source, sport), destination: Endpoint(destination, dport), transport: .tcp)
        return Segment(flow: flow, sequence: sequence, flags: TCPControlFlags(rawValue: flags & 0x07),
                       payload: Array(frame[payloadStart..<ipEnd]), time: time)
    }
}

/// Parses `tshark -q -z follow,tcp,raw,N` output: per stream, the two nodes and each node's bytes in order.
struct TSharkFollowStream {
    var node0: String
    var node1: String
    var bytesFrom0: [UInt8] = []
    var bytesFrom1: [UInt8] = []

    static func parse(_ output: String) -> [TSharkFollowStream] {
        var streams: [TSharkFollowStream] = []
        var current: TSharkFollowStream?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Node 0: ") { current = TSharkFollowStream(node0: String(line.dropFirst(8)), node1: "") }
            else if line.hasPrefix("Node 1: ") { current?.node1 = String(line.dropFirst(8)) }
            else if line.hasPrefix("====") { if let c = current { streams.append(c) }; current = nil }
            else if current != nil, !line.isEmpty, let bytes = bytesFromHex(String(line.drop { $0 == "\t" })) {
                if line.hasPrefix("\t") { current?.bytesFrom1 += bytes } else { current?.bytesFrom0 += bytes }
            }
        }
        return streams.filter { $0.node0 != ":0" }
    }
}
