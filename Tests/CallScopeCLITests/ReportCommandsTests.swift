import Foundation
import Testing
import Reporting
@testable import CallScopeCLI

/// check / diff / score / report run in-process on the Reporting fixture and on files written here.
@Suite struct ReportCommandsTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ReportingTests/Fixtures/sample-report.json").path

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The exit status `main()` would use for an error thrown by `evaluate()`/`run()`.
    static func exitCode(_ body: () throws -> Void) -> Int32 {
        do { try body(); return 0 } catch let failure as CommandFailure { return failure.exitCode } catch { return -1 }
    }

    @Test func checkExitCodes() throws {
        // Fixture: s2 MOS 3.7, loss 3.2 %; call 1 PDD 800 ms; ASR 50 %.
        #expect(try CheckCommand.parse([Self.fixture, "--min-mos", "3.6", "--max-loss", "5"]).evaluate().exitCode == 0)
        let failing = try CheckCommand.parse([Self.fixture, "--min-mos", "3.8", "--max-pdd", "500"]).evaluate()
        #expect(failing.exitCode == 1)
        #expect(failing.violations.map(\.metric) == ["pdd_ms", "mos"])
        #expect(Self.exitCode { try CheckCommand.parse([Self.fixture, "--max-loss", "1"]).run() } == 1)
        // Input and usage errors → 2.
        #expect(Self.exitCode { _ = try CheckCommand.parse([Self.fixture]).evaluate() } == 2)
        #expect(Self.exitCode { _ = try CheckCommand.parse(["/nonexistent/report.json", "--min-mos", "3"]).evaluate() } == 2)
        #expect(Self.exitCode { _ = try CheckCommand.parse([Self.fixture, "--policy", "/nonexistent.yaml"]).evaluate() } == 2)
        #expect(throws: (any Error).self) { try CheckCommand.parse([Self.fixture, "--min-mos", "7"]) }
        #expect(throws: (any Error).self) { try CheckCommand.parse([Self.fixture, "--max-loss", "lots"]) }
    }

    @Test func checkWithPolicyFileAndJUnit() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.yaml")
        try "min_asr_pct: 60\nmax_loss_pct: 10\n".write(to: policy, atomically: true, encoding: .utf8)
        let junit = directory.appendingPathComponent("out.xml")
        // The flag overrides the file's max_loss_pct 10 → 3; ASR 50 < 60 from the file.
        let result = try CheckCommand.parse([Self.fixture, "--policy", policy.path, "--max-loss", "3", "--junit", junit.path]).evaluate()
        #expect(result.violations.map(\.metric) == ["loss_pct", "asr_pct"])
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 4)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 2)

        try "min_mos: 3.6\nmax_los: 3\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(Self.exitCode { _ = try CheckCommand.parse([Self.fixture, "--policy", policy.path]).evaluate() } == 2)
    }

    @Test func loaderMergesReportsAndRejectsBadInput() throws {
        let merged = try ReportLoader.load(paths: [Self.fixture, Self.fixture])
        #expect(merged.array(at: "calls").count == 4 && merged.array(at: "streams").count == 6)
        #expect(merged.array(at: "captures").count == 2)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.json")
        try "{\"calls\": [,]}".write(to: broken, atomically: true, encoding: .utf8)
        #expect {
            try ReportLoader.load(paths: [broken.path])
        } throws: { ($0 as? CommandFailure)?.message.contains("line 1, column 12") == true }
        let other = directory.appendingPathComponent("other.json")
        try "{\"schema\": \"callscope.report/1\", \"calls\": {}}".write(to: other, atomically: true, encoding: .utf8)
        #expect(throws: CommandFailure.self) { try ReportLoader.load(paths: [other.path]) }
        // Capture paths are analysed: a missing capture is the one-line status-2 failure naming it.
        #expect {
            try ReportLoader.load(paths: ["capture.pcap"])
        } throws: { failure in
            guard let failure = failure as? CommandFailure else { return false }
            return failure.message == "capture.pcap: no such file" && failure.exitCode == 2
        }
        #expect {
            try ReportLoader.load(paths: ["capture.pcap", broken.path])
        } throws: { ($0 as? CommandFailure)?.message.contains("not both") == true }
    }

    @Test func diffExitCodes() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Candidate: the fixture with call 1's PDD raised 800 → 2000 ms (+1200 > 500 default tolerance).
        let fixture = try JSONValue.parse(String(contentsOfFile: Self.fixture, encoding: .utf8))
        var calls = fixture.array(at: "calls")
        calls[0] = calls[0].setting("pdd_ms", to: .int(2000))
        let candidate = directory.appendingPathComponent("candidate.json")
        try fixture.setting("calls", to: .array(calls)).serialized().write(to: candidate, atomically: true, encoding: .utf8)

        #expect(Self.exitCode { try DiffCommand.parse([Self.fixture, Self.fixture]).run() } == 0)
        #expect(Self.exitCode { try DiffCommand.parse([Self.fixture, candidate.path]).run() } == 1)
        let shifts = try DiffCommand.parse([Self.fixture, candidate.path, "--tolerance", "pdd=1500"]).shifts()
        #expect(shifts.first { $0.metric == "pdd" }.map { $0.direction == .worse && !$0.regressed } == true)
        // Reversed, the change is an improvement.
        #expect(Self.exitCode { try DiffCommand.parse([candidate.path, Self.fixture]).run() } == 0)
        #expect(throws: (any Error).self) { try DiffCommand.parse([Self.fixture, Self.fixture, "--tolerance", "mood=1"]) }
        #expect(Self.exitCode { try DiffCommand.parse([Self.fixture, "/nonexistent.json"]).run() } == 2)
    }

    @Test func scoreFormats() throws {
        let json = try JSONValue.parse(try ScoreCommand.parse([Self.fixture, "--by", "destination", "--format", "json"]).output())
        let groups = try #require(json.arrayValue)
        // +49: 1 answered of 1 (Wilson lower 1/(1 + 3.8415) = 0.2065); +7: 0 of 1 (lower 0) → +49 first.
        #expect(groups.map { $0.string(at: "group") } == ["+49 Germany", "+7 Russia / Kazakhstan"])
        #expect(groups[0].double(at: "asr_pct") == 100)
        #expect(abs((groups[0].double(at: "asr_ci_low_pct") ?? 0) - 20.65) < 0.01)
        #expect(groups[1].value(at: "mos_mean")?.isNull == true)

        let csv = try ScoreCommand.parse([Self.fixture, "--format", "csv"]).output()
        #expect(csv.hasPrefix("group,attempts,answered,asr_pct,"))
        #expect(csv.components(separatedBy: "\r\n").count == 4)
        let table = try ScoreCommand.parse([Self.fixture]).output()
        #expect(table.contains("192.0.2.10") && table.contains("ASR % [95% CI]"))
        #expect(throws: (any Error).self) { try ScoreCommand.parse([Self.fixture, "--by", "planet"]) }
    }

    @Test func reportWritesHTMLAndCSV() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = directory.appendingPathComponent("r.html").path
        let csv = directory.appendingPathComponent("csv").path
        try ReportCommand.parse([Self.fixture, "--html", html, "--csv", csv]).run()
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("id=\"call-table\""))
        #expect(try String(contentsOfFile: csv + "/calls.csv", encoding: .utf8).hasPrefix("call_id,"))
        #expect(try String(contentsOfFile: csv + "/streams.csv", encoding: .utf8).hasPrefix("id,call_id,"))
        #expect(throws: (any Error).self) { try ReportCommand.parse([Self.fixture]) }
    }
}
