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
public struct JitterBufferSimulator: Sendable {
    public let spec: JitterBufferSpec
    private var window = SequenceWindow()
    private var waits = DelayHistogram()
    private var netEq: NetEqEstimator?
    private var asterisk: AsteriskEstimator?
    private var ideal: IdealTracker?

    private var firstArrivalNs: Int64?
    private var clockRate = 0
    private var lastTimestamp: UInt32 = 0
    private var lastExtendedTimestamp: Int64 = 0
    private var highestExtendedTimestamp: Int64 = 0
    private var frameTicks: Int64?

    private var playoutDelay = 0.0
    private var previousPlayoutDelay = 0.0
    private var talkspurtStartMediaMs = -Double.infinity
    private var lastCountedDelay = 0.0
    private var timelineOffsetMs = 0.0
    private var lastTransit: Double?
    private var timestampResets = 0
    /// Grows on demand up to `playoutLogCapacity` (only at adaptations, never per packet): most streams log a
    /// few changes, and reserving the full log up front cost 4 KB per simulated buffer of every stream.
    private var playoutChanges: [PlayoutChange] = []
    /// Entries kept in `JitterBufferOutcome.playoutChanges` by default.
    public static let playoutLogCapacity = 256
    /// Entries this simulator keeps (0: no log; a pipeline that does not report the changes saves the memory,
    /// which otherwise grows with the stream's length up to the limit).
    public let playoutLogLimit: Int
    /// Transit change treated as a sender timestamp reset rather than network delay (ms).
    public static let timestampJumpMs = 60_000.0

    private var received = 0, played = 0, late = 0, overflow = 0, duplicates = 0, tooOld = 0, invalid = 0
    private var talkspurts = 0, adaptations = 0

    public init(spec: JitterBufferSpec, playoutLogLimit: Int = JitterBufferSimulator.playoutLogCapacity) {
        self.spec = spec
        self.playoutLogLimit = max(0, playoutLogLimit)
        switch spec.algorithm {
        case .netEq(let p): netEq = NetEqEstimator(p)
        case .asterisk(let p): asterisk = AsteriskEstimator(p)
        case .ideal: ideal = IdealTracker()
        case .fixed, .fixedReanchor: break
        }
    }

    /// Parses `spec` and creates a simulator.
    public init(parsing spec: String) throws(JitterBufferSpecError) {
        self.init(spec: try JitterBufferSpec(parsing: spec))
    }

    /// Feeds the next packet in arrival order and returns its fate.
    @discardableResult
    public mutating func feed(_ packet: JitterBufferPacket) -> JitterBufferPacketFate {
        guard packet.clockRate > 0 else { invalid += 1; return .invalid }
        let first: Int64
        if let f = firstArrivalNs { first = f } else {
            firstArrivalNs = packet.arrivalNanoseconds
            first = packet.arrivalNanoseconds
            clockRate = packet.clockRate
            lastTimestamp = packet.rtpTimestamp
        }
        let arrivalMs = Double(packet.arrivalNanoseconds &- first) / 1e6
        let extendedTimestamp = lastExtendedTimestamp + Int64(Int32(bitPattern: packet.rtpTimestamp &- lastTimestamp))
        lastTimestamp = packet.rtpTimestamp
        lastExtendedTimestamp = extendedTimestamp
        var mediaMs = Double(extendedTimestamp) * 1000 / Double(clockRate) + timelineOffsetMs

        let ext: Int64, step: Int64?
        switch window.place(packet.sequence) {
        case .duplicate: duplicates += 1; return .duplicate
        case .tooOld: tooOld += 1; return .discardedLate
        case .new(let e, let s): ext = e; step = s
        }
        received += 1
        var transit = arrivalMs - mediaMs
        if step != nil {
            if let last = lastTransit, abs(transit - last) > Self.timestampJumpMs {
                timelineOffsetMs += transit - last   // media time shifted so that transit == last
                mediaMs += transit - last
                transit = last
                timestampResets += 1
            }
            lastTransit = transit
        }

        var talkspurtStart = false
        var silenceMs = 0.0
        if let step {
            let tsStep = extendedTimestamp - highestExtendedTimestamp
            if step == 0 {
                talkspurtStart = true
            } else {
                if step == 1 && tsStep > 0 { frameTicks = min(frameTicks ?? tsStep, tsStep) }
                let gap = frameTicks.map { tsStep > step * $0 } ?? false
                talkspurtStart = packet.marker || gap
                if let f = frameTicks, tsStep > step * f {
                    silenceMs = Double(tsStep - step * f) * 1000 / Double(clockRate)
                }
            }
            highestExtendedTimestamp = extendedTimestamp
        }
        let isFirstPacket = received == 1
        if talkspurtStart { talkspurts += 1 }

        netEq?.observe(transitMs: transit, arrivalMs: arrivalMs)
        asterisk?.observe(transitMs: transit)
        if ideal != nil {
            ideal?.observe(transitMs: transit)
            played += 1
            window.setFate(.played, for: ext)
            return .played(waitMs: nil)
        }

        if isFirstPacket || talkspurtStart {
            let desired = desiredPlayoutDelay(transit: transit)
            let newDelay = isFirstPacket ? desired : max(desired, playoutDelay - silenceMs)
            previousPlayoutDelay = isFirstPacket ? newDelay : playoutDelay
            playoutDelay = newDelay
            talkspurtStartMediaMs = mediaMs
            if isFirstPacket {
                lastCountedDelay = newDelay
                if playoutLogLimit > 0 { playoutChanges.append(PlayoutChange(atMs: arrivalMs, playoutDelayMs: newDelay)) }
            }
        } else if spec.adaptation == .continuous {
            let desired = desiredPlayoutDelay(transit: transit)
            let maxShrink = 0.25 * (frameTicks.map { Double($0) * 1000 / Double(clockRate) } ?? 20)
            playoutDelay = desired >= playoutDelay ? desired : max(desired, playoutDelay - maxShrink)
            previousPlayoutDelay = playoutDelay
        }
        if abs(playoutDelay - lastCountedDelay) >= 1 {
            adaptations += 1
            lastCountedDelay = playoutDelay
            if playoutChanges.count < playoutLogLimit {
                playoutChanges.append(PlayoutChange(atMs: arrivalMs, playoutDelayMs: playoutDelay))
            }
        }

        let delay = mediaMs < talkspurtStartMediaMs ? previousPlayoutDelay : playoutDelay
        let wait = delay - transit
        if wait < -1e-6 {
            late += 1
            window.setFate(.late, for: ext)
            return .discardedLate
        }
        if let cap = spec.capacityMs, wait > cap + 1e-6 {
            overflow += 1
            window.setFate(.overflow, for: ext)
            return .discardedOverflow
        }
        played += 1
        waits.add(wait)
        window.setFate(.played, for: ext)
        return .played(waitMs: max(0, wait))
    }

