import Foundation
import TestSupport

enum TestFile {
    static func write(_ bytes: [UInt8], name: String = "input.pcap") throws -> String {
        try writeTemporaryFile(bytes: bytes, name: name)
    }

    /// A fresh path for an output file (its directory exists).
    static func outputPath(_ name: String) throws -> String {
        let marker = try writeTemporaryFile(bytes: [], name: "marker")
        return URL(fileURLWithPath: marker).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
