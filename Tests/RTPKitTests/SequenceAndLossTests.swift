import Testing
import WireCore
@testable import RTPKit

@Suite("RFC 3550 A.1/A.3 sequence tracking")
struct SequenceTrackerTests {
    func track(_ sequences: [UInt16]) -> SequenceTracker {
        var tracker = SequenceTracker()
        for s in sequences { _ = tracker.update(s) }
        return tracker
    }

    @Test func wrapAroundExtendsTheSequence() {
        // 65534, 65535, 0, 1, 2: base 65534, extended max 65536 + 2 = 65538, expected 5, lost 0.
        let t = track([65534, 65535, 0, 1, 2])
        #expect(t.extendedMax == 65538)
        #expect(t.expected == 5)
        #expect(t.lost == 0)
    }

    @Test func lossesCountFromTheFirstPacket() {
        // 1…10 without 4 and 7: expected 10 (we count the probation packet; A.1 proper would say 9/7),
        // received 8, lost 2 either way.
        let t = track([1, 2, 3, 5, 6, 8, 9, 10])
        #expect(t.expected == 10)
        #expect(t.totalReceived == 8)
        #expect(t.lost == 2)
        // Interval fraction: 2 lost of 10 expected → (2 << 8) / 10 = 51.
        var copy = t
        #expect(copy.intervalFractionLost() == 51)
        #expect(copy.intervalFractionLost() == 0)
    }

    @Test func duplicatesMakeLossNegative() {
        // 1, 2, 2, 3, 3: expected 3, received 5 (A.1 counts duplicates) → lost −2.
        #expect(track([1, 2, 2, 3, 3]).lost == -2)
    }

    @Test func probationRestartsOnAGap() {
        // 100 then 200 (not sequential): probation restarts at 200; 201 validates → base 200.
        let t = track([100, 200, 201, 202])
        #expect(t.baseSequence == 200)
        #expect(t.expected == 3)
        #expect(t.lost == 0)
    }

    @Test func largeJumpIsRejectedThenTwoSequentialRestart() {
        // 1…3, then 20000 (jump ≥ MAX_DROPOUT: rejected, bad_seq = 20001), then 20001 → restart at 20001.
        var t = SequenceTracker()
        for s: UInt16 in [1, 2, 3] { _ = t.update(s) }
        #expect(t.update(20000) == .rejected)
        #expect(t.update(20001) == .restarted(extended: 20001))
        _ = t.update(20002)
        // Earlier run: expected 3, received 3. New run: 20001–20002 → 2/2. Totals 5/5; 20000 was rejected.
        #expect(t.expected == 5)
        #expect(t.totalReceived == 5)
        #expect(t.restarts == 1)
        #expect(t.rejected == 1)
    }
}

@Suite("Duplicate/reorder window and RFC 3611 burst/gap metrics")
struct LossPatternTests {
    @Test func windowSeparatesDuplicatesFromReordering() {
        var w = ReceptionWindow()
        // 1, 2, 4, 3 (reordered), 4 (duplicate), 5
        let arrivals = [1, 2, 4, 3, 4, 5].map { w.record(Int64($0)) }
        #expect(arrivals == [.inOrder, .inOrder, .inOrder, .reordered, .duplicate, .inOrder])
        #expect(w.duplicates == 1 && w.reordered == 1)
    }

    /// RFC 3611 §4.7.2's example, 1 = received, 0 = lost, X = discarded (treated as lost here).
    static let rfcExample = "11110111111111111111111X111X1011110111111111111111111X111111111"

    func analyse(_ pattern: String) -> LossPatternAnalyzer {
        var a = LossPatternAnalyzer(gMin: 16)
        for c in pattern { a.record(received: c == "1") }
        return a
    }

    @Test func definitionalReadingMatchesTheRFCExample() {
        let m = analyse(Self.rfcExample).metrics(packetDurationMs: 20)
        // Gap 0…22 (loss at 4 isolated), burst 23…34 = 12 packets with 4 losses, gap 35…62 (loss at 53).
        #expect(m.bursts == 1)
        #expect(m.definitional.burstDensity == 4.0 / 12)
        #expect(m.definitional.gapDensity == 2.0 / 51)
        #expect(m.definitional.burstDurationMs == 12 * 20)        // one burst of 12 packets
        #expect(m.definitional.gapDurationMs == 51.0 * 20 / 2)    // two gaps share 51 packets
        #expect(BurstGapMetrics.Reading.field(m.definitional.burstDensity) == 85)  // ⌊256/3⌋
        #expect(BurstGapMetrics.Reading.field(m.definitional.gapDensity) == 10)    // ⌊512/51⌋
    }

    @Test func appendixA2ReadingMatchesTheHandTrace() {
        let m = analyse(Self.rfcExample).metrics(packetDurationMs: 20)
        // c11 36, c13 1, c14 1, c22 8, c23 4, c33 0 (docs/standards.md §4.3):
        // p23 = 1 − 8/12 = 1/3, p32 = 4/5 → burst density (1/3)/(1/3 + 0.8) ≈ 0.294 (field 75);
        // gap density 1/37 (field 6); gap (36+1+1)·20/1 = 760 ms; ctotal 55 → burst 55·20 − 760 = 340 ms.
        let a2 = m.appendixA2
        #expect(abs(a2.burstDensity - (1.0 / 3) / (1.0 / 3 + 0.8)) < 1e-12)
        #expect(BurstGapMetrics.Reading.field(a2.burstDensity) == 75)
        #expect(a2.gapDensity == 1.0 / 37)
        #expect(BurstGapMetrics.Reading.field(a2.gapDensity) == 6)
        #expect(a2.gapDurationMs == 760)
        #expect(a2.burstDurationMs == 340)
    }

    @Test func lossRunHistogram() {
        // Losses (0 or X) sit at positions 4, 23, 27, 29, 34 and 53, none adjacent → six runs of length 1.
        let done = analyse(Self.rfcExample).finished()
        #expect(done.runHistogram[0] == 6)
        #expect(done.longestRun == 1)
        let bursty = analyse("1111000110000000000001").finished()
        // runs: 3 and 12 (≥ 10 goes to the last bucket).
        #expect(bursty.runHistogram[2] == 1)
        #expect(bursty.runHistogram[LossPatternAnalyzer.runBuckets - 1] == 1)
        #expect(bursty.longestRun == 12)
    }
}
