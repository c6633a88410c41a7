/// One point of a buffer's playout-delay history.
public struct PlayoutChange: Sendable, Equatable {
    /// Arrival time of the packet that caused the change, ms since the stream's first packet arrived.
    public var atMs: Double
    /// Playout delay B (ms): how long after its media time, measured from the first packet's arrival,
    /// a packet is played — the first packet waits exactly B.
    public var playoutDelayMs: Double
}

/// The result of replaying one stream through one jitter buffer.
///
/// Counts are packets. `expected` = sequence numbers from the lowest to the highest received (restarts
/// excluded). Effective loss = (network-lost + discarded late + discarded overflow) / expected; those are
/// the packets the listener did not hear. Wait statistics are over played packets (deadline − arrival).
public struct JitterBufferOutcome: Sendable, Equatable {
    /// The spec string exactly as given (`JitterBufferSpec.text`).
    public var name: String
    public var expected: Int
    /// Distinct packets received (duplicates excluded).
    public var received: Int
    public var played: Int
    /// Discarded because they arrived after their playout deadline.
    public var discardedLate: Int
    /// Discarded because they would have waited longer than the buffer's capacity.
    public var discardedOverflow: Int
    /// Sequence numbers never received.
    public var networkLost: Int
    /// Copies of already-received packets (dropped, not late).
    public var duplicates: Int
    /// Packets arriving more than 1024 sequence numbers behind the newest (already counted as network-lost).
    public var tooOld: Int
    /// Packets with an unusable clock rate.
    public var invalidPackets: Int
    /// Sender restarts (sequence jump > 3000): the gap is not counted as loss.
    public var sequenceResets: Int
    /// Sender timestamp resets (transit jump > 60 s) re-based out of the timeline.
    public var timestampResets: Int
    /// Talkspurts detected (marker bit or timestamp gap), including the first.
    public var talkspurts: Int
    /// Playout-delay changes of ≥ 1 ms.
    public var adaptations: Int
    /// Runs of consecutive unplayed sequence numbers (each concealed as one event).
    public var concealmentEvents: Int
    /// (network + late + overflow) / expected, percent.
    public var effectiveLossPercent: Double
    /// Network loss alone / expected, percent.
    public var networkLossPercent: Double
    /// Mean / 95th percentile (nearest rank, 1 ms resolution) / maximum wait of played packets (ms).
    public var meanDelayMs: Double
    public var p95DelayMs: Double
    public var maxDelayMs: Double
    /// Playout delay over time: the initial value and each adaptation (first `playoutLogCapacity` entries).
    public var playoutChanges: [PlayoutChange]
    /// Found/lost transitions in sequence order (played = found) for BurstR.
    public var loss: LossMarkovCounter
    /// BurstR = 1/(p + q) from `loss` (G.107 §7.5); `nil` when undefined.
    public var burstRatio: Double? { loss.burstRatio }
    /// Estimated packet duration (ms) from the smallest timestamp step per sequence step; `nil` if unknown.
    public var packetDurationMs: Double?

    /// Scores this buffer's result with the E-model (conversational and listening-only).
    /// `rtcpRoundTripMs`: the stream's RTCP round-trip time when known (one-way = RTT/2), else `nil`
    /// (then `assumedNetworkDelayMs` is used and stated in the result's assumptions).
    public func assess(codec: String, codecOverride: CodecImpairment? = nil, concealment: Bool = true,
                       rtcpRoundTripMs: Double?,
                       assumedNetworkDelayMs: Double = QualityAssessment.defaultAssumedNetworkDelayMs) -> QualityAssessment {
        var a = QualityAssessment.assess(QualityAssessmentInput(
            codec: codec, codecOverride: codecOverride, concealment: concealment,
            effectiveLossPercent: effectiveLossPercent, burstRatio: burstRatio,
            rtcpRoundTripMs: rtcpRoundTripMs, assumedNetworkDelayMs: assumedNetworkDelayMs,
            jitterBufferDelayMs: meanDelayMs, packetDurationMs: packetDurationMs))
        a.facts.buffer = AssumptionFacts.ScoredBuffer(name: name, effectiveLossPercent: effectiveLossPercent, meanDelayMs: meanDelayMs)
        return a
    }
}
