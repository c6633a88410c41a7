import Testing
@testable import QualityModel

/// Builds 8 kHz, 20 ms packets. Packet with media index m has RTP timestamp 160·m (+ `tsBase`), so its media
/// time is 20·m ms; `arrival` = 20·m + extra delay (ms). Tests list packets in arrival order.
struct PacketPlan {
    var seq: UInt16
    var media: Int
    var delay: Double
    var marker = false
    func packet(tsBase: UInt32 = 1000, seqBase: UInt16 = 0) -> JitterBufferPacket {
        JitterBufferPacket(arrivalMs: 20 * Double(media) + delay, rtpTimestamp: tsBase &+ UInt32(160 * media),
                           sequence: seqBase &+ seq, marker: marker, payloadType: 0, clockRate: 8000)
    }
}

func run(_ spec: String, _ plan: [PacketPlan], tsBase: UInt32 = 1000, seqBase: UInt16 = 0) throws -> JitterBufferOutcome {
    let parsed = try JitterBufferSpec(parsing: spec)
    let ordered = plan.sorted { (20 * Double($0.media) + $0.delay) < (20 * Double($1.media) + $1.delay) }
    return JitterBufferSimulator.run(parsed, packets: ordered.map { $0.packet(tsBase: tsBase, seqBase: seqBase) })
}

/// 10 packets, seq = media index = 0…9, constant network delay `delay` (transit 0 relative to the first).
func steady(_ range: Range<Int> = 0..<10, delay: Double = 10) -> [PacketPlan] {
    range.map { PacketPlan(seq: UInt16($0), media: $0, delay: delay) }
}

/// Three talkspurts of 10 packets: A seq 0–9 at media 0–9, B seq 10–19 at media 35–44, C seq 20–29 at media 70–79
/// (timestamp gaps of 26 frames, i.e. 500 ms of silence before B and C). Network delays per spurt as given.
func threeTalkspurts(a: Double, b: Double, c: Double, markers: Bool = false) -> [PacketPlan] {
    var plan: [PacketPlan] = []
    for i in 0..<10 { plan.append(PacketPlan(seq: UInt16(i), media: i, delay: a)) }
    for i in 10..<20 { plan.append(PacketPlan(seq: UInt16(i), media: i + 25, delay: b, marker: markers && i == 10)) }
    for i in 20..<30 { plan.append(PacketPlan(seq: UInt16(i), media: i + 50, delay: c, marker: markers && i == 20)) }
    return plan
}

@Suite struct FixedBufferTests {
    /// fixed:60 anchored on packet 0 (transit 0): deadline_i = 60 + 20·i. Packet 5 arrives 70 ms late
    /// (transit 70 > 60) → late; the 9 others wait exactly 60 ms.
    /// Sequence-order fates F F F F F L F F F F: FF 7, FL 1, LF 1 → p = 1/8, q = 1, BurstR = 1/1.125.
    @Test func lateSpike() throws {
        var plan = steady()
        plan[5].delay = 80
        let o = try run("fixed:60", plan)
        #expect(o.name == "fixed:60")
        #expect(o.expected == 10 && o.received == 10 && o.played == 9 && o.discardedLate == 1)
        #expect(o.networkLost == 0 && o.duplicates == 0 && o.discardedOverflow == 0)
        #expect(abs(o.effectiveLossPercent - 10) < 1e-12)
        #expect(abs(o.meanDelayMs - 60) < 1e-9 && o.p95DelayMs == 60)
        #expect(o.concealmentEvents == 1 && o.adaptations == 0)
        #expect(abs((o.burstRatio ?? 0) - 1 / 1.125) < 1e-12)
        #expect(o.packetDurationMs == 20)
    }

    /// A 50 ms spike fits in 60 ms: played with wait 10. Mean = (9·60 + 10)/10 = 55; p95 = 10th of 10 = 60.
    /// A packet exactly at its deadline (transit 60) is played with wait 0.
    @Test func spikeWithinTheBufferAndExactDeadline() throws {
        var plan = steady()
        plan[5].delay = 60
        let o = try run("fixed:60", plan)
        #expect(o.played == 10 && o.discardedLate == 0)
        #expect(abs(o.meanDelayMs - 55) < 1e-9 && o.p95DelayMs == 60)
        plan[5].delay = 70
        let exact = try run("fixed:60", plan)
        #expect(exact.played == 10 && exact.discardedLate == 0)
        #expect(abs(exact.meanDelayMs - 54) < 1e-9)   // (9·60 + 0)/10
    }

