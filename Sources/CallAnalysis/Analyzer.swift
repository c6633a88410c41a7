import NetDecode
import NetReassembly
import PcapIngest
import QualityModel
import RTPKit
import SIPKit
import WireCore

/// The one analysis pipeline: packets → decoded headers → reassembly → SIP / RTP / RTCP state → results.
///
/// A single-owner value: feed packets in capture order with `ingest`, then call `finish`.
/// Memory grows with concurrent flows, calls and streams — never with the packet count.
public struct Analyzer {
    public let configuration: AnalyzerConfiguration
    /// Per-file protocol counts (index = `CaptureRecord.fileIndex`).
    public internal(set) var counts: [ProtocolCounts]
    /// Per-file skipped packets by reason.
    public internal(set) var skipped: [SkipCounter]

    var defragmenter: IPDefragmenter
    var tcp: TCPStreamReassembler
    var framers: [FlowKey: SIPStreamFramer] = [:]
    var calls: CallTracker
    var media = MediaDirectory()
    /// Stream state lives in an array (mutated in place per packet); the table maps keys to indices.
    var streamIndex = StreamIndexTable()
    var streamStates: [StreamState] = []
    var candidates: [RTPStreamKey: CandidateFlow] = [:]
    /// UDP flows the heuristic rejected (not RTP), so they are not re-examined; cleared when large.
    var rejectedFlows: Set<FlowKey> = []
    /// UDP flows known to carry RTP (announced in SDP or promoted by the heuristic).
    var knownMediaFlows: Set<FlowKey> = []
    var rtcp = RTCPReportTracker()
    var firstPacketTime: Timestamp?
    var lastPacketTime = Timestamp.zero
    var nextHousekeeping = Timestamp.zero
    /// The packet being processed (for diagnostics raised in callbacks).
    var currentRecord = CaptureRecord(fileIndex: 0, packetNumber: 0, timestamp: .zero, capturedLength: 0, originalLength: 0, linkType: .ethernet)

    public init(configuration: AnalyzerConfiguration = .init(), fileCount: Int = 1) {
        self.configuration = configuration
        self.counts = Array(repeating: ProtocolCounts(), count: max(1, fileCount))
        self.skipped = Array(repeating: SkipCounter(), count: max(1, fileCount))
        self.defragmenter = IPDefragmenter(limits: configuration.defragmentation)
        self.tcp = TCPStreamReassembler(limits: configuration.tcp)
        self.calls = CallTracker(configuration: CallTrackerConfiguration(numbers: configuration.numbers))
    }

    /// Processes one captured packet; `bytes` is borrowed for the duration of the call.
    public mutating func ingest(_ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
        currentRecord = record
        if firstPacketTime == nil { firstPacketTime = record.timestamp }
        if record.timestamp > lastPacketTime { lastPacketTime = record.timestamp }
        if record.timestamp >= nextHousekeeping { housekeeping(now: record.timestamp) }
        let file = record.fileIndex
        let packet = PacketDecoder.decode(bytes, linkType: record.linkType.rawValue)
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
        if let stopReason = packet.stopReason {
            let stop = stopReason.error
            let reason = record.isSnaplenCut && stop.code == .truncated ? "snaplen_cut" : stop.reasonKey
            skipped[file].record(reason, file: file, packet: record.packetNumber, detail: stop.description)
            // A clipped UDP/TCP header can still be usable (e.g. the RTP header of a snaplen-cut packet).
            if case .none = packet.transport { return }
        }
        if let fragment = packet.fragment {
            reassemble(fragment, packet, record, bytes)
            return
        }
        dispatchTransport(packet, record, bytes)
    }

    /// Feeds an IP fragment to the defragmenter; a completed datagram is decoded and dispatched.
    mutating func reassemble(_ fragment: FragmentInfo, _ packet: DecodedPacket, _ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
        let file = record.fileIndex
        counts[file].fragments += 1
        guard let payload = bytes.slice(packet.ipPayload) else { return }
        let key = IPFragmentKey(source: packet.source, destination: packet.destination,
                                identification: fragment.identification, protocolNumber: fragment.payloadProtocol)
        switch defragmenter.add(IPFragment(key: key, offset: fragment.offsetBytes, moreFragments: fragment.moreFragments, payload: payload),
                                at: record.timestamp) {
        case .needMore:
            break
        case .rejected(let reason):
            skipped[file].record("fragment_\(reason.rawValue)", file: file, packet: record.packetNumber,
                                 detail: "IP fragment of \(key) not used: \(reason.rawValue)")
        case .complete(let datagram):
            counts[file].fragmentsReassembled += 1
            datagram.payload.withUnsafeBytes { whole in
                var rebuilt = packet
                PacketDecoder.decodeTransport(whole, protocolNumber: fragment.payloadProtocol, into: &rebuilt)
                dispatchTransport(rebuilt, record, whole)
            }
            defragmenter.recycle(datagram)
        }
    }

    /// Periodic work driven by capture time: expire fragments, idle TCP streams and candidate flows.
    mutating func housekeeping(now: Timestamp) {
        nextHousekeeping = Timestamp(nanoseconds: now.nanoseconds + 1_000_000_000)
        let expired = defragmenter.evictExpired(now: now)
        if expired > 0 {
            skipped[currentRecord.fileIndex].record("fragment_timeout", file: currentRecord.fileIndex, packet: currentRecord.packetNumber,
                                                    detail: "\(expired) incomplete IP datagram(s) timed out")
        }
        withTCPReassembler { reassembler, deliver in reassembler.evictExpired(now: now, deliver: deliver) }
        if candidates.count > configuration.maxCandidateFlows / 2 {
            let cutoff = now.nanoseconds - 30_000_000_000
            candidates = candidates.filter { $0.value.lastSeen.nanoseconds >= cutoff }
        }
        if rejectedFlows.count > configuration.maxCandidateFlows { rejectedFlows.removeAll(keepingCapacity: true) }
    }
}
