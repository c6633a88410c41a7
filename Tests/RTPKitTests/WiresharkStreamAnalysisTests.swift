import Testing
import WireCore
@testable import RTPKit

@Suite("tshark 4.0.17-compatible stream analysis")
struct WiresharkStreamAnalysisTests {
    /// Feeds (ms, seq, ts, pt, marker) tuples at 8 kHz unless `clock` says otherwise.
    func analyse(_ packets: [(Double, UInt16, UInt32, UInt8, Bool)], clock: UInt32 = 8000) -> WiresharkStreamAnalysis {
        var a = WiresharkStreamAnalysis(timeOrigin: at(ms: 0))
        for (ms, seq, ts, pt, marker) in packets {
            a.observe(arrival: at(ms: ms), sequence: seq, timestamp: ts, payloadType: pt, marker: marker, clockRate: clock)
        }
        return a
    }

    @Test func jitterDeltaAndMeansFollowWiresharkRules() {
        // Arrivals 0, 20, 45 (5 ms late), 60, then a marker packet at 200 after silence, then 220.
        let a = analyse([(0, 1, 0, 0, false), (20, 2, 160, 0, false), (45, 3, 320, 0, false), (60, 4, 480, 0, false),
                         (200, 5, 2400, 0, true), (220, 6, 2560, 0, false)])
        // p2: delta 20, D 0, J 0.            n=1: mean delta 20, mean J 0.
        // p3: delta 25, D |25−20| = 5, J = 5/16 = 0.3125.      n=2: mean delta (20·1+25)/2 = 22.5, mean J 0.3125/2.
        // p4: delta 15, D 5, J = (15·0.3125 + 5)/16 = 0.60546875. n=3: mean delta (22.5·2+15)/3 = 20.
        // p5 (marker): delta 140, nominal (2400−480)/8 = 240 → D 100, J = (15·0.60546875 + 100)/16; not regular.
        // p6: delta 20, D 0, J = 15·J5/16. n=5 (the marker packet still counts): mean delta (20·4 + 20)/5 = 20.
        let j3 = 0.3125, j4 = (15 * j3 + 5) / 16, j5 = (15 * j4 + 100) / 16, j6 = 15 * j5 / 16
        let meanJ3 = (0.0 * 1 + j3) / 2, meanJ4 = (meanJ3 * 2 + j4) / 3, meanJ6 = (meanJ4 * 4 + j6) / 5
        #expect(a.packets == 6)
        #expect(a.lost == 0)
        #expect(a.minDeltaMs == 15)
        #expect(a.maxDeltaMs == 25)
        #expect(abs(a.meanDeltaMs - 20) < 1e-9)
        #expect(a.minJitterMs == 0)
        #expect(abs(a.maxJitterMs - j6) < 1e-12)
        #expect(abs(a.meanJitterMs - meanJ6) < 1e-12)
        #expect(abs(a.jitterMs - j6) < 1e-12)
        #expect(!a.problem)
    }

    @Test func comfortNoiseAndTheFollowingPacketAreNotRegular() {
        // p2 is CN (PT 13), p3 follows CN: neither enters min/max/mean; p4 is regular.
        let a = analyse([(0, 1, 0, 0, false), (20, 2, 160, 13, false), (100, 3, 800, 0, false), (130, 4, 1040, 0, false)])
        // p4: delta 30 → only regular value; n = 3 → mean = (0·2 + 30)/3 = 10 (Wireshark's formula).
        #expect(a.minDeltaMs == 30)
        #expect(a.maxDeltaMs == 30)
        #expect(abs(a.meanDeltaMs - 10) < 1e-12)
    }

    @Test func clockRateZeroMovesOnlyTheArrivalReference() {
        // PT 0 at 8 kHz, then two events with clock 0 (no jitter update), then PT 0 again.
        var a = WiresharkStreamAnalysis(timeOrigin: at(ms: 0))
        a.observe(arrival: at(ms: 0), sequence: 1, timestamp: 0, payloadType: 0, marker: false, clockRate: 8000)
        a.observe(arrival: at(ms: 20), sequence: 2, timestamp: 160, payloadType: 0, marker: false, clockRate: 8000)
        a.observe(arrival: at(ms: 30), sequence: 3, timestamp: 160, payloadType: 101, marker: false, clockRate: 0)
        a.observe(arrival: at(ms: 35), sequence: 4, timestamp: 160, payloadType: 101, marker: false, clockRate: 0)
        // p5: reference arrival is p4 (35 ms) but the reference nominal time is p2's (20 ms):
        // delta 5, nominal 40 − 20 = 20 → D = |5 − 20| = 15, J = 15/16.
        a.observe(arrival: at(ms: 40), sequence: 5, timestamp: 320, payloadType: 0, marker: false, clockRate: 8000)
        #expect(abs(a.jitterMs - 15.0 / 16) < 1e-12)
        #expect(a.minDeltaMs == 5)   // deltas 20, 10, 5, 5 (each against the previous in-sequence arrival)
        #expect(a.maxDeltaMs == 20)
    }