    /// A step of +80 ms at packet 10 within one talkspurt: packets 10–19 have transit 80 > 60 → all late
    /// for both fixed kinds (no talkspurt start to re-anchor on).
    @Test func stepChangeWithoutTalkspurt() throws {
        let plan = steady(0..<10) + steady(10..<20, delay: 90)
        for spec in ["fixed:60", "fixed-reanchor:60"] {
            let o = try run(spec, plan)
            #expect(o.played == 10 && o.discardedLate == 10, "\(spec)")
            #expect(abs(o.effectiveLossPercent - 50) < 1e-12)
            #expect(o.concealmentEvents == 1 && o.talkspurts == 1)
        }
    }

    /// Step of +80 ms after 500 ms of silence (timestamp gap, no marker): fixed:60 discards all 10 of
    /// talkspurt B (transit 80 > 60); fixed-reanchor:60 re-anchors on packet 10: B = 80 + 60 = 140, every
    /// packet of B waits 60 → nothing late, one adaptation. Talkspurt C (transit 80) keeps B = 140.
    @Test func talkspurtGapReanchors() throws {
        let plan = threeTalkspurts(a: 10, b: 90, c: 90)
        let fixed = try run("fixed:60", plan)
        #expect(fixed.talkspurts == 3 && fixed.discardedLate == 20 && fixed.played == 10 && fixed.adaptations == 0)
        let re = try run("fixed-reanchor:60", plan)
        #expect(re.talkspurts == 3 && re.discardedLate == 0 && re.played == 30 && re.adaptations == 1)
        #expect(abs(re.meanDelayMs - 60) < 1e-9)
        // Marker bits on the first packet of each spurt find the same boundaries.
        let marked = try run("fixed-reanchor:60", threeTalkspurts(a: 10, b: 90, c: 90, markers: true))
        #expect(marked.talkspurts == 3 && marked.discardedLate == 0)
    }

    /// Packets 3 and 4 swapped in arrival (times relative to packet 0's arrival at 10): 4 arrives at 60
    /// (media 80: transit −20, waits 80) before 3 at 65 (media 60: transit 5, waits 55). Nothing late or
    /// lost; mean = (8·60 + 80 + 55)/10 = 61.5, p95 = 10th of 10 = 80.
    /// Then packet 3 delayed to 130 (transit 70 > 60): late, although 4 came before it.
    @Test func reordering() throws {
        var plan = steady()
        plan[4].delay = -10
        plan[3].delay = 15
        let o = try run("fixed:60", plan)
        #expect(o.played == 10 && o.discardedLate == 0 && o.networkLost == 0)
        #expect(abs(o.meanDelayMs - 61.5) < 1e-9 && o.p95DelayMs == 80 && o.maxDelayMs == 80)
        #expect(o.burstRatio == 1)
        plan[3].delay = 80
        let lateReordered = try run("fixed:60", plan)
        #expect(lateReordered.played == 9 && lateReordered.discardedLate == 1 && lateReordered.networkLost == 0)
    }

    /// Packet 5 arrives twice (second copy at 200 ms, long after its deadline of 160): counted as a
    /// duplicate, not late; 10 played.
    @Test func duplicates() throws {
        var plan = steady()
        plan.append(PacketPlan(seq: 5, media: 5, delay: 100))
        let o = try run("fixed:60", plan)
        #expect(o.duplicates == 1 && o.discardedLate == 0 && o.played == 10 && o.expected == 10 && o.received == 10)
    }

    /// Sequence numbers 4 and 5 never arrive: network-lost 2 of 10; fates F F F F L L F F F F:
    /// FF 6, FL 1, LL 1, LF 1 → p = 1/7, q = 1/2, BurstR = 14/9.
    @Test func networkLoss() throws {
        let plan = steady().filter { $0.seq != 4 && $0.seq != 5 }
        let o = try run("fixed:60", plan)
        #expect(o.expected == 10 && o.networkLost == 2 && o.played == 8 && o.discardedLate == 0)
        #expect(abs(o.effectiveLossPercent - 20) < 1e-12 && abs(o.networkLossPercent - 20) < 1e-12)
        #expect(o.concealmentEvents == 1)
        #expect(abs((o.burstRatio ?? 0) - 14.0 / 9.0) < 1e-12)
    }

