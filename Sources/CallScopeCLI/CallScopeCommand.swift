import ArgumentParser

/// The `callscope` root command.
public struct CallScopeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "callscope",
        abstract: "Measure VoIP call quality from packet captures (SIP, RTP/RTCP, E-model).",
        version: "0.1.0",
        subcommands: [EModelCommand.self]
    )
    public init() {}
}
