import Reporting

/// Where commands that evaluate an analysis (check, score, html …) get their report from:
/// a `.json` file written earlier by `callscope analyze --json`, or capture files analysed now.
enum ReportLoader {
    /// Loads one report document for `paths`.
    static func load(paths: [String]) throws -> JSONValue {
        // Captures are analysed by the pipeline once it is wired (CallAnalysis); JSON reports are parsed.
        throw CommandFailure("report loading is not wired yet")
    }
}
