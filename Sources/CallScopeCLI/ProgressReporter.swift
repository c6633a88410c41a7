import Foundation

/// Progress on standard error while a large capture is read: bytes read, packets/s, ETA.
/// Silent unless standard error is a terminal (and not with --quiet).
final class ProgressReporter {
    private let totalBytes: Int
    private let start = Date()
    private let enabled: Bool
    private var printed = false

    init(files: [String], quiet: Bool) {
        enabled = !quiet && isatty(2) == 1
        totalBytes = files.reduce(0) { total, path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return total + size
        }
    }

    func update(packets: Int, bytes: Int) {
        guard enabled else { return }
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(packets) / elapsed
        let fraction = totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let line = String(format: "\r%6.1f%%  %.1f / %.1f MB  %.0f packets/s  ETA %.0f s ",
                          fraction * 100, Double(bytes) / 1e6, Double(totalBytes) / 1e6, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
        printed = true
    }

    func finish() {
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