    @Test func sequenceWrapCountsACycle() {
        let a = analyse([(0, 65534, 0, 0, false), (20, 65535, 160, 0, false), (40, 0, 320, 0, false), (60, 1, 480, 0, false)])
        // expected = (1 + 65536·1) − 65534 + 1 = 4, lost 0, no problem.
        #expect(a.cycles == 1)
        #expect(a.expected == 4)
        #expect(a.lost == 0)
        #expect(!a.problem)
    }

    @Test func duplicatesGiveNegativeLossAndAProblem() {
        let a = analyse([(0, 1, 0, 0, false), (20, 2, 160, 0, false), (21, 2, 160, 0, false), (40, 3, 320, 0, false)])
        // expected = 3 − 1 + 1 = 3, packets 4 → lost −1 (−33.3 %).
        #expect(a.lost == -1)
        #expect(abs(a.lostPercent - (-100.0 / 3)) < 1e-9)
        #expect(a.sequenceErrors == 1)
        #expect(a.problem)
    }

    @Test func lossUsesLastReceivedNotHighestSequence() {
        // 1, 2, 5, 3 (late): stop = 3 → expected 3, packets 4 → lost −1, although 4 is missing.
        let a = analyse([(0, 1, 0, 0, false), (20, 2, 160, 0, false), (60, 5, 640, 0, false), (61, 3, 320, 0, false)])
        #expect(a.lost == -1)
        #expect(a.sequenceErrors == 2)  // the jump to 5 and the late 3
    }

    @Test func timestampBeforeTheFirstIsWrongAndNotAReference() {
        // p3's timestamp precedes p1's: flagged, no delta/jitter, reference unchanged.
        let a = analyse([(0, 10, 1000, 0, false), (20, 11, 1160, 0, false), (30, 12, 500, 0, false), (40, 13, 1320, 0, false)])
        // p4 delta is against p2 (20 ms): 20 ms; D = |20 − 20| = 0.
        #expect(a.wrongTimestamps == 1)
        #expect(a.problem)
        #expect(a.minDeltaMs == 20 && a.maxDeltaMs == 20)
        #expect(a.jitterMs == 0)
    }

    @Test func rendersTsharkRow() {
        let a = analyse([(0, 1, 0, 0, false), (20, 2, 160, 0, false), (45, 3, 320, 0, false), (60, 4, 480, 0, false)])
        let row = WiresharkStreamTable.row(
            source: Endpoint(IPAddress("10.0.0.1")!, 4000), destination: Endpoint(IPAddress("10.0.0.2")!, 5000),
            ssrc: 0xBEEF, payload: WiresharkStreamTable.payloadColumn(a, dynamicNames: [:]), analysis: a, captureStart: at(ms: 0))
        // Values: min 15, mean 20, max 25; jitter min 0, mean (0·2 + 0.60546875 + …) as computed above:
        // meanJ = ((0 + 0.3125)/2·2 + 0.60546875)/3 = 0.305989… → "0.306"; max 0.60546875 → "0.605".
        let expected = "     0.000000      0.060000        10.0.0.1  4000        10.0.0.2  5000 0x0000BEEF            g711U     4     0 (0.0%)          15.000          20.000          25.000           0.000           0.306           0.605 "
        #expect(row == expected)
        #expect(WiresharkStreamTable.columnHeader == "   Start time      End time     Src IP addr  Port    Dest IP addr  Port       SSRC          Payload  Pkts         Lost   Min Delta(ms)  Mean Delta(ms)   Max Delta(ms)  Min Jitter(ms) Mean Jitter(ms)  Max Jitter(ms) Problems?")
    }

    @Test func payloadColumnAndClockRules() {
        var a = WiresharkStreamAnalysis(timeOrigin: at(ms: 0))
        for pt: UInt8 in [8, 13, 124] {
            a.observe(arrival: at(ms: 0), sequence: 1, timestamp: 0, payloadType: pt, marker: false, clockRate: 0)
        }
        #expect(WiresharkStreamTable.payloadColumn(a, dynamicNames: [:]) == "g711A, CN, RTPType-124")
        #expect(WiresharkPayloadTypes.analysisClockRate(9, dynamicName: nil, signalledRate: 0).clockRate == 8000)  // G.722
        #expect(WiresharkPayloadTypes.analysisClockRate(101, dynamicName: "telephone-event", signalledRate: 8000) == (0, true))
        #expect(WiresharkPayloadTypes.analysisClockRate(96, dynamicName: nil, signalledRate: 0).clockRate == 0)
        #expect(WiresharkPayloadTypes.analysisClockRate(111, dynamicName: "opus", signalledRate: 0).clockRate == 48000)
        #expect(WiresharkPayloadTypes.analysisClockRate(97, dynamicName: "AMR-WB", signalledRate: 0).clockRate == 16000)
    }
}
