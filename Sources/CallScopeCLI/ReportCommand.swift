import ArgumentParser
import Foundation
import Reporting

/// `callscope report FILE... [--html OUT] [--csv DIR]`: render an existing JSON report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render HTML and/or CSV from reports (.json) written earlier.",
        discussion: """
            Writes one self-contained HTML file (no network access needed to view it) and/or DIR/calls.csv \
            and DIR/streams.csv (JSON names as headers, nested names joined with dots).

            Examples:
              callscope report run.json --html run.html
              callscope report run.json --csv out/
            """)

    @Argument(help: "Reports (.json) or captures.")
    var files: [String]

    @Option(help: "Write the HTML report to this file.")
    var html: String?

    @Option(name: .customLong("detailed-calls"), help: "HTML: at most this many detailed call sections, worst calls first.")
    var detailedCalls: Int = HTMLReport.defaultDetailedCalls

    @Option(help: "Write calls.csv and streams.csv into this directory (created if missing).")
    var csv: String?

    func validate() throws {
        if html == nil && csv == nil { throw ValidationError("nothing to write: give --html FILE and/or --csv DIR") }
        if detailedCalls < 0 { throw ValidationError("--detailed-calls must not be negative") }
    }

    func run() throws {
        let report = try ReportLoader.load(paths: files)
        if let html { try write(HTMLReport.render(report, maxDetailedCalls: detailedCalls), to: html) }
        if let csv {
            do { try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true) } catch {
                throw CommandFailure("\(csv): cannot create directory: \(error.localizedDescription)")
            }
            try write(CSVReport.calls(report), to: (csv as NSString).appendingPathComponent("calls.csv"))
            try write(CSVReport.streams(report), to: (csv as NSString).appendingPathComponent("streams.csv"))
        }
    }

    func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
