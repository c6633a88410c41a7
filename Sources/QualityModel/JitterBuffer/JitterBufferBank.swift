/// Several buffers fed from one pass over a stream (the what-if set). The packet-only work (sequence
/// placement, extended timestamp, transit, talkspurt detection: `PlayoutTimeline`) is done once per packet
/// for all of them; each buffer (`PlayoutPolicy`) only decides its packets' fates, kept side by side in the
/// shared sequence window.
public struct JitterBufferBank: Sendable {
    private var timeline: PlayoutTimeline
    private var policies: [PlayoutPolicy]

    /// - Parameter playoutLogLimit: playout changes each buffer keeps (`JitterBufferSimulator.playoutLogLimit`).
    public init(specs: [JitterBufferSpec] = JitterBufferSpec.defaultSet,
                playoutLogLimit: Int = JitterBufferSimulator.playoutLogCapacity) {
        timeline = PlayoutTimeline(lanes: specs.count)
        policies = specs.map { PlayoutPolicy(spec: $0, playoutLogLimit: playoutLogLimit) }
    }

    /// The simulated buffers, in the order given.
    public var specs: [JitterBufferSpec] { policies.map(\.spec) }

    /// Feeds the next packet (arrival order) to every buffer.
    public mutating func feed(_ packet: JitterBufferPacket) {
        guard case .arrival(let arrival) = timeline.admit(packet) else { return }
        decideAll(arrival)
    }

    /// Feeds the next packet to every buffer and returns its fate in the first one.
    mutating func feedReportingFirst(_ packet: JitterBufferPacket) -> JitterBufferPacketFate {
        switch timeline.admit(packet) {
        case .invalid: return .invalid
        case .duplicate: return .duplicate
        case .tooOld: return .discardedLate
        case .arrival(let arrival):
            guard let decision = decideAll(arrival) else { return .invalid }
            switch decision.fate {
            case .played, .missing: return .played(waitMs: decision.waitMs)
            case .late: return .discardedLate
            case .overflow: return .discardedOverflow
            }
        }
    }

    /// Every buffer decides the admitted packet's fate; returns the first buffer's decision (nil without buffers).
    /// The buffers are borrowed once per packet and the fates of the first 32 written in one pass over the
    /// window, not one array access per buffer.
    @discardableResult
    private mutating func decideAll(_ arrival: PlayoutTimeline.Arrival) -> (fate: SequenceWindow.Fate, waitMs: Double?)? {
        var first: (fate: SequenceWindow.Fate, waitMs: Double?)?
        var packed: UInt64 = 0
        let count = policies.count
        policies.withUnsafeMutableBufferPointer { policies in
            for lane in 0 ..< min(count, 32) {
                let decision = policies[lane].decide(arrival)
                if lane == 0 { first = decision }
                packed |= UInt64(decision.fate.rawValue) << UInt64(lane << 1)
            }
        }
        timeline.setFates(packed, count: count, for: arrival.extended)
        for lane in 32 ..< max(32, count) {
            timeline.setFate(policies[lane].decide(arrival).fate, for: arrival.extended, lane: lane)
        }
        return first
    }

    /// Finalizes every buffer; one outcome per buffer, in the order given. Call once, after the last packet.
    public mutating func finish() -> [JitterBufferOutcome] {
        timeline.flush()
        return policies.indices.map { policies[$0].outcome(timeline: timeline, lane: $0) }
    }
}
