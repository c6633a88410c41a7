import ArgumentParser
import CallAnalysis
import SIPKit

/// `callscope flow FILE --call CALL-ID`: a call's SIP ladder diagram.
struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Draw a call's SIP messages as a text ladder between the hosts involved.",
        discussion: """
            One column per host (address:port, in order of first appearance), one line per message with its time \
            relative to the call's first message; retransmissions are marked [retrans]. Call-IDs are listed by \
            `callscope calls`.

            Example:
              callscope flow call.pcap --call a84b4c76e66710@pc33.example.com
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @Option(name: .customLong("call"), help: ArgumentHelp("Call-ID of the call to draw.", valueName: "call-id"))
    var callID: String

    @OptionGroup var options: AnalysisOptions

    /// The text `run()` prints: the ladder of every dialog set with this Call-ID (normally one).
    func render() throws -> String {
        let result = try options.analyse(files)
        let calls = result.sip.calls.filter { $0.callID == callID }
        guard !calls.isEmpty else { throw CommandFailure(Self.unknownCallMessage(callID, result.sip.calls)) }
        let renderer = LadderRenderer()
        return calls.map { renderer.render($0) }.joined(separator: "\n")
    }

    static func unknownCallMessage(_ callID: String, _ calls: [CallRecord]) -> String {
        guard !calls.isEmpty else { return "no call with Call-ID '\(callID)': the capture contains no SIP call" }
        let known = calls.prefix(5).map { "'\($0.callID)'" }.joined(separator: ", ")
        let more = calls.count > 5 ? ", … (\(calls.count) in all; see `callscope calls`)" : ""
        return "no call with Call-ID '\(callID)'; known: \(known)\(more)"
    }

    func run() throws {
        let text = try render()
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
