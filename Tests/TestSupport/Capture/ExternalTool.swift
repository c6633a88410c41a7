import Foundation

/// Runs installed command-line tools (tshark, capinfos) from tests to cross-check what the writers produce.
public enum ExternalTool {
    /// The absolute path of `name` found on PATH, or nil when it is not installed.
    public static func path(of name: String) -> String? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// True when `name` is on PATH (use with `@Test(.enabled(if:))`).
    public static func isAvailable(_ name: String) -> Bool { path(of: name) != nil }

    /// Runs `name` with `arguments` and returns its standard output and exit status (nil when not installed).
    public static func run(_ name: String, _ arguments: [String]) throws -> (output: String, status: Int32)? {
        guard let executable = path(of: name) else { return nil }
        return try run(executable: executable, arguments)
    }

    /// Runs the program at `executable` with `arguments`; standard error is discarded.
    public static func run(executable: String, _ arguments: [String]) throws -> (output: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
