import WireCore

/// What the far end says about one of our streams (from RTCP SR/RR report blocks, RFC 3550 §6.4).
public struct FarEndReport: Sendable, Hashable {
    /// SSRC of the reporting source.
    public var reporter: UInt32
    public var arrival: Timestamp
    public var block: ReceptionReportBlock
    /// RTT in ms: the capture time of the RR minus the capture time of the SR it echoes (LSR),
    /// minus DLSR — both times on the capture clock, so it is the RTT between the capture point
    /// and the reporter. nil when LSR is 0 or the SR was not seen.
    public var roundTripMs: Double?
    /// RTT in ms with A from the capture clock against LSR's NTP value directly (§6.4.1 formula);
    /// meaningful only when the SR sender's NTP clock is the capture clock.
    public var roundTripNTPMs: Double?

    /// The reported jitter in ms for a given clock rate.
    public func jitterMs(clockRate: UInt32) -> Double? {
        clockRate == 0 ? nil : Double(block.jitter) * 1000 / Double(clockRate)
    }
}

/// Collects RTCP across a capture: SRs by sender, the latest report block about each SSRC,
/// CNAMEs, BYEs and XR VoIP metrics. Memory is bounded by the number of SSRCs (each keeps a
/// fixed-size ring of recent SRs).
public struct RTCPReportTracker: Sendable {
    struct SentReport: Sendable { var compactNTP: UInt32; var arrival: Timestamp }
    static let remembered = 8

    private var sentReports: [UInt32: [SentReport]] = [:]
    /// Latest SR per sending SSRC.
    public private(set) var latestSenderReport: [UInt32: SenderReport] = [:]
    /// Latest report block about each (reported) SSRC.
    public private(set) var farEnd: [UInt32: FarEndReport] = [:]
    public private(set) var cnames: [UInt32: String] = [:]
    /// Arrival time of a BYE for each SSRC.
    public private(set) var goodbyes: [UInt32: Timestamp] = [:]
    /// Latest RFC 3611 VoIP metrics about each SSRC.
    public private(set) var voipMetrics: [UInt32: VoIPMetricsBlock] = [:]
    public private(set) var statisticsSummaries: [UInt32: StatisticsSummaryBlock] = [:]
    /// Malformed compound packets seen.
    public private(set) var malformed: [ParseError] = []
    public private(set) var malformedCount = 0

    public init() {}

    /// Parses and records one RTCP compound packet that arrived at `arrival`.
    public mutating func observe(_ bytes: UnsafeRawBufferPointer, arrival: Timestamp) {
        observe(RTCPParser.parse(bytes), arrival: arrival)
    }

    public mutating func observe(_ compound: RTCPCompound, arrival: Timestamp) {
        if let error = compound.error {
            malformedCount += 1
            if malformed.count < 64 { malformed.append(error) }
        }
        for packet in compound.packets {
            switch packet {
            case .senderReport(let sr):
                latestSenderReport[sr.ssrc] = sr
                var ring = sentReports[sr.ssrc, default: []]
                if ring.count == Self.remembered { ring.removeFirst() }
                ring.append(SentReport(compactNTP: sr.compactNTP, arrival: arrival))
                sentReports[sr.ssrc] = ring
                record(sr.reports, reporter: sr.ssrc, arrival: arrival)
            case .receiverReport(let rr):
                record(rr.reports, reporter: rr.ssrc, arrival: arrival)
            case .sourceDescription(let chunks):
                for chunk in chunks { if let cname = chunk.cname { cnames[chunk.ssrc] = cname } }
            case .goodbye(let bye):
                for ssrc in bye.sources { goodbyes[ssrc] = arrival }
            case .extendedReport(let xr):
                for block in xr.blocks {
                    switch block {
                    case .voipMetrics(let metrics): voipMetrics[metrics.ssrc] = metrics
                    case .statisticsSummary(let summary): statisticsSummaries[summary.ssrc] = summary
                    default: break
                    }
                }
            case .application, .other: break
            }
        }
    }

    private mutating func record(_ blocks: [ReceptionReportBlock], reporter: UInt32, arrival: Timestamp) {
        for block in blocks {
            var rtt: Double?
            if block.lastSR != 0, let sent = sentReports[block.ssrc]?.last(where: { $0.compactNTP == block.lastSR }) {
                let ms = arrival.milliseconds(since: sent.arrival) - Double(block.delaySinceLastSR) * 1000 / 65536
                rtt = ms >= 0 ? ms : nil
            }
            farEnd[block.ssrc] = FarEndReport(reporter: reporter, arrival: arrival, block: block, roundTripMs: rtt,
                                              roundTripNTPMs: RTCPRoundTrip.roundTripMs(arrival: arrival, block: block))
        }
    }
}
