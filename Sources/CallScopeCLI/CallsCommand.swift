import ArgumentParser
import CallAnalysis
import Reporting

/// `callscope calls FILE...`: one row per SIP call.
struct CallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "List SIP calls: start, caller → callee, state, final code, PDD, answer time, duration, streams, MOS.",
        discussion: """
            One row per call (INVITE dialog set) in order of first INVITE. PDD (first INVITE → first 180/183), \
            answer time (→ 200) and duration (200 → BYE, RFC 6076 SDT) are measured from the attempt's first INVITE; \
            "-" means the event was not captured. MOS is the worst direction's conversational MOS. The last column \
            is the full Call-ID, for `callscope flow --call`.

            Examples:
              callscope calls trunk.pcap
              callscope calls trunk.pcap --default-country-code 7
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @OptionGroup var options: AnalysisOptions

    /// The text `run()` prints.
    func render() throws -> String {
        let result = try options.analyse(files)
        return result.sip.calls.isEmpty ? "No SIP calls." : CallTableText.render(result)
    }

    func run() throws { print(try render()) }
}
