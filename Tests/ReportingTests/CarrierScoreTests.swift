import Testing
import WireCore
@testable import Reporting

@Suite struct CarrierScoreTests {
    static func call(_ id: String, peer: String, callee: String, status: Int, state: String = "completed",
                     pdd: Double? = nil, mos: Double? = nil, ringing: Bool = false) -> JSONValue {
        ReportFixture.call(id, [("callee_signalling", .string(peer)), ("caller_signalling", .string("10.0.0.1:5060")),
                                ("callee", .string(callee)), ("final_status", .int(status)), ("state", .string(state)),
                                ("pdd_ms", .number(pdd)), ("mos", .number(mos)),
                                ("ringing_time", ringing ? .string("2026-01-01T00:00:01Z") : .null)])
    }

    @Test func aggregatesAGroup() throws {
        // Carrier 192.0.2.1: 10 attempts: 3 answered (MOS 4.2, 3.5, 3.0; PDD 100, 200, 300, 400 from four calls),
        // 2 busy (486), 1 cancelled after ringing, 1 redirected (302), 3 failed 503 (one still in progress, not an attempt).
        var calls: [JSONValue] = [
            Self.call("a1", peer: "192.0.2.1:5060", callee: "4930123", status: 200, pdd: 100, mos: 4.2),
            Self.call("a2", peer: "192.0.2.1:5060", callee: "4930123", status: 200, pdd: 200, mos: 3.5),
            Self.call("a3", peer: "192.0.2.1:5060", callee: "4930123", status: 200, pdd: 300, mos: 3.0),
            Self.call("b1", peer: "192.0.2.1:5060", callee: "4930123", status: 486, state: "failed", pdd: 400),
            Self.call("b2", peer: "192.0.2.1:5060", callee: "4930123", status: 486, state: "failed"),
            Self.call("c1", peer: "192.0.2.1:5060", callee: "4930123", status: 487, state: "cancelled", ringing: true),
            Self.call("r1", peer: "192.0.2.1:5060", callee: "4930123", status: 302, state: "failed"),
        ]
        for i in 0..<3 { calls.append(Self.call("f\(i)", peer: "192.0.2.1:5060", callee: "4930123", status: 503, state: "failed")) }
        calls.append(Self.call("p", peer: "192.0.2.1:5060", callee: "4930123", status: 100, state: "in_progress"))
        let groups = CarrierScore.score(ReportFixture.report(calls: calls), by: .carrier)
        let g = try #require(groups.first)
        #expect(groups.count == 1 && g.group == "192.0.2.1")
        #expect(g.attempts == 10 && g.answered == 3)
        // ASR 3/10 with Wilson [0.1078, 0.6032].
        #expect(g.asr.ratio == 0.3)
        let ci = try #require(g.asr.wilson())
        #expect(abs(ci.lower - 0.1078) < 1e-4 && abs(ci.upper - 0.6032) < 1e-4)
        // NER: 3 answered + 2 busy + 1 cancelled while ringing = 6/10. SER: 3 / (10 − 1 redirected) = 3/9.
        #expect(g.ner.successes == 6 && g.ner.trials == 10)
        #expect(g.ser.successes == 3 && g.ser.trials == 9)
        // PDD [100, 200, 300, 400]: p50 = 250, p95 = 300 + 0.85·100 = 385.
        #expect(g.pdd.quantile(0.5) == 250)
        #expect(abs((g.pdd.quantile(0.95) ?? 0) - 385) < 1e-9)
        // MOS mean (4.2 + 3.5 + 3.0)/3 = 3.5667; poor (< 3.6) = 2 of 3.
        #expect(abs((g.mos.mean ?? 0) - 3.5666667) < 1e-6)
        #expect(g.poorCalls.successes == 2 && g.poorCalls.trials == 3)
        #expect(g.json["asr_pct"] == .double(30))
        #expect(g.json.objectMembers?.map(\.0).contains("poor_calls_ci_high_pct") == true)
    }

    @Test func smallGroupsDoNotOutrankLargeOnes() {
        // 3/3 answered (Wilson lower 0.4385) vs 2700/3000 (lower ≈ 0.889): the large carrier ranks first.
        var calls = (0..<3).map { Self.call("s\($0)", peer: "198.51.100.1:5060", callee: "1212", status: 200) }
        calls += (0..<3000).map { Self.call("l\($0)", peer: "203.0.113.1:5060", callee: "1212", status: $0 < 2700 ? 200 : 503,
                                              state: $0 < 2700 ? "completed" : "failed") }
        let groups = CarrierScore.score(ReportFixture.report(calls: calls), by: .carrier)
        #expect(groups.map(\.group) == ["203.0.113.1", "198.51.100.1"])
        #expect(abs(groups[1].rankScore - 0.4385) < 1e-4)
    }

    @Test func groupsByDestinationSourceAndCarrierMap() throws {
        #expect(E164Prefixes.group(of: "493012345678") == "+49 Germany")
        #expect(E164Prefixes.group(of: "74951234567") == "+7 Russia / Kazakhstan")
        #expect(E164Prefixes.group(of: "12125550100", areaDigits: 3) == "+1 212 NANP (US, CA, Caribbean)")
        #expect(E164Prefixes.group(of: "35312345") == "+353 Ireland")
        #expect(E164Prefixes.group(of: "2000") == "+20 Egypt")
        #expect(E164Prefixes.group(of: "28999") == "+2 zone 2")
        #expect(E164Prefixes.group(of: "alice") == nil)

        let map = try CarrierMap(csv: """
            prefix,carrier
            # comment
            192.0.2.0/24, Carrier A
            192.0.2.128/25,Carrier A-premium
            2001:db8::/32,Carrier V6
            """)
        #expect(map.carrier(for: try #require(IPAddress("192.0.2.10"))) == "Carrier A")
        #expect(map.carrier(for: try #require(IPAddress("192.0.2.200"))) == "Carrier A-premium")
        #expect(map.carrier(for: try #require(IPAddress("2001:db8::5"))) == "Carrier V6")
        #expect(map.carrier(for: try #require(IPAddress("198.51.100.7"))) == nil)
        #expect(throws: PolicyError.self) { try CarrierMap(csv: "10.0.0.1,a\nnot-an-ip,b") }
        #expect(CarrierMap.host(of: "[2001:db8::1]:5060") == "2001:db8::1")
        #expect(CarrierMap.host(of: "10.0.0.5:5060") == "10.0.0.5")

        let report = try ReportFixture.sample()
        #expect(CarrierScore.score(report, by: .carrier, carriers: map).map(\.group).sorted() == ["198.51.100.7", "Carrier A"])
        #expect(CarrierScore.score(report, by: .destination).map(\.group).sorted() == ["+49 Germany", "+7 Russia / Kazakhstan"])
        #expect(CarrierScore.score(report, by: .source).map(\.group).sorted() == ["10.0.0.5", "10.0.0.6"])
    }
}
