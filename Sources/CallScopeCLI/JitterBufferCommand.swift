import ArgumentParser
import CallAnalysis
import QualityModel
import Reporting

/// `callscope jitterbuffer FILE [--buffer SPEC]... [--stream ID]`: the jitter-buffer what-if table.
struct JitterBufferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jitterbuffer",
        abstract: "Replay streams through simulated jitter buffers: discards, effective loss, delay, R, MOS, MOS-LQ.",
        discussion: """
            Each stream's real arrivals go through every buffer (default: \
            \(JitterBufferSpec.defaultSpecs.joined(separator: ", ")); the reference buffer is marked *). \
            --buffer replaces the set (repeatable; the first is the reference). Spec syntax: \
            fixed:MS (static, anchored on the first packet), fixed-reanchor:MS (re-anchored per talkspurt), \
            neteq[:max=500,min=0,quantile=0.95,bucket=20,forget=0.983], asterisk[:max=200,window=500,drop=3,margin=40], \
            ideal (no late discards); adaptive kinds accept 'continuous'; all accept cap=MS.

            Late = discarded after the playout deadline; overflow = would have waited longer than the capacity; \
            effective loss = (network + late + overflow) / expected; delays are waits of played packets; R and MOS \
            are conversational (mouth-to-ear delay included), MOS-LQ listening-only.

            Examples:
              callscope jitterbuffer call.pcap
              callscope jitterbuffer call.pcap --stream s2 --buffer fixed:60 --buffer neteq:max=300 --buffer ideal
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @Option(help: ArgumentHelp("Only this stream (id from `callscope streams`, e.g. s2).", valueName: "id"))
    var stream: String?

    @OptionGroup var options: AnalysisOptions

    /// The text `run()` prints.
    func render() throws -> String {
        let result = try options.analyse(files)
        let streams = try stream.map { [try StreamSelection.stream($0, in: result)] } ?? result.streams
        return streams.isEmpty ? "No RTP streams." : JitterBufferTableText.render(result, streams: streams)
    }

    func run() throws { print(try render()) }
}
