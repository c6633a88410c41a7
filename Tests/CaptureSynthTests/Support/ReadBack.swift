import Foundation
import NetDecode
import PcapIngest
import WireCore

/// One UDP packet of a synthetic capture as PcapIngest + NetDecode see it.
struct CapturedUDP {
    var number: Int
    var time: Timestamp
    var source: Endpoint
    var destination: Endpoint
    var payload: [UInt8]

    var isSIP: Bool { source.port == 5060 || destination.port == 5060 }
    /// RTCP goes between odd ports (RTP port + 1); RTP between even ones.
    var isRTCP: Bool { !isSIP && source.port % 2 == 1 }
    var isRTP: Bool { !isSIP && source.port % 2 == 0 }

    func be16(_ at: Int) -> UInt16 { UInt16(payload[at]) << 8 | UInt16(payload[at + 1]) }
    func be32(_ at: Int) -> UInt32 { UInt32(be16(at)) << 16 | UInt32(be16(at + 2)) }

    var rtpSequence: UInt16 { be16(2) }
    var rtpTimestamp: UInt32 { be32(4) }
    var rtpSSRC: UInt32 { be32(8) }
    var rtpPayloadType: UInt8 { payload[1] & 0x7F }
    var rtpMarker: Bool { payload[1] & 0x80 != 0 }
    var text: String { String(decoding: payload, as: UTF8.self) }
}

/// Everything read back from a capture file.
struct ReadBack {
    var packets: [CapturedUDP] = []
    var linkTypes: [LinkType] = []
    var undecoded = 0
    var summary: CaptureFileSummary?

    init(path: String) throws {
        let set = try CaptureSet(paths: [path])
        var number = 0
        set.forEachPacket { record, bytes in
            number += 1
            let decoded = PacketDecoder.decode(bytes, linkType: record.linkType.rawValue)
            guard decoded.stop == nil, case .udp(let udp) = decoded.transport, let payload = bytes.slice(udp.payload) else {
                undecoded += 1
                return
            }
            packets.append(CapturedUDP(number: number, time: record.timestamp,
                                       source: Endpoint(decoded.source, udp.sourcePort),
                                       destination: Endpoint(decoded.destination, udp.destinationPort),
                                       payload: Array(payload)))
        }
        summary = set.summaries.first
    }

    var sip: [CapturedUDP] { packets.filter(\.isSIP) }
    var rtp: [CapturedUDP] { packets.filter(\.isRTP) }
    var rtcp: [CapturedUDP] { packets.filter(\.isRTCP) }
}

/// A temporary output path removed when the scope ends.
final class TemporaryCapture {
    let path: String
    init(_ name: String) {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("callscope-synth-\(name)-\(UUID().uuidString).pcap").path
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    var bytes: Data { (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() }
}

/// A SIP header's value from a message's text (first occurrence, case-sensitive name).
func sipHeader(_ name: String, in text: String) -> String? {
    for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
        if line.isEmpty { break }
        if line.hasPrefix(name + ": ") { return String(line.dropFirst(name.count + 2)) }
    }
    return nil
}

/// "INVITE", "ACK" … for requests, "100", "200" … for responses.
func sipKind(_ text: String) -> String {
    let first = text.prefix { $0 != "\r" }
    if first.hasPrefix("SIP/2.0 ") { return String(first.dropFirst(8).prefix(3)) }
    return String(first.prefix { $0 != " " })
}
