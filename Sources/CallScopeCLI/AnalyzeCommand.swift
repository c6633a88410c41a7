import ArgumentParser
import CallAnalysis
import QualityModel
import SIPKit
import Reporting

/// Options shared by every command that analyses captures.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .customLong("buffer"),
            help: ArgumentHelp("Jitter buffer to simulate (repeatable; replaces the default set). Syntax: fixed:MS, fixed-reanchor:MS, neteq[:max=500,…], asterisk[:max=…], ideal.",
                               valueName: "spec"))
    var buffers: [String] = []

    @Option(help: "Country code assumed for national numbers when normalising to E.164 (e.g. 7 turns 8XXXXXXXXXX into 7XXXXXXXXXX).")
    var defaultCountryCode: String?

    @Option(help: "National trunk prefix replaced by the default country code (default: 8 for country 7, 1 for country 1, else 0).")
    var nationalPrefix: String?

    @Option(help: "One-way network delay in ms assumed when RTCP gives no round-trip time.")
    var assumedDelay: Double = QualityAssessment.defaultAssumedNetworkDelayMs

    @Flag(help: "Do not look for RTP streams that SDP did not announce.")
    var noHeuristics = false

    @Option(help: ArgumentHelp(
        "Analyse up to N files at once, each as an INDEPENDENT capture, then merge the results (calls by INVITE time, streams renumbered by first packet). A call or stream split across rotated files is then counted as two halves: keep the default 1 (one merged pass in timestamp order) for rotated captures of one trunk.",
        valueName: "N"))
    var jobs = 1

    /// Checks the options while parsing, so a bad `--buffer` or `--jobs` is reported with the subcommand's usage.
    func validate() throws { _ = try configuration() }

    func configuration() throws -> AnalyzerConfiguration {
        var configuration = AnalyzerConfiguration()
        if !buffers.isEmpty {
            var specs: [JitterBufferSpec] = []
            for text in buffers {
                do { specs.append(try JitterBufferSpec(parsing: text)) } catch { throw ValidationError(error.description) }
            }
            configuration.useJitterBuffers(specs)
        }
        if defaultCountryCode != nil || nationalPrefix != nil {
            configuration.numbers = E164Normalizer(defaultCountryCode: defaultCountryCode, nationalPrefix: nationalPrefix)
        }
        configuration.assumedNetworkDelayMs = assumedDelay
        configuration.heuristicRTP = !noHeuristics
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        return configuration
    }

    /// Analyses `files`, turning capture errors into the one-line status-2 failure.
    func analyse(_ files: [String], progress: ((Int, Int) -> Void)? = nil) throws -> AnalysisResult {
        let configuration = try configuration()
        do {
            if jobs > 1 && files.count > 1 {
                return try ParallelCaptureAnalysis.run(paths: files, configuration: configuration, jobs: jobs, progress: progress)
            }
            return try CaptureAnalysis.run(paths: files, configuration: configuration, progress: progress)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// `callscope analyze`: the main job.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse captures: calls, streams, quality; write JSON, HTML and CSV reports.",
        discussion: """
            Reads the files in one streaming pass (several files are merged in timestamp order), rebuilds SIP \
            calls, measures every RTP stream (RFC 3550 and tshark-compatible figures), scores each stream with \
            the ITU-T E-model through the simulated jitter buffers, and prints a short summary.

            Examples:
              callscope analyze captures/demo-calls.pcap --json reports/demo.json --html reports/demo.html --csv reports
              callscope analyze day.pcap --buffer fixed:60 --buffer neteq:max=300 --json -
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @OptionGroup var options: AnalysisOptions

    @Option(help: ArgumentHelp("Write the JSON report here ('-' for standard output).", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write the self-contained HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write calls.csv and streams.csv into this folder.", valueName: "dir"))
    var csv: String?

    @Flag(help: "No summary or progress output.")
    var quiet = false

    func run() throws {
        let progress = ProgressReporter(files: files, quiet: quiet)
        let result = try options.analyse(files) { packets, bytes in progress.update(packets: packets, bytes: bytes) }
        progress.finish()
        let version = CallScopeCommand.configuration.version
        if let json {
            // Streamed: the document of a busy capture is never held whole (see ReportDocument.write).
            try OutputFile.write(to: json) { emit in try ReportDocument.write(result, generatorVersion: version, to: emit) }
        }
        if html != nil || csv != nil {
            let document = ReportDocument.build(result, generatorVersion: version)
            if let html {
                try OutputFile.write(HTMLReport.render(document), to: html)
            }
            if let csv {
                try OutputFile.write(CSVReport.calls(document), to: csv + "/calls.csv")
                try OutputFile.write(CSVReport.streams(document), to: csv + "/streams.csv")
            }
        }
        if !quiet && json != "-" { print(TerminalSummary.render(result)) }
    }
}
