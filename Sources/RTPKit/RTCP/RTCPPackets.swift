import WireCore

/// RFC 3550 §6.4.1 reception report block (24 bytes).
public struct ReceptionReportBlock: Sendable, Hashable {
    /// The SSRC of the stream this block describes.
    public var ssrc: UInt32
    /// Fraction lost since the previous report, 8-bit fixed point (÷256).
    public var fractionLost: UInt8
    /// Cumulative packets lost (signed 24-bit; negative with duplicates).
    public var cumulativeLost: Int32
    /// Extended highest sequence number received.
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter, timestamp units.
    public var jitter: UInt32
    /// Middle 32 bits of the NTP timestamp of the last SR received (0: none).
    public var lastSR: UInt32
    /// Delay since that SR, units of 1/65536 s.
    public var delaySinceLastSR: UInt32

    public var fractionLostPercent: Double { Double(fractionLost) * 100 / 256 }
}

/// RFC 3550 §6.4.1 sender report.
public struct SenderReport: Sendable, Hashable {
    public var ssrc: UInt32
    /// 64-bit NTP timestamp (seconds since 1900 in the high 32 bits, fraction in the low 32).
    public var ntpTimestamp: UInt64
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    public var reports: [ReceptionReportBlock]

    /// The middle 32 bits of the NTP timestamp, as echoed in LSR.
    public var compactNTP: UInt32 { UInt32(truncatingIfNeeded: ntpTimestamp >> 16) }
}

/// RFC 3550 §6.4.2 receiver report.
public struct ReceiverReport: Sendable, Hashable {
    public var ssrc: UInt32
    public var reports: [ReceptionReportBlock]
}

/// RFC 3550 §6.5 SDES: the CNAME (and NAME/TOOL when present) of each chunk's source.
public struct SourceDescription: Sendable, Hashable {
    public var ssrc: UInt32
    public var cname: String?
    public var name: String?
    public var tool: String?
}

/// RFC 3550 §6.6 BYE.
public struct Goodbye: Sendable, Hashable {
    public var sources: [UInt32]
    public var reason: String?
}

/// RFC 3611 §4.7 VoIP metrics report block (block type 7). Raw field values; 127 = unavailable where the RFC says so.
public struct VoIPMetricsBlock: Sendable, Hashable {
    public var ssrc: UInt32
    /// Loss and discard rate, 8-bit fixed point (÷256).
    public var lossRate: UInt8
    public var discardRate: UInt8
    public var burstDensity: UInt8
    public var gapDensity: UInt8
    /// Mean burst / gap duration, ms.
    public var burstDurationMs: UInt16
    public var gapDurationMs: UInt16
    public var roundTripDelayMs: UInt16
    public var endSystemDelayMs: UInt16
    /// Signal and noise level, dBm0 (signed); 127 unavailable.
    public var signalLevel: Int8
    public var noiseLevel: Int8
    public var residualEchoReturnLoss: UInt8
    public var gMin: UInt8
    public var rFactor: UInt8
    public var externalRFactor: UInt8
    /// MOS × 10; 127 unavailable.
    public var mosLQ: UInt8
    public var mosCQ: UInt8
    public var receiverConfiguration: UInt8
    public var jitterBufferNominalMs: UInt16
    public var jitterBufferMaximumMs: UInt16
    public var jitterBufferAbsoluteMaximumMs: UInt16
}

/// RFC 3611 §4.6 statistics summary report block (block type 6).
public struct StatisticsSummaryBlock: Sendable, Hashable {
    public var ssrc: UInt32
    public var beginSequence: UInt16
    /// End sequence (exclusive, RFC 3611 §4.1).
    public var endSequence: UInt16
    /// Present when the L / D / J flags are set, else nil.
    public var lostPackets: UInt32?
    public var duplicatePackets: UInt32?
    /// Jitter figures in timestamp units.
    public var minJitter: UInt32?
    public var maxJitter: UInt32?
    public var meanJitter: UInt32?
    public var deviationJitter: UInt32?
    /// 0 none, 1 IPv4 TTL, 2 IPv6 hop limit.
    public var ttlOrHopLimitKind: UInt8
    public var minTTL: UInt8, maxTTL: UInt8, meanTTL: UInt8, deviationTTL: UInt8
}

/// One RFC 3611 extended report block.
public enum XRBlock: Sendable, Hashable {
    /// §4.4 receiver reference time (NTP timestamp).
    case receiverReferenceTime(ntpTimestamp: UInt64)
    /// §4.5 DLRR sub-blocks: (SSRC, last RR compact NTP, delay since, 1/65536 s).
    case dlrr([DLRRItem])
    case statisticsSummary(StatisticsSummaryBlock)
    case voipMetrics(VoIPMetricsBlock)
    /// A block type not decoded (kept by type and length).
    case other(blockType: UInt8, length: Int)
}

public struct DLRRItem: Sendable, Hashable {
    public var ssrc: UInt32
    public var lastRR: UInt32
    public var delaySinceLastRR: UInt32
}

/// RFC 3611 XR packet (PT 207).
public struct ExtendedReport: Sendable, Hashable {
    public var ssrc: UInt32
    public var blocks: [XRBlock]
}

/// One packet of an RTCP compound packet.
public enum RTCPPacket: Sendable, Hashable {
    case senderReport(SenderReport)
    case receiverReport(ReceiverReport)
    case sourceDescription([SourceDescription])
    case goodbye(Goodbye)
    /// APP (PT 204): skipped; only its name and subtype are kept.
    case application(ssrc: UInt32, subtype: UInt8, name: UInt32)
    case extendedReport(ExtendedReport)
    /// Any other packet type (e.g. 205 RTPFB, 206 PSFB), skipped by length.
    case other(packetType: UInt8, length: Int)
}

/// A parsed compound packet: the packets read, and the reason parsing stopped early, if it did.
public struct RTCPCompound: Sendable, Hashable {
    public var packets: [RTCPPacket]
    /// Set when a packet was malformed; the packets before it are still returned.
    public var error: ParseError?
    /// Zero bytes (fewer than 4) after the last packet, tolerated without error.
    public var trailingBytes: Int

    /// Every reception report block in the compound (from SR and RR).
    public var reportBlocks: [(reporter: UInt32, block: ReceptionReportBlock)] {
        packets.flatMap { packet -> [(reporter: UInt32, block: ReceptionReportBlock)] in
            switch packet {
            case .senderReport(let sr): return sr.reports.map { (sr.ssrc, $0) }
            case .receiverReport(let rr): return rr.reports.map { (rr.ssrc, $0) }
            default: return []
            }
        }
    }
}
