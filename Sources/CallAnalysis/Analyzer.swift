import NetDecode
import PcapIngest
import WireCore

/// The one analysis pipeline: packets → decoded headers → (reassembly) → SIP / RTP / RTCP state → results.
///
/// A single-owner value: feed packets in capture order with `ingest`, then call `finish`.
/// Memory grows with concurrent flows, calls and streams — never with the packet count.
public struct Analyzer {
    public let configuration: AnalyzerConfiguration
    /// Per-file protocol counts (index = `CaptureRecord.fileIndex`).
    public private(set) var counts: [ProtocolCounts]
    /// Per-file skipped packets by reason.
    public private(set) var skipped: [SkipCounter]

    public init(configuration: AnalyzerConfiguration = .init(), fileCount: Int = 1) {
        self.configuration = configuration
        self.counts = Array(repeating: ProtocolCounts(), count: max(1, fileCount))
        self.skipped = Array(repeating: SkipCounter(), count: max(1, fileCount))
    }

    /// Processes one captured packet; `bytes` is borrowed for the duration of the call.
    public mutating func ingest(_ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
        let file = record.fileIndex
        var packet = PacketDecoder.decode(bytes, linkType: record.linkType.rawValue)
        if packet.vlanCount > 0 { counts[file].vlanTagged += 1 }
        if packet.tunnelDepth > 0 { counts[file].tunnelled += 1 }
        switch packet.network {
        case .ipv4: counts[file].ipv4 += 1
        case .ipv6: counts[file].ipv6 += 1
        case .nonIP:
            counts[file].nonIP += 1
            return
        case .none:
            break
        }
        if let stop = packet.stop {
            let reason = record.isSnaplenCut && stop.code == .truncated ? "snaplen_cut" : stop.reasonKey
            skipped[file].record(reason, file: file, packet: record.packetNumber, detail: stop.description)
            // A clipped UDP/TCP header can still be usable (e.g. RTP header of a snaplen-cut packet).
            if case .none = packet.transport { return }
        }
        if packet.fragment != nil {
            counts[file].fragments += 1
            // Reassembly hook: filled in by the defragmenter (NetReassembly).
            return
        }
        dispatchTransport(&packet, record, bytes)
    }

    mutating func dispatchTransport(_ packet: inout DecodedPacket, _ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
        let file = record.fileIndex
        switch packet.transport {
        case .udp(let udp):
            guard let payload = bytes.slice(udp.payload) else { return }
            if PayloadClassifier.looksLikeSIP(payload) {
                counts[file].sipMessages += 1
                return
            }
            switch PayloadClassifier.classifyMedia(payload) {
            case .rtp: counts[file].rtpCandidates += 1
            case .rtcp: counts[file].rtcpCandidates += 1
            case .stun, .dtls, .zrtp: counts[file].stunDtlsZrtp += 1
            default: counts[file].otherUDP += 1
            }
        case .tcp(let tcp):
            counts[file].tcpSegments += 1
            if let payload = bytes.slice(tcp.payload), PayloadClassifier.looksLikeSIP(payload) {
                counts[file].sipMessages += 1
            }
        case .other:
            counts[file].otherIP += 1
        case .none:
            break
        }
    }
}
