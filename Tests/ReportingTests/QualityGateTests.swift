import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reporting

@Suite struct QualityGateTests {
    @Test func fixtureAgainstThresholds() throws {
        let report = try ReportFixture.sample()
        // Fixture: s1 MOS 4.4, loss 0; s2 MOS 3.7, loss 3.2 %, jitter 9.5 ms; s3 (unlinked) MOS 4.4;
        // call 1 PDD 800 ms, call 2 PDD null; 1 of 2 calls answered → ASR 50 %.
        let result = QualityGate.evaluate(report, policy: QualityPolicy(minMOS: 3.8, maxLossPct: 3.2, maxJitterMs: 9, maxPDDMs: 799, minASRPct: 50))
        #expect(result.violations.map(\.description) == [
            "call a84b4c76e66710@pc33.example.com: pdd_ms 800 > max 799",
            "call a84b4c76e66710@pc33.example.com stream s2: mos 3.70 < min 3.80",
            "call a84b4c76e66710@pc33.example.com stream s2: max_jitter_ms 9.50 > max 9",
        ])
        #expect(result.asrPct == 50)
        #expect(result.exitCode == 1)
        // Limits equal to the measured value pass (loss 3.2 ≤ 3.2, ASR 50 ≥ 50).
        #expect(QualityGate.evaluate(report, policy: QualityPolicy(maxLossPct: 3.2, minASRPct: 50)).passed)
        #expect(QualityGate.evaluate(report, policy: QualityPolicy(minASRPct: 50.1)).violations.map(\.metric) == ["asr_pct"])
    }

    @Test func nullMetricsAreNotViolations() {
        let report = ReportFixture.report(calls: [ReportFixture.call("c", [("stream_ids", .array([.string("s")]))])],
                                          streams: [ReportFixture.stream("s", callID: "c", [("loss_pct", .null), ("max_jitter_ms", .null)])])
        #expect(QualityGate.evaluate(report, policy: QualityPolicy(minMOS: 4, maxLossPct: 0, maxJitterMs: 0, maxPDDMs: 0)).passed)
    }

    @Test func parsesPolicyFiles() throws {
        let json = try QualityPolicy.parse(#"{"min_mos": 3.6, "max_loss_pct": 2, "max_pdd_ms": null}"#)
        #expect(json == QualityPolicy(minMOS: 3.6, maxLossPct: 2))
        let yaml = try QualityPolicy.parse("""
            # nightly gate
            ---
            min_mos: 3.5   # G.107 'many dissatisfied' below 3.6
            max_jitter_ms: 30
            min_asr_pct: 40
            """)
        #expect(yaml == QualityPolicy(minMOS: 3.5, maxJitterMs: 30, minASRPct: 40))
        #expect(yaml.overridden(by: QualityPolicy(minMOS: 4)) == QualityPolicy(minMOS: 4, maxJitterMs: 30, minASRPct: 40))
        #expect(throws: PolicyError.self) { try QualityPolicy.parse("min_moss: 3") }
        #expect(throws: PolicyError.self) { try QualityPolicy.parse("min_mos: high") }
        #expect(throws: PolicyError.self) { try QualityPolicy.parse(#"{"min_mos": "3"}"#) }
        #expect(throws: PolicyError.self) { try QualityPolicy.parse("{\"min_mos\": 3") }
    }

    @Test func junitIsWellFormedWithOneCasePerCall() throws {
        let hostile = ReportFixture.call("<&\"evil\u{01}'>", [("pdd_ms", .int(5000))])
        let report = ReportFixture.report(calls: [hostile, ReportFixture.call("fine", [("pdd_ms", .int(100))])],
                                          streams: [ReportFixture.stream("orphan", callID: nil, [("loss_pct", .double(7))])])
        let result = QualityGate.evaluate(report, policy: QualityPolicy(maxLossPct: 1, maxPDDMs: 1000))
        let xml = JUnitReport.xml(result)

        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "XML not well-formed: \(String(describing: parser.parserError))")
        // Two calls + one unlinked stream + the ASR case (ASR is computed whenever there are calls).
        #expect(collector.testcases == ["<&\"evil\u{FFFD}'>", "fine", "stream orphan", "answer-seizure ratio"])
        #expect(collector.failures == ["pdd_ms 5000 (max 1000)", "loss_pct 7 (max 1)"])
        #expect(collector.suiteAttributes["tests"] == "4" && collector.suiteAttributes["failures"] == "2")
    }
}

/// Collects test case names and failure messages from JUnit XML.
final class JUnitCollector: NSObject, XMLParserDelegate {
    var testcases: [String] = []
    var failures: [String] = []
    var suiteAttributes: [String: String] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "testcase": testcases.append(attributes["name"] ?? "")
        case "failure": failures.append(attributes["message"] ?? "")
        case "testsuite": suiteAttributes = attributes
        default: break
        }
    }
}
