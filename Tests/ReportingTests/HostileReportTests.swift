import Testing
@testable import Reporting

/// Reports come from captures (hostile input) or from files users edit: every renderer and evaluator must
/// survive any well-formed JSON with wrong types or extreme values, without trapping.
@Suite struct HostileReportTests {
    /// Replaces every number in `value` using `transform`, leaving structure and strings.
    static func mapNumbers(_ value: JSONValue, _ transform: (Double) -> JSONValue) -> JSONValue {
        switch value {
        case .int(let i): return transform(Double(i))
        case .double(let d): return transform(d)
        case .array(let items): return .array(items.map { mapNumbers($0, transform) })
        case .object(let members): return .object(members.map { ($0.0, mapNumbers($0.1, transform)) })
        default: return value
        }
    }

    /// Replaces every string in `value`.
    static func mapStrings(_ value: JSONValue, _ transform: (String) -> JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return transform(s)
        case .array(let items): return .array(items.map { mapStrings($0, transform) })
        case .object(let members): return .object(members.map { ($0.0, mapStrings($0.1, transform)) })
        default: return value
        }
    }

    @Test(arguments: ["huge", "negative", "null", "string", "zero", "garbage-times", "empty-objects"])
    func everyConsumerSurvives(mutation: String) throws {
        let fixture = try ReportFixture.sample()
        let report: JSONValue = switch mutation {
        case "huge": Self.mapNumbers(fixture) { _ in .double(1.7e308) }
        case "negative": Self.mapNumbers(fixture) { .double(-abs($0) - 1e18) }
        case "null": Self.mapNumbers(fixture) { _ in .null }
        case "string": Self.mapNumbers(fixture) { .string("\($0)<b>") }
        case "zero": Self.mapNumbers(fixture) { _ in .int(0) }
        case "garbage-times": Self.mapStrings(fixture) { _ in .string("9999-12-31T23:59:60.99999999999Z") }
        default: Self.mapStrings(fixture) { _ in .object([]) }
        }
        let html = HTMLReport.render(report)
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("<b>"))
        _ = CSVReport.calls(report) + CSVReport.streams(report)
        let policy = QualityPolicy(minMOS: 3, maxLossPct: 1, maxJitterMs: 10, maxPDDMs: 100, minASRPct: 50)
        _ = JUnitReport.xml(QualityGate.evaluate(report, policy: policy))
        _ = ReportDiff.table(ReportDiff.compare(baseline: fixture, candidate: report))
        for grouping in CarrierScore.Grouping.allCases { _ = CarrierScore.table(CarrierScore.score(report, by: grouping)) }
    }

    @Test func nonReportDocumentsRenderEmpty() {
        for document: JSONValue in [.null, .array([]), .string("x"), .object([("calls", .string("no"))])] {
            #expect(HTMLReport.render(document).contains("No calls."))
            #expect(CSVReport.calls(document) == "\r\n")
            #expect(QualityGate.evaluate(document, policy: QualityPolicy(minMOS: 4)).passed)
        }
    }
}
