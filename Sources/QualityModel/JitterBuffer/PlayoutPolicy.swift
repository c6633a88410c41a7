/// One simulated buffer's decisions on the shared `PlayoutTimeline`: its playout delay B (ms) and, per
/// packet, played (waiting B − r), late (r > B) or overflow (wait beyond the capacity). See
/// `JitterBufferSimulator` for the algorithms.
struct PlayoutPolicy: Sendable {
    let spec: JitterBufferSpec
    /// Playout changes kept (0: none).
    let playoutLogLimit: Int
    private var waits = DelayHistogram()
    private var netEq: NetEqEstimator?
    private var asterisk: AsteriskEstimator?
    private(set) var ideal: IdealTracker?

    private var playoutDelay = 0.0
    private var previousPlayoutDelay = 0.0
    private var talkspurtStartMediaMs = -Double.infinity
    private var lastCountedDelay = 0.0
    /// Grows on demand up to `playoutLogLimit` (only at adaptations, never per packet).
    private(set) var playoutChanges: [PlayoutChange] = []
    private(set) var played = 0, late = 0, overflow = 0, adaptations = 0

    init(spec: JitterBufferSpec, playoutLogLimit: Int) {
        self.spec = spec
        self.playoutLogLimit = max(0, playoutLogLimit)
        switch spec.algorithm {
        case .netEq(let p): netEq = NetEqEstimator(p)
        case .asterisk(let p): asterisk = AsteriskEstimator(p)
        case .ideal: ideal = IdealTracker()
        case .fixed, .fixedReanchor: break
        }
    }

    /// Decides the fate of an admitted packet; `waitMs` is its time in the buffer when played (nil for
    /// `ideal`, known only at the end).
    mutating func decide(_ packet: PlayoutTimeline.Arrival) -> (fate: SequenceWindow.Fate, waitMs: Double?) {
        let transit = packet.transitMs
        netEq?.observe(transitMs: transit, arrivalMs: packet.arrivalMs)
        asterisk?.observe(transitMs: transit)
        if ideal != nil {
            ideal?.observe(transitMs: transit)
            played += 1
            return (.played, nil)
        }

        if packet.isFirstPacket || packet.talkspurtStart {
            let desired = desiredPlayoutDelay(transit: transit, isFirstPacket: packet.isFirstPacket)
            let newDelay = packet.isFirstPacket ? desired : max(desired, playoutDelay - packet.silenceMs)
            previousPlayoutDelay = packet.isFirstPacket ? newDelay : playoutDelay
            playoutDelay = newDelay
            talkspurtStartMediaMs = packet.mediaMs
            if packet.isFirstPacket {
                lastCountedDelay = newDelay
                if playoutLogLimit > 0 { playoutChanges.append(PlayoutChange(atMs: packet.arrivalMs, playoutDelayMs: newDelay)) }
            }
        } else if spec.adaptation == .continuous {
            let desired = desiredPlayoutDelay(transit: transit, isFirstPacket: false)
            let maxShrink = 0.25 * (packet.packetDurationMs ?? 20)
            playoutDelay = desired >= playoutDelay ? desired : max(desired, playoutDelay - maxShrink)
            previousPlayoutDelay = playoutDelay
        }
        if abs(playoutDelay - lastCountedDelay) >= 1 {
            adaptations += 1
            lastCountedDelay = playoutDelay
            if playoutChanges.count < playoutLogLimit {
                playoutChanges.append(PlayoutChange(atMs: packet.arrivalMs, playoutDelayMs: playoutDelay))
            }
        }

        let delay = packet.mediaMs < talkspurtStartMediaMs ? previousPlayoutDelay : playoutDelay
        let wait = delay - transit
        if wait < -1e-6 {
            late += 1
            return (.late, nil)
        }
        if let cap = spec.capacityMs, wait > cap + 1e-6 {
            overflow += 1
            return (.overflow, nil)
        }
        played += 1
        waits.add(wait)
        return (.played, max(0, wait))
    }

    /// The playout delay B the algorithm wants now (talkspurt start or continuous step).
    private func desiredPlayoutDelay(transit: Double, isFirstPacket: Bool) -> Double {
        switch spec.algorithm {
        case .fixed(let d):
            return isFirstPacket ? transit + d : playoutDelay
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

    /// This buffer's outcome; `timeline` must have been flushed and `lane` is this policy's lane in it.
    func outcome(timeline: PlayoutTimeline, lane: Int) -> JitterBufferOutcome {
        let window = timeline.window
        let loss = window.markov[lane]
        let expected = loss.found + loss.lost
        let percent: (Int) -> Double = { expected > 0 ? 100 * Double($0) / Double(expected) : 0 }
        let mean: Double, p95: Double, maximum: Double
        if let ideal {
            mean = ideal.meanWaitMs; p95 = ideal.waitPercentile(0.95); maximum = ideal.maxWaitMs
        } else {
            mean = waits.mean; p95 = waits.percentile(0.95); maximum = waits.maximum
        }
        return JitterBufferOutcome(
            name: spec.text, expected: expected, received: timeline.received, played: played, discardedLate: late,
            discardedOverflow: overflow, networkLost: window.networkLost, duplicates: timeline.duplicates,
            tooOld: timeline.tooOld, invalidPackets: timeline.invalid, sequenceResets: window.sequenceResets,
            timestampResets: timeline.timestampResets, talkspurts: timeline.talkspurts,
            adaptations: adaptations, concealmentEvents: loss.lossRuns, effectiveLossPercent: percent(loss.lost),
            networkLossPercent: percent(window.networkLost), meanDelayMs: mean, p95DelayMs: p95, maxDelayMs: maximum,
            playoutChanges: ideal.map { $0.transits.count > 0 ? [PlayoutChange(atMs: 0, playoutDelayMs: $0.maximum)] : [] }
                ?? playoutChanges,
            loss: loss, packetDurationMs: timeline.packetDurationMs)
    }
}
