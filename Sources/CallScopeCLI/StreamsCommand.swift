import ArgumentParser
import CallAnalysis
import Reporting

/// `callscope streams FILE...`: one row per RTP stream.
struct StreamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streams",
        abstract: "List RTP streams: loss, duplicates, reordering, delta, RFC 3550 jitter, MOS, flags.",
        discussion: """
            One row per stream (source, destination, SSRC), ids s1, s2 … in order of first packet. Loss is RFC 3550 \
            A.3 (negative when duplicates outnumber losses), jitter is A.8 (max/mean of J in ms), MOS the \
            conversational MOS through the reference jitter buffer.

            --wireshark prints exactly the table of `tshark -q -z rtp,streams` (tshark 4.0.17: same columns, \
            rounding, streams newest first) as run with its RTP heuristic on (`-o rtp.heuristic_rtp:TRUE`); add \
            --no-heuristics to compare with tshark's default, SDP-only output. --json prints the report contract's \
            `streams` array.

            Examples:
              callscope streams call.pcap
              callscope streams call.pcap --wireshark
              callscope streams day1.pcap day2.pcap --json
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @OptionGroup var options: AnalysisOptions

    @Flag(help: "Print tshark's `-z rtp,streams` table (Wireshark-compatible figures) instead of ours.")
    var wireshark = false

    @Flag(help: "Print the streams as JSON (the report contract's `streams` array).")
    var json = false

    func validate() throws {
        if wireshark && json { throw ValidationError("Use either --wireshark or --json, not both.") }
    }

    /// The text `run()` prints.
    func render() throws -> String {
        let result = try options.analyse(files)
        if json {
            let document = ReportDocument.build(result, generatorVersion: CallScopeCommand.configuration.version)
            return (document["streams"] ?? .array([])).serialized()
        }
        if wireshark { return StreamTableText.renderWireshark(result) }
        return result.streams.isEmpty ? "No RTP streams." : StreamTableText.render(result)
    }

    func run() throws {
        let text = try render()
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
