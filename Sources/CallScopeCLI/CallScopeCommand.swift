import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The `callscope` root command.
public struct CallScopeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "callscope",
        abstract: "Measure VoIP call quality from packet captures (SIP, RTP/RTCP, E-model).",
        discussion: """
            CallScope reads pcap/pcapng captures, rebuilds SIP calls, measures every RTP/RTCP stream \
            (RFC 3550 and Wireshark-compatible figures), scores listening quality with the ITU-T E-model \
            and writes JSON, HTML and CSV reports.

            Example:
              callscope analyze captures/demo-calls.pcap --json reports/demo.json --html reports/demo.html
            """,
        version: "0.1.0",
        subcommands: [
            AnalyzeCommand.self,
            InfoCommand.self,
            CheckCommand.self,
            DiffCommand.self,
            ScoreCommand.self,
            ReportCommand.self,
            SynthCommand.self,
            EModelCommand.self,
            StreamsCommand.self,
            CallsCommand.self,
            FlowCommand.self,
            JitterBufferCommand.self,
            AudioCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line, mapping failures to exit codes: 0 success, 1 a quality gate failed,
    /// 2 a usage or input error (one line on standard error).
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            printError("callscope: \(failure.message)")
            Glibc.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // Usage errors: ArgumentParser's message, but our documented status 2.
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A failure the command reports as one line and a status code.
public struct CommandFailure: Error, Sendable {
    public var message: String
    public var exitCode: Int32
    public init(_ message: String, exitCode: Int32 = 2) { self.message = message; self.exitCode = exitCode }
}

func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    var bytes = Array(line.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}
