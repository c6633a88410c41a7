import ArgumentParser
import Reporting

/// `callscope diff BASELINE.json CANDIDATE.json`: regression between two runs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two reports metric by metric and fail on a regression.",
        discussion: """
            Prints, for stream MOS, stream loss %, stream max jitter (ms), call PDD (ms) and ASR (%), the count, \
            mean, p50 and p95 before and after, the direction of change and whether it regressed: the mean \
            worsened by more than the tolerance (for loss, jitter and PDD also the p95). \
            Default tolerances: mos=0.1 loss=0.5 jitter=5 pdd=500 asr=5 (in the metric's unit).

            Exit status: 0 no regression, 1 a metric regressed, 2 usage or input error.

            Examples:
              callscope diff before.json after.json
              callscope diff before.json after.json --tolerance mos=0.05 --tolerance pdd=200 --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "The baseline report (.json).")
    var baseline: String

    @Argument(help: "The candidate report (.json).")
    var candidate: String

    @Option(name: .customLong("tolerance"), help: "metric=value, repeatable; metrics: mos, loss, jitter, pdd, asr.")
    var tolerances: [String] = []

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func parsedTolerances() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for item in tolerances {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ReportDiff.metrics.contains(parts[0]), let value = Double(parts[1]), value >= 0, value.isFinite else {
                throw ValidationError("--tolerance '\(item)': expected metric=value with metric one of \(ReportDiff.metrics.joined(separator: ", ")) and a non-negative number")
            }
            result[parts[0]] = value
        }
        return result
    }

    func validate() throws { _ = try parsedTolerances() }

    /// Loads both reports and compares them.
    func shifts() throws -> [MetricShift] {
        let before = try ReportLoader.load(paths: [baseline])
        let after = try ReportLoader.load(paths: [candidate])
        return ReportDiff.compare(baseline: before, candidate: after, tolerances: try parsedTolerances())
    }

    func run() throws {
        let shifts = try shifts()
        switch format {
        case .table: print(ReportDiff.table(shifts), terminator: "")
        case .json: print(ReportDiff.json(shifts).serialized(), terminator: "")
        }
        let regressed = shifts.filter(\.regressed).map(\.metric)
        if !regressed.isEmpty {
            throw CommandFailure("regression in \(regressed.joined(separator: ", "))", exitCode: 1)
        }
    }
}
