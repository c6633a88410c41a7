import Foundation
import Reporting

/// Where commands that evaluate an analysis (check, score, diff, report …) get their report from:
/// a `.json` file written earlier by `callscope analyze --json`, or capture files analysed now.
enum ReportLoader {
    /// Loads one report document for `paths`. When every path ends in `.json`, each is parsed and several
    /// reports are merged: the first document's members, with `captures`, `calls`, `streams` and `diagnostics`
    /// concatenated in argument order. Report-wide aggregates (`signalling`) are the first report's only.
    /// Otherwise the paths are capture files, analysed now as one capture with `options` (defaults when nil).
    static func load(paths: [String], options: AnalysisOptions? = nil) throws -> JSONValue {
        guard !paths.isEmpty else { throw CommandFailure("no input files given") }
        let jsonPaths = paths.filter { $0.lowercased().hasSuffix(".json") }
        if jsonPaths.count == paths.count {
            return try merge(paths.map(parse(path:)))
        }
        guard jsonPaths.isEmpty else {
            throw CommandFailure("give either JSON reports or capture files, not both (\(jsonPaths[0]) is a report)")
        }
        let analysis = try options ?? AnalysisOptions.parse([])
        let result = try analysis.analyse(paths)
        return ReportDocument.build(result, generatorVersion: CallScopeCommand.configuration.version)
    }

    static func parse(path: String) throws -> JSONValue {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure("\(path): cannot read: \(error.localizedDescription)")
        }
        let document: JSONValue
        do { document = try JSONValue.parse(bytes: Array(data)) } catch {
            throw CommandFailure("\(path): \(error)")
        }
        guard document.objectMembers != nil, document.value(at: "calls")?.arrayValue != nil,
              document.value(at: "streams")?.arrayValue != nil else {
            throw CommandFailure("\(path): not a CallScope report (expected an object with \"calls\" and \"streams\" arrays)")
        }
        if let schema = document.string(at: "schema"), schema != "callscope.report/1" {
            throw CommandFailure("\(path): unsupported report schema '\(schema)' (this version reads callscope.report/1)")
        }
        return document
    }

    static let mergedArrays = ["captures", "calls", "streams", "diagnostics"]

    static func merge(_ documents: [JSONValue]) throws -> JSONValue {
        guard var merged = documents.first else { throw CommandFailure("no input files given") }
        for document in documents.dropFirst() {
            for key in mergedArrays {
                merged = merged.setting(key, to: .array(merged.array(at: key) + document.array(at: key)))
            }
        }
        return merged
    }
}
