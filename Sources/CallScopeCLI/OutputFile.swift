import Foundation

/// Writes command output to a file, or standard output for `-`.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { emit in try emit(Array(text.utf8)) }
    }

    /// Writes UTF-8 text produced in pieces: `produce` calls `emit` with each piece in order. A file is written
    /// under a temporary name beside it and renamed into place at the end, so readers never see a half-written
    /// report and a failed run leaves the previous file intact. Standard output gets a final newline if the
    /// text lacks one.
    static func write(to path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        if path == "-" {
            fflush(nil)   // anything printed before stays before
            var endsWithNewline = true
            try produce { piece in
                guard let last = piece.last else { return }
                FileHandle.standardOutput.write(Data(piece))
                endsWithNewline = last == 0x0A
            }
            if !endsWithNewline { FileHandle.standardOutput.write(Data([0x0A])) }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try produce { piece in try handle.write(contentsOf: Data(piece)) }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let failure = error as? CommandFailure { throw failure }
            throw CommandFailure("\(path): cannot write (\(error.localizedDescription))")
        }
    }
}
