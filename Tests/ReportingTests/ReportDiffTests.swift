import Testing
@testable import Reporting

@Suite struct ReportDiffTests {
    /// A report of calls with the given PDDs (all answered) and one stream per call with the given MOS, loss, jitter.
    static func report(pdd: [Double], mos: [Double], loss: [Double], jitter: [Double], failedCalls: Int = 0) -> JSONValue {
        var calls: [JSONValue] = []
        var streams: [JSONValue] = []
        for i in pdd.indices {
            calls.append(ReportFixture.call("c\(i)", [("pdd_ms", .double(pdd[i])), ("stream_ids", .array([.string("s\(i)")]))]))
            streams.append(ReportFixture.stream("s\(i)", callID: "c\(i)", [
                ("quality", .object([("mos", .double(mos[i]))])), ("loss_pct", .double(loss[i])), ("max_jitter_ms", .double(jitter[i]))]))
        }
        for i in 0..<failedCalls {
            calls.append(ReportFixture.call("f\(i)", [("state", .string("failed")), ("final_status", .int(503))]))
        }
        return ReportFixture.report(calls: calls, streams: streams)
    }

    @Test func detectsDirectionsAndRegressions() throws {
        let before = Self.report(pdd: [1000, 2000], mos: [4.2, 4.0], loss: [0, 1], jitter: [5, 15])
        // After: PDD mean 1500 → 2250 (+750 > 500: regressed); MOS mean 4.1 → 4.15 (better);
        // loss mean 0.5 → 0.8 (+0.3 ≤ 0.5) but p95 0.95 → 0.95·1.6 = 1.52 (+0.57 > 0.5: regressed by the tail);
        // jitter mean 10 → 10 (unchanged); ASR 100 % → 2/3 = 66.7 % (−33.3 > 5: regressed).
        let after = Self.report(pdd: [1500, 3000], mos: [4.3, 4.0], loss: [0, 1.6], jitter: [10, 10], failedCalls: 1)
        let shifts = Dictionary(uniqueKeysWithValues: ReportDiff.compare(baseline: before, candidate: after).map { ($0.metric, $0) })
        let pdd = try #require(shifts["pdd"])
        #expect(pdd.before.mean == 1500 && pdd.after.mean == 2250 && pdd.direction == .worse && pdd.regressed)
        let mos = try #require(shifts["mos"])
        #expect(mos.direction == .better && !mos.regressed)
        let loss = try #require(shifts["loss"])
        #expect(abs((loss.before.p95 ?? 0) - 0.95) < 1e-9 && abs((loss.after.p95 ?? 0) - 1.52) < 1e-9)
        #expect(abs((loss.after.mean ?? 0) - 0.8) < 1e-9 && loss.direction == .worse)
        #expect(loss.regressed)
        let jitter = try #require(shifts["jitter"])
        #expect(jitter.direction == .unchanged && !jitter.regressed)
        let asr = try #require(shifts["asr"])
        #expect(asr.before.count == 2 && asr.after.count == 3)
        #expect(asr.direction == .worse && asr.regressed)
        // A generous tolerance turns the PDD regression off.
        let tolerant = ReportDiff.compare(baseline: before, candidate: after, tolerances: ["pdd": 2000])
        #expect(tolerant.first { $0.metric == "pdd" }?.regressed == false)
    }

    @Test func identicalReportsDoNotRegress() throws {
        let fixture = try ReportFixture.sample()
        let shifts = ReportDiff.compare(baseline: fixture, candidate: fixture)
        #expect(shifts.map(\.metric) == ["mos", "loss", "jitter", "pdd", "asr"])
        #expect(shifts.allSatisfy { !$0.regressed && $0.direction == .unchanged })
        // Empty candidate: nothing to compare, unknown direction, no regression.
        let empty = ReportDiff.compare(baseline: fixture, candidate: ReportFixture.report(calls: []))
        #expect(empty.allSatisfy { $0.direction == .unknown && !$0.regressed })
    }
}
