import Foundation
import Testing
import NetReassembly
import TestSupport
import WireCore

/// Real captures from ../shared/captures/public: every direction's reassembled bytes must equal what
/// `tshark -z follow,tcp,raw` prints for that stream (skipped when the captures or tshark are missing).
enum PublicCaptures {
    static let directory: String = {
        // <package>/Tests/NetReassemblyTests/Conformance/this file → <package>/../shared/captures/public
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return package.deletingLastPathComponent().appendingPathComponent("shared/captures/public").path
    }()
    static let availableWithTShark = ExternalTool.isAvailable("tshark") && FileManager.default.fileExists(atPath: directory)
}

@Suite("TCP reassembly matches tshark follow on real captures", .enabled(if: PublicCaptures.availableWithTShark))
struct TCPFollowConformanceTests {

    @Test(arguments: ["heplify__sip_ipv4_tcp.pcap", "sngrep__aaa.pcap", "pcap2wav__SIP_CALL_RTP_G711.pcap"])
    func everyDirectionMatchesTSharkFollow(file: String) throws {
        let path = "\(PublicCaptures.directory)/\(file)"
        let segments = try #require(MiniTCPExtractor.segments(inFile: path))
        var delivered: [FlowKey: [UInt8]] = [:]
        var reassembler = TCPStreamReassembler()
        for segment in segments {
            segment.payload.withUnsafeBytes { payload in
                reassembler.add(TCPSegmentInput(flow: segment.flow, sequence: segment.sequence, flags: segment.flags,
                                                payload: payload, time: segment.time)) { event in
                    if case .data(let bytes) = event.kind { delivered[event.flow, default: []] += bytes }
                }
            }
        }
        reassembler.finish(at: segments.last?.time ?? .zero) { event in
            if case .data(let bytes) = event.kind { delivered[event.flow, default: []] += bytes }
        }

        let streamCount = Set(segments.map { $0.flow.canonical }).count
        var arguments = ["-r", path, "-q"]
        for index in 0..<streamCount { arguments += ["-z", "follow,tcp,raw,\(index)"] }
        let output = try #require(try ExternalTool.run("tshark", arguments)).output
        let streams = TSharkFollowStream.parse(output)
        #expect(streams.count == streamCount)
        var compared = 0
        for stream in streams {
            let node0 = try #require(Self.endpoint(stream.node0)), node1 = try #require(Self.endpoint(stream.node1))
            let forward = FlowKey(source: node0, destination: node1, transport: .tcp)
            #expect(delivered[forward, default: []] == stream.bytesFrom0, "\(forward)")
            #expect(delivered[forward.reversed, default: []] == stream.bytesFrom1, "\(forward.reversed)")
            compared += stream.bytesFrom0.count + stream.bytesFrom1.count
        }
        #expect(reassembler.statistics.bytesDelivered == compared && compared > 0)
    }

    /// `10.33.6.100:64802` or `[2001:db8::1]:5060` → Endpoint.
    static func endpoint(_ text: String) -> Endpoint? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return IPAddress(host).map { Endpoint($0, port) }
    }
}
