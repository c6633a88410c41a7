import ArgumentParser
import Testing
@testable import CallScopeCLI

@Suite struct HelpTests {
    /// Every command is registered and its help shows an example invocation.
    @Test(arguments: ["streams", "calls", "flow", "jitterbuffer", "audio"])
    func helpHasExample(name: String) throws {
        let command = try #require(CallScopeCommand.configuration.subcommands.first { $0.configuration.commandName == name })
        let help = command.helpMessage()
        #expect(help.contains("Example"), "\(name) help has no example")
        #expect(help.contains("callscope \(name) "), "\(name) help shows no invocation")
    }
}
