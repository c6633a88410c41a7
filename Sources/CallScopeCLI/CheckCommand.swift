import ArgumentParser
import Foundation
import Reporting

/// `callscope check FILE...`: the CI quality gate.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail when calls or streams break quality thresholds (CI gate).",
        discussion: """
            Evaluates every stream (MOS, loss %, RFC 3550 jitter), every call (post-dial delay) and the \
            answer-seizure ratio over all calls against thresholds from flags and/or a policy file \
            (JSON {"min_mos": 3.6, ...} or flat YAML 'min_mos: 3.6'; flags override the file). \
            Metrics the report holds as null (not measurable) are not violations. Prints one line per violation.

            Exit status: 0 all pass, 1 any violation, 2 usage or input error.

            Examples:
              callscope check report.json --min-mos 3.6 --max-loss 2 --junit quality.xml
              callscope check night1.json night2.json --policy quality-policy.yaml
            """)

    @Argument(help: "Reports (.json from 'callscope analyze --json') or captures.")
    var files: [String]

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Policy file (JSON or flat YAML) with min_mos, max_loss_pct, max_jitter_ms, max_pdd_ms, min_asr_pct.")
    var policy: String?

    @Option(name: .customLong("min-mos"), help: "Lowest acceptable stream MOS (1–5).")
    var minMOS: Double?

    @Option(name: .customLong("max-loss"), help: "Highest acceptable stream loss, percent.")
    var maxLoss: Double?

    @Option(name: .customLong("max-jitter"), help: "Highest acceptable stream RFC 3550 jitter, ms.")
    var maxJitter: Double?

    @Option(name: .customLong("max-pdd"), help: "Highest acceptable post-dial delay, ms.")
    var maxPDD: Double?

    @Option(name: .customLong("min-asr"), help: "Lowest acceptable answer-seizure ratio over all calls, percent.")
    var minASR: Double?

    @Option(help: "Write JUnit XML (one test case per call) to this file.")
    var junit: String?

    func validate() throws {
        if let minMOS, !(1...5).contains(minMOS) { throw ValidationError("--min-mos must be between 1 and 5") }
        for (name, value) in [("--max-loss", maxLoss), ("--min-asr", minASR)] {
            if let value, !(0...100).contains(value) { throw ValidationError("\(name) is a percentage (0–100)") }
        }
        for (name, value) in [("--max-jitter", maxJitter), ("--max-pdd", maxPDD)] {
            if let value, value < 0 { throw ValidationError("\(name) must not be negative") }
        }
    }

    /// The thresholds in force: the policy file's, overridden by flags.
    func effectivePolicy() throws -> QualityPolicy {
        var base = QualityPolicy()
        if let policy {
            guard let text = try? String(contentsOfFile: policy, encoding: .utf8) else {
                throw CommandFailure("\(policy): cannot read policy file")
            }
            do { base = try QualityPolicy.parse(text) } catch { throw CommandFailure("\(policy): \(error)") }
        }
        let flags = QualityPolicy(minMOS: minMOS, maxLossPct: maxLoss, maxJitterMs: maxJitter, maxPDDMs: maxPDD, minASRPct: minASR)
        let effective = base.overridden(by: flags)
        guard !effective.isEmpty else {
            throw CommandFailure("no thresholds given: use --min-mos, --max-loss, --max-jitter, --max-pdd, --min-asr or --policy")
        }
        return effective
    }

    /// Loads, evaluates and writes the JUnit file; returns the result (exit code in `exitCode`).
    func evaluate() throws -> GateResult {
        let policy = try effectivePolicy()
        let report = try ReportLoader.load(paths: files, options: analysis)
        let result = QualityGate.evaluate(report, policy: policy)
        if let junit {
            do { try JUnitReport.xml(result).write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("\(junit): cannot write JUnit XML: \(error.localizedDescription)")
            }
        }
        return result
    }

    func run() throws {
        let result = try evaluate()
        for violation in result.violations { print(violation.description) }
        let evaluated = result.subjects.count
        if result.passed {
            print("check passed: \(evaluated) call\(evaluated == 1 ? "" : "s")/streams evaluated, no violations")
        } else {
            throw CommandFailure("\(result.violations.count) quality violation\(result.violations.count == 1 ? "" : "s")", exitCode: 1)
        }
    }
}