    /// Sequence 65530…3 and RTP timestamps across 2³² wrap cleanly: no loss, every wait 60.
    @Test func wrapArounds() throws {
        let o = try run("fixed:60", steady(), tsBase: UInt32.max - 500, seqBase: 65530)
        #expect(o.expected == 10 && o.played == 10 && o.networkLost == 0 && o.discardedLate == 0)
        #expect(abs(o.meanDelayMs - 60) < 1e-9)
    }

    /// The sender's RTP timestamp jumps by ±10⁹ ticks (125 000 s) at seq 10 while packets keep arriving every
    /// 20 ms: a timestamp reset, not delay. Re-based, every packet plays with wait 60; one reset counted.
    @Test(arguments: [Int64(1_000_000_000), -1_000_000_000])
    func timestampReset(jump: Int64) throws {
        let packets = (0..<20).map { i in
            JitterBufferPacket(arrivalMs: 20 * Double(i) + 10,
                               rtpTimestamp: UInt32(truncatingIfNeeded: 1000 + 160 * Int64(i) + (i >= 10 ? jump : 0)),
                               sequence: UInt16(i), clockRate: 8000)
        }
        let o = JitterBufferSimulator.run(try JitterBufferSpec(parsing: "fixed:60"), packets: packets)
        #expect(o.timestampResets == 1 && o.played == 20 && o.discardedLate == 0, "\(o)")
        #expect(abs(o.meanDelayMs - 60) < 1e-9)
    }

    /// cap=80: packet 6 arriving 30 ms early (transit −30) would wait 90 > 80 → overflow discard.
    @Test func overflow() throws {
        var plan = steady()
        plan[6].delay = -20
        let o = try run("fixed:60,cap=80", plan)
        #expect(o.discardedOverflow == 1 && o.played == 9 && o.discardedLate == 0)
        #expect(abs(o.effectiveLossPercent - 10) < 1e-12)
        let unbounded = try run("fixed:60", plan)
        #expect(unbounded.discardedOverflow == 0 && unbounded.maxDelayMs == 90)
    }

    /// 5000 packets, every 100th (i % 100 == 50) lost: the 1024-entry window finalizes as it slides.
    /// 50 isolated losses: FL 50, LF 50, FF 4999 − 100 = 4899 → p = 50/4949, q = 1, BurstR = 4949/4999.
    @Test func longStreamSlidesTheWindow() throws {
        let plan = (0..<5000).filter { $0 % 100 != 50 }.map { PacketPlan(seq: UInt16($0 % 65536), media: $0, delay: 10) }
        let o = try run("fixed:50", plan)
        #expect(o.expected == 5000 && o.networkLost == 50 && o.played == 4950)
        #expect(abs((o.burstRatio ?? 0) - 4949.0 / 4999.0) < 1e-12)
        #expect(o.loss.foundToFound == 4899)
    }
}

@Suite struct AdaptiveBufferTests {
    /// neteq defaults (bucket 20, quantile 0.95, forget 0.983). Histogram starts all in bucket 0 → target
    /// = 20 ms, B = 20; spurt A (transit 0) waits 20. Spurt B (transit 80, relative delay 80 → bucket 4)
    /// starts with bucket 0 at 0.983 ≥ 0.95 → target still 20 → all 10 late (no change inside a spurt).
    /// At C's start bucket 0 holds 0.983¹¹ = 0.828 < 0.95 → target = 5·20 = 100, B = 100, C waits 20.
    @Test func netEqAdaptsAtTalkspurtStart() throws {
        let o = try run("neteq:max=500", threeTalkspurts(a: 10, b: 90, c: 90))
        #expect(o.name == "neteq:max=500")
        #expect(o.discardedLate == 10 && o.played == 20 && o.adaptations == 1 && o.talkspurts == 3)
        #expect(abs(o.meanDelayMs - 20) < 1e-9)
        // History: B = 20 at the first packet, B = 100 at C's first packet (media 70 → arrival 1400 + 80).
        #expect(o.playoutChanges == [PlayoutChange(atMs: 0, playoutDelayMs: 20), PlayoutChange(atMs: 1480, playoutDelayMs: 100)])
    }

    /// The playout log keeps at most `playoutLogLimit` entries (0: none, as the analysis pipeline uses it);
    /// the figures do not depend on it.
    @Test(arguments: [0, 1, 2, 256])
    func playoutLogLimit(limit: Int) throws {
        let spec = try JitterBufferSpec(parsing: "neteq:max=500")
        let packets = threeTalkspurts(a: 10, b: 90, c: 90)
            .sorted { (20 * Double($0.media) + $0.delay) < (20 * Double($1.media) + $1.delay) }
            .map { $0.packet(tsBase: 1000, seqBase: 0) }
        var sim = JitterBufferSimulator(spec: spec, playoutLogLimit: limit)
        for p in packets { sim.feed(p) }
        let o = sim.finish()
        let full = [PlayoutChange(atMs: 0, playoutDelayMs: 20), PlayoutChange(atMs: 1480, playoutDelayMs: 100)]
        #expect(o.playoutChanges == Array(full.prefix(limit)))
        #expect(o.adaptations == 1 && o.discardedLate == 10 && o.played == 20)
    }