    /// The playout delay B the algorithm wants now (talkspurt start or continuous step).
    private func desiredPlayoutDelay(transit: Double) -> Double {
        switch spec.algorithm {
        case .fixed(let d):
            return received == 1 ? transit + d : playoutDelay
        case .fixedReanchor(let d):
            return transit + d
        case .netEq:
            // Read in place through optional chaining (binding the estimator would copy it, retaining its array).
            return netEq?.playoutDelayMs ?? playoutDelay
        case .asterisk:
            return asterisk?.playoutDelayMs ?? playoutDelay
        case .ideal:
            return playoutDelay
        }
    }

    /// Finalizes all pending sequence numbers and returns the outcome. Call once, after the last packet.
    public mutating func finish() -> JitterBufferOutcome {
        window.flush()
        let loss = window.markov
        let expected = loss.found + loss.lost
        let percent: (Int) -> Double = { expected > 0 ? 100 * Double($0) / Double(expected) : 0 }
        let mean: Double, p95: Double, maximum: Double
        if let ideal {
            mean = ideal.meanWaitMs; p95 = ideal.waitPercentile(0.95); maximum = ideal.maxWaitMs
        } else {
            mean = waits.mean; p95 = waits.percentile(0.95); maximum = waits.maximum
        }
        return JitterBufferOutcome(
            name: spec.text, expected: expected, received: received, played: played, discardedLate: late,
            discardedOverflow: overflow, networkLost: window.networkLost, duplicates: duplicates, tooOld: tooOld,
            invalidPackets: invalid, sequenceResets: window.sequenceResets,
            timestampResets: timestampResets, talkspurts: talkspurts,
            adaptations: adaptations, concealmentEvents: loss.lossRuns, effectiveLossPercent: percent(loss.lost),
            networkLossPercent: percent(window.networkLost), meanDelayMs: mean, p95DelayMs: p95, maxDelayMs: maximum,
            playoutChanges: ideal.map { $0.transits.count > 0 ? [PlayoutChange(atMs: 0, playoutDelayMs: $0.maximum)] : [] }
                ?? playoutChanges,
            loss: loss, packetDurationMs: frameTicks.map { Double($0) * 1000 / Double(clockRate) })
    }

    /// Replays a whole packet sequence through one buffer.
    public static func run<S: Sequence>(_ spec: JitterBufferSpec, packets: S) -> JitterBufferOutcome
    where S.Element == JitterBufferPacket {
        var sim = JitterBufferSimulator(spec: spec)
        for p in packets { sim.feed(p) }
        return sim.finish()
    }
}

/// Several buffers fed from one pass over a stream (the what-if set).
public struct JitterBufferBank: Sendable {
    public private(set) var simulators: [JitterBufferSimulator]

    /// - Parameter playoutLogLimit: playout changes each simulator keeps (`JitterBufferSimulator.playoutLogLimit`).
    public init(specs: [JitterBufferSpec] = JitterBufferSpec.defaultSet,
                playoutLogLimit: Int = JitterBufferSimulator.playoutLogCapacity) {
        simulators = specs.map { JitterBufferSimulator(spec: $0, playoutLogLimit: playoutLogLimit) }
    }

    public mutating func feed(_ packet: JitterBufferPacket) {
        for i in simulators.indices { simulators[i].feed(packet) }
    }

    public mutating func finish() -> [JitterBufferOutcome] {
        simulators.indices.map { simulators[$0].finish() }
    }
}
