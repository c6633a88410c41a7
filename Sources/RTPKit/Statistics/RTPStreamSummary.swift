import WireCore

/// The strict RFC 3550 (and RFC 3611 / 4733) figures of one stream, in report units.
public struct RTPStreamSummary: Sendable {
    public var key: RTPStreamKey
    public var firstPacket: Timestamp
    public var lastPacket: Timestamp
    /// Every packet observed (duplicates included).
    public var packets: Int
    /// RFC 3550 A.3 expected (from the first packet of the validated run, summed over restarts).
    public var expected: Int64
    /// A.3 cumulative lost = expected − received; negative when duplicates outnumber losses.
    public var lost: Int64
    /// lost / expected × 100 (0 when nothing expected).
    public var lossPercent: Double
    public var duplicates: Int
    /// Non-duplicate packets arriving after a higher sequence number (RFC 4737 notion).
    public var reordered: Int
    /// Packets rejected by A.1 as large jumps, plus source restarts.
    public var sequenceErrors: Int
    public var restarts: Int
    /// Clock rate used for jitter, Hz (0: jitter not computable).
    public var clockRate: UInt32
    /// A.8 jitter at the end, ms; max and mean over its value after each packet from the second on.
    public var jitterMs: Double
    public var maxJitterMs: Double
    public var meanJitterMs: Double
    /// Final jitter in timestamp units.
    public var jitterUnits: Double
    /// Inter-packet arrival delta over all packets, ms.
    public var minDeltaMs: Double
    public var meanDeltaMs: Double
    public var maxDeltaMs: Double
    /// Largest |arrival − media time| offset, ms, and the drift of arrival vs media clock, ppm.
    public var maxSkewMs: Double
    public var driftPPM: Double?
    /// RFC 3611 §4.7.2 burst/gap metrics, Gmin 16 (both readings) and loss-run histogram.
    public var burst: BurstGapMetrics
    public var talkspurts: Int
    public var comfortNoisePackets: Int
    public var telephoneEventPackets: Int
    public var payloadTypeChanges: Int
    public var timestampJumps: Int
    public var payloadTypes: [UInt8]
    public var telephoneEvents: [TelephoneEvent]
    public var dtmfDigits: String
    public var firstDSCP: UInt8?
    public var dscpChanges: Int
    public var nonExpeditedPackets: Int
    /// True when DSCP was ever not EF (46) or changed mid-stream.
    public var dscpFlag: Bool
    public var series: [SecondSample]
    /// Mean bit rate of the RTP packets (UDP payload), bit/s.
    public var meanBitsPerSecond: Double
    public var wireshark: WiresharkStreamAnalysis

    init(_ s: RTPStreamStatistics) {
        key = s.key
        firstPacket = s.firstArrival; lastPacket = s.lastArrival
        packets = s.packets
        expected = s.sequence.expected
        lost = s.sequence.lost
        lossPercent = expected > 0 ? Double(lost) * 100 / Double(expected) : 0
        var window = s.window
        window.flush()
        duplicates = window.duplicates
        reordered = window.reordered
        sequenceErrors = s.sequence.rejected + s.sequence.restarts
        restarts = s.sequence.restarts
        clockRate = s.jitter.clockRate
        jitterUnits = s.jitter.jitter
        jitterMs = s.jitter.milliseconds(s.jitter.jitter)
        maxJitterMs = s.jitter.milliseconds(s.jitter.summary.maximum)
        meanJitterMs = s.jitter.milliseconds(s.jitter.summary.mean)
        minDeltaMs = s.delta.minimum; meanDeltaMs = s.delta.mean; maxDeltaMs = s.delta.maximum
        maxSkewMs = s.jitter.maxSkewMs
        driftPPM = s.jitter.driftPPM
        burst = window.pattern.metrics(packetDurationMs: s.packetIntervalMs)
        talkspurts = s.markerPackets
        comfortNoisePackets = s.comfortNoisePackets
        telephoneEventPackets = s.telephoneEventPackets
        payloadTypeChanges = s.payloadTypeChanges
        timestampJumps = s.timestampJumps
        payloadTypes = (0...127).compactMap { pt in s.payloadTypesSeen & (UInt128(1) << UInt128(pt)) != 0 ? UInt8(pt) : nil }
        telephoneEvents = s.telephoneEvents.events
        dtmfDigits = s.telephoneEvents.digits
        firstDSCP = s.firstDSCP
        dscpChanges = s.dscpChanges
        nonExpeditedPackets = s.nonExpeditedPackets
        dscpFlag = s.dscpChanges > 0 || s.nonExpeditedPackets > 0
        series = s.series.samples
        let seconds = s.lastArrival.seconds(since: s.firstArrival)
        meanBitsPerSecond = seconds > 0 ? Double(s.bytes) * 8 / seconds : 0
        wireshark = s.wireshark
    }
}
