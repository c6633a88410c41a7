import ArgumentParser
import Foundation
import Reporting

/// `callscope score FILE... --by carrier|destination|source`: carrier-scoring input.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Aggregate calls per carrier, destination or source with confidence intervals.",
        discussion: """
            Per group: attempts, ASR (E.411), NER (E.425), SER (RFC 6076), PDD median/p95, answer time, \
            MOS mean/p5, loss and jitter percentiles, share of poor calls (MOS < 3.6), with 95 % Wilson \
            intervals for ratios. Groups are ranked by the lower bound of the ASR interval, so a carrier \
            with 3 calls does not outrank one with 3000 on luck.
            Carrier = the callee signalling address, or its name from --carriers (CSV 'address-or-CIDR,name', \
            longest prefix wins). Destination = E.164 country code of the callee (longest match; --area-digits \
            adds that many digits after it). Source = the caller signalling address.

            Examples:
              callscope score day.json --by carrier --carriers carriers.csv
              callscope score day.json --by destination --area-digits 3 --format csv
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Argument(help: "Reports (.json) or captures.")
    var files: [String]

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Group by: carrier, destination or source.")
    var by: CarrierScore.Grouping = .carrier

    @Option(help: "CSV map from signalling address or CIDR prefix to carrier name.")
    var carriers: String?

    @Option(name: .customLong("area-digits"), help: "For --by destination: digits after the country code to group by.")
    var areaDigits: Int = 0

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    func validate() throws {
        if !(0...6).contains(areaDigits) { throw ValidationError("--area-digits must be between 0 and 6") }
    }

    func groups() throws -> [GroupScore] {
        var map = CarrierMap()
        if let carriers {
            guard let text = try? String(contentsOfFile: carriers, encoding: .utf8) else {
                throw CommandFailure("\(carriers): cannot read carrier map")
            }
            do { map = try CarrierMap(csv: text) } catch { throw CommandFailure("\(carriers): \(error)") }
        }
        let report = try ReportLoader.load(paths: files, options: analysis)
        return CarrierScore.score(report, by: by, carriers: map, areaDigits: areaDigits)
    }

    func output() throws -> String {
        let groups = try groups()
        switch format {
        case .table: return CarrierScore.table(groups)
        case .csv: return CSVReport.table(groups.map(\.json))
        case .json: return JSONValue.array(groups.map(\.json)).serialized()
        }
    }

    func run() throws { print(try output(), terminator: "") }
}

extension CarrierScore.Grouping: ExpressibleByArgument {}
