import ArgumentParser
@testable import CallScopeCLI
import Testing

/// Bad analysis options are rejected while parsing (so the user sees the subcommand's usage and status 2),
/// and good ones reach the analyzer's configuration.
@Suite struct AnalysisOptionsTests {
    @Test(arguments: [["--buffer", "bogus:1"], ["--buffer", "fixed:"], ["--jobs", "0"]])
    func badOptionsFailAtParseTime(arguments: [String]) {
        #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["capture.pcap"] + arguments) }
    }

    @Test func buffersReplaceTheDefaultSetInOrder() throws {
        let command = try AnalyzeCommand.parse(["capture.pcap", "--buffer", "fixed:60", "--buffer", "neteq:max=300",
                                                "--default-country-code", "7"])
        let configuration = try command.options.configuration()
        #expect(configuration.jitterBuffers.map(\.text) == ["fixed:60", "neteq:max=300"])
        #expect(configuration.referenceBufferIndex == 0)
        #expect(configuration.numbers.normalize("89161234567") == "79161234567")
    }
}
