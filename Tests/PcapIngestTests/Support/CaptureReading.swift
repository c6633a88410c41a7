import Foundation
import PcapIngest
import TestSupport
import WireCore

/// One packet as the reader handed it out, its bytes copied so they outlive the callback.
struct ReadPacket {
    var record: CaptureRecord
    var bytes: [UInt8]
}

/// Everything a `CaptureSet` delivered for `paths`, plus its per-file summaries.
func readAll(paths: [String]) throws -> (packets: [ReadPacket], summaries: [CaptureFileSummary]) {
    let set = try CaptureSet(paths: paths)
    var packets: [ReadPacket] = []
    set.forEachPacket { record, bytes in packets.append(ReadPacket(record: record, bytes: Array(bytes))) }
    return (packets, set.summaries)
}

/// Writes `bytes` to a temporary file and reads it as a one-file capture set.
func readAll(bytes: [UInt8], name: String = "capture.pcap") throws -> (packets: [ReadPacket], summary: CaptureFileSummary) {
    let path = try writeTemporaryFile(bytes: bytes, name: name)
    defer { removeTemporaryFile(path) }
    let (packets, summaries) = try readAll(paths: [path])
    return (packets, summaries[0])
}

/// Deletes a file made by `writeTemporaryFile` together with its private directory.
func removeTemporaryFile(_ path: String) {
    try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
}

/// The error `CaptureSet` throws for `path`, nil when it opens.
func openError(path: String) -> CaptureError? {
    do {
        _ = try CaptureSet(paths: [path])
        return nil
    } catch {
        return error
    }
}

extension CaptureEnd {
    var isTruncated: Bool { if case .truncated = self { true } else { false } }
    var isCorrupt: Bool { if case .corrupt = self { true } else { false } }
    var detail: String {
        switch self {
        case .endOfFile: ""
        case .truncated(let detail), .corrupt(let detail): detail
        }
    }
}

/// 2023-11-14T22:13:20Z plus a fraction with every nanosecond digit set, so truncation to µs is visible.
let baseTime = Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456_789)

/// `baseTime` moved by `milliseconds` (kept exact in ns).
func at(_ milliseconds: Int64) -> Timestamp { Timestamp(nanoseconds: baseTime.nanoseconds + milliseconds * 1_000_000) }

/// A distinct frame per index (the first byte and the length carry the index).
func frame(_ index: Int, length: Int = 60) -> [UInt8] {
    [UInt8(truncatingIfNeeded: index)] + Array(repeating: UInt8(truncatingIfNeeded: index &* 7), count: length + index % 5 - 1)
}