    /// Continuous: after the step (packets 10–19 transit 80, one talkspurt), bucket 0 = 0.983, 0.966 for
    /// packets 10, 11 (≥ 0.95, target 20 → late) and 0.9499 at packet 12 → target 100, B = 100, packets
    /// 12–19 wait 20. Late 2, one adaptation. Mean = (10·20 + 8·20)/18 = 20.
    @Test func netEqContinuousFollowsAStep() throws {
        let plan = steady(0..<10) + steady(10..<20, delay: 90)
        let o = try run("neteq:continuous", plan)
        #expect(o.discardedLate == 2 && o.played == 18 && o.adaptations == 1)
        #expect(abs(o.meanDelayMs - 20) < 1e-9)
        let perSpurt = try run("neteq", plan)
        #expect(perSpurt.discardedLate == 10)
    }

    /// min bounds the target from below: neteq:min=100 starts (and stays) at B = 100; steady packets wait 100.
    @Test func netEqMinBound() throws {
        let o = try run("neteq:min=100", steady())
        #expect(o.played == 10 && abs(o.meanDelayMs - 100) < 1e-9 && o.adaptations == 0)
    }

    /// max bounds the target: neteq:max=60 → at C's start target = min(100, 60) → B = 60 < 80: C late too.
    @Test func netEqMaxBound() throws {
        let o = try run("neteq:max=60", threeTalkspurts(a: 10, b: 90, c: 90))
        #expect(o.discardedLate == 20 && o.adaptations == 1)   // B: 20 → 60
    }

    /// asterisk defaults (margin 40, drop 3 %, max 200): first packet → spread 0, B = 0 + 40; A waits 40.
    /// B's start (transit 30): window {0×10, 30} → spread 30, B = 70; B waits 40 except packet 15, a spike
    /// at transit 150 > 70 → late. C's start: window {0×10, 30×10, 150} (21, drop ⌊0.63⌋ = 0) → spread 150,
    /// target min(190, 200) → B = 190, C (transit 30) waits 160.
    @Test func asteriskSpreadPlusMargin() throws {
        var plan = threeTalkspurts(a: 10, b: 40, c: 40)
        plan[15].delay = 160
        let o = try run("asterisk", plan)
        #expect(o.discardedLate == 1 && o.played == 29 && o.adaptations == 2)
        // waits: 10·40 + 9·40 + 10·160 = 2360 over 29
        #expect(abs(o.meanDelayMs - 2360.0 / 29.0) < 1e-9)
        // drop=10: at B's start ⌊11·0.1⌋ = 1 highest (30) dropped → spread 0 → B stays 40, B waits 10;
        // at C's start ⌊21·0.1⌋ = 2 highest (150, 30) dropped → spread 30 → B = 70, C waits 40.
        // One adaptation; waits 10·40 + 9·10 + 10·40 = 890 over 29.
        let dropping = try run("asterisk:drop=10", plan)
        #expect(dropping.discardedLate == 1 && dropping.adaptations == 1)
        #expect(abs(dropping.meanDelayMs - 890.0 / 29.0) < 1e-9)
    }

    /// Ideal: spike of transit 70 on packet 5 → hindsight B = 70; nothing late; waits 70 ×9 and 0 →
    /// mean 63, p95 = 10th smallest of 10 = 70, max 70.
    @Test func idealPlaysEverything() throws {
        var plan = steady()
        plan[5].delay = 80
        let o = try run("ideal", plan)
        #expect(o.played == 10 && o.discardedLate == 0 && o.effectiveLossPercent == 0)
        #expect(abs(o.meanDelayMs - 63) < 1e-9 && o.p95DelayMs == 70 && o.maxDelayMs == 70)
        #expect(o.playoutChanges == [PlayoutChange(atMs: 0, playoutDelayMs: 70)])
    }

