/// Streaming jitter-buffer simulator: feed one stream's packets in arrival order, then `finish()`.
///
/// Time model: every packet has a transit r = arrival − media time (ms, both relative to the first packet;
/// media time = unwrapped RTP timestamp / clock rate). The buffer keeps a playout delay B in the same units;
/// a packet's deadline is its media time + B, so it is late iff r > B and otherwise waits B − r.
/// - `fixed:D`: B = r₀ + D for the whole stream (r₀ = 0: the first packet is the anchor).
/// - `fixed-reanchor:D`: at each talkspurt start B = r + D of the starting packet.
/// - `neteq`/`asterisk`: B = estimator reference + target, set at talkspurt starts (first packet of the stream,
///   marker bit, or a timestamp step larger than the sequence step × packet duration). For every re-anchoring or
///   adaptive kind a shrink at a talkspurt start is limited to
///   the silence before the talkspurt so speech never overlaps. With `continuous`, B follows the target on
///   every packet: growth at once (concealment stretches), shrink by at most ¼ packet duration per packet
///   (time compression). Packets of an earlier talkspurt keep the previous B.
/// - `ideal`: all packets play with the hindsight delay B = max r.
/// A jump of the transit of a new highest sequence number by more than `timestampJumpMs` (60 s) is a sender
/// timestamp reset, not network delay: the timeline is re-based so that packet keeps the previous transit.
/// Memory is constant (sequence window of 1024, fixed histograms); per packet O(1) amortised, no allocation.
/// The simulator is a `JitterBufferBank` of one buffer: the packet-only part (`PlayoutTimeline`) and the
/// buffer's decisions (`PlayoutPolicy`) are the same code a bank runs for several buffers at once.
public struct JitterBufferSimulator: Sendable {
    private var bank: JitterBufferBank
    public let spec: JitterBufferSpec
    /// Entries this simulator keeps in `JitterBufferOutcome.playoutChanges` (0: no log; a pipeline that does
    /// not report the changes saves the memory, which otherwise grows with the stream's length up to the limit).
    public let playoutLogLimit: Int
    /// Entries kept in `JitterBufferOutcome.playoutChanges` by default.
    public static let playoutLogCapacity = 256
    /// Transit change treated as a sender timestamp reset rather than network delay (ms).
    public static let timestampJumpMs = PlayoutTimeline.timestampJumpMs

    public init(spec: JitterBufferSpec, playoutLogLimit: Int = JitterBufferSimulator.playoutLogCapacity) {
        self.spec = spec
        self.playoutLogLimit = max(0, playoutLogLimit)
        bank = JitterBufferBank(specs: [spec], playoutLogLimit: playoutLogLimit)
    }

    /// Parses `spec` and creates a simulator.
    public init(parsing spec: String) throws(JitterBufferSpecError) {
        self.init(spec: try JitterBufferSpec(parsing: spec))
    }

    /// Feeds the next packet in arrival order and returns its fate.
    @discardableResult
    public mutating func feed(_ packet: JitterBufferPacket) -> JitterBufferPacketFate {
        bank.feedReportingFirst(packet)
    }

    /// Finalizes all pending sequence numbers and returns the outcome. Call once, after the last packet.
    public mutating func finish() -> JitterBufferOutcome {
        bank.finish()[0]
    }

    /// Replays a whole packet sequence through one buffer.
    public static func run<S: Sequence>(_ spec: JitterBufferSpec, packets: S) -> JitterBufferOutcome
    where S.Element == JitterBufferPacket {
        var sim = JitterBufferSimulator(spec: spec)
        for p in packets { sim.feed(p) }
        return sim.finish()
    }
}
