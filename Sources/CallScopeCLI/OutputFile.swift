import Foundation

/// Writes command output to a file, or standard output for `-`.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("\(path): cannot write (\(error.localizedDescription))")
        }
    }
}