    /// Reordering plus a duplicate, through every algorithm (times relative to packet 0's arrival): packet 4
    /// arrives at 60 (transit −20) before packet 3 at 65 (transit 5); a copy of packet 5 arrives at 190.
    /// No talkspurt boundary, so each buffer keeps its first playout delay B:
    /// fixed / fixed-reanchor B = 60: waits 8·60 + 80 + 55 → mean 61.5; neteq B = 20 (initial target 20):
    /// 8·20 + 40 + 15 → 21.5; asterisk B = 0 + 40: 8·40 + 60 + 35 → 41.5; ideal B = max transit 5:
    /// 8·5 + 25 + 0 → 6.5. Nothing late or lost; the copy is a duplicate everywhere.
    @Test(arguments: [("fixed:60", 61.5), ("fixed-reanchor:60", 61.5), ("neteq", 21.5), ("asterisk", 41.5), ("ideal", 6.5)])
    func reorderingAndDuplicateEverywhere(spec: String, mean: Double) throws {
        var plan = steady()
        plan[4].delay = -10
        plan[3].delay = 15
        plan.append(PacketPlan(seq: 5, media: 5, delay: 100))
        let o = try run(spec, plan)
        #expect(o.played == 10 && o.duplicates == 1 && o.discardedLate == 0 && o.networkLost == 0 && o.expected == 10)
        #expect(abs(o.meanDelayMs - mean) < 1e-9)
    }

    /// The default bank runs all four on one pass and names each by its spec.
    @Test func defaultBank() throws {
        var bank = JitterBufferBank()
        var plan = steady()
        plan[5].delay = 80
        for p in plan { bank.feed(p.packet()) }
        let outcomes = bank.finish()
        #expect(outcomes.map(\.name) == ["fixed:50", "fixed:200", "neteq:max=500,continuous", "ideal"])
        #expect(outcomes.map(\.discardedLate) == [1, 0, 1, 0])
        let scored = outcomes[1].assess(codec: "PCMU", rtcpRoundTripMs: 80)
        // fixed:200 waits 200 for all but packet 5 (130): mean 193; d = 40 + 193 + 20 = 253 ms.
        #expect(abs(scored.mouthToEarDelayMs - 253) < 1e-9)
        #expect(scored.conversational.mos < scored.listening.mos)
        #expect(scored.assumptions.count == 6)
        #expect(scored.assumptions.last?.hasPrefix("jitter buffer 'fixed:200': effective loss 0 % (network + late + overflow), "
                                                   + "mean buffer delay 19") == true)
    }
}

@Suite struct JitterBufferSpecTests {
    @Test(arguments: ["fixed:60", "fixed-reanchor:60", "neteq", "neteq:max=500,quantile=0.9,bucket=10,forget=0.99,min=20",
                      "asterisk:max=300,window=200,drop=5,margin=20", "ideal", "neteq:continuous", "fixed:60,cap=120",
                      "asterisk:adapt=continuous"])
    func parsesAndKeepsText(spec: String) throws {
        let parsed = try JitterBufferSpec(parsing: spec)
        #expect(parsed.text == spec)
        #expect(parsed.description == spec)
    }

    @Test func parameters() throws {
        let n = try JitterBufferSpec(parsing: "neteq:max=300,quantile=0.9,continuous")
        var expected = JitterBufferSpec.NetEqParameters()
        expected.maxDelayMs = 300; expected.quantile = 0.9
        #expect(n.algorithm == .netEq(expected) && n.adaptation == .continuous && n.capacityMs == nil)
        let a = try JitterBufferSpec(parsing: "asterisk")
        #expect(a.capacityMs == 200)
        #expect(try JitterBufferSpec(parsing: "fixed:60").algorithm == .fixed(delayMs: 60))
    }

    @Test(arguments: ["", "fixed", "fixed:abc", "fixed:-5", "neteq:max=x", "neteq:foo=1", "jitter", "ideal:continuous",
                      "fixed:60,continuous", "neteq:min=600,max=500", "asterisk:window=1", "neteq:,", "neteq:adapt=sometimes"])
    func rejects(spec: String) {
        #expect(throws: JitterBufferSpecError.self) { try JitterBufferSpec(parsing: spec) }
    }

    @Test func errorSaysWhatAndSyntax() {
        do {
            _ = try JitterBufferSpec(parsing: "neteq:quantile=2")
            Issue.record("should have thrown")
        } catch {
            #expect(error.description.contains("quantile"))
            #expect(error.description.contains("fixed:MS"))
        }
    }

    @Test func defaultSetParses() {
        #expect(JitterBufferSpec.defaultSet.map(\.text) == JitterBufferSpec.defaultSpecs)
    }
}
