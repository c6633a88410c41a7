import ArgumentParser
import CallAnalysis
import PcapIngest
import Reporting

/// `callscope info FILE...`: what is in a capture.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise capture files: format, link types, packets, time span, protocols, skipped packets.",
        discussion: """
            Reads each file in one streaming pass and prints its format, link types, packet and byte counts, \
            first/last timestamps, protocol counts (SIP messages, RTP/RTCP candidates, other UDP, TCP, non-IP), \
            IP fragments reassembled and packets skipped by reason. A file that is not a capture exits with status 2.

            Examples:
              callscope info captures/demo-call.pcap
              callscope info --json day1.pcap day2.pcapng
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @Flag(help: "Print JSON (one object for one file, an array for several) using the report contract's names.")
    var json = false

    func run() throws {
        let infos: [CaptureInfo]
        do {
            infos = try CaptureInfo.read(paths: files)
        } catch {
            throw CommandFailure(error.description)
        }
        if json {
            let value: JSONValue = infos.count == 1 ? infos[0].json : .array(infos.map(\.json))
            print(value.serialized(), terminator: "")
        } else {
            print(infos.map(\.text).joined(separator: "\n\n"))
        }
    }
}
