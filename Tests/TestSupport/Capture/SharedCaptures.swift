import Foundation

/// The public reference captures beside the repository (../shared/captures/public) and tshark's outputs.
///
/// Tests that use them must fail when they are missing and `CI` is set, and may skip otherwise.
public enum SharedCaptures {
    /// `<repo>/../shared/captures/public`, found from this source file's location.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/captures/public")

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Capture file names (pcap/pcapng), sorted; empty when the folder is missing.
    public static func captureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
    }

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A tshark reference output, e.g. `reference("x.pcap", "rtp_streams.txt")`.
    public static func reference(_ capture: String, _ kind: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("tshark/\(capture).\(kind)"), encoding: .utf8)
    }
}

/// One row of `tshark -q -z rtp,streams` output.
public struct TsharkRTPStreamRow: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var sourcePort: Int
    public var destination: String
    public var destinationPort: Int
    /// `0x` + 8 upper-case hex digits.
    public var ssrc: String
    public var packets: Int
    public var lost: Int
    /// min, mean, max delta; min, mean, max jitter (ms, as printed, −1 when none).
    public var figures: [Double]

    public var description: String { "\(source):\(sourcePort) → \(destination):\(destinationPort) \(ssrc)" }

    /// Parses the rows of a reference file (the payload column may contain spaces: `g711A, CN`).
    public static func parse(_ text: String) -> [TsharkRTPStreamRow] {
        text.split(separator: "\n").compactMap { line in
            let p = line.split(separator: " ").map(String.init)
            guard p.count >= 15, p[6].hasPrefix("0x"),
                  let j = p.firstIndex(where: { $0.hasPrefix("(") && $0.hasSuffix("%)") }), j >= 2, j + 6 < p.count,
                  let packets = Int(p[j - 2]), let lost = Int(p[j - 1]),
                  let sport = Int(p[3]), let dport = Int(p[5]) else { return nil }
            let figures = p[(j + 1)...(j + 6)].compactMap(Double.init)
            guard figures.count == 6 else { return nil }
            let hex = p[6].dropFirst(2).uppercased()
            return TsharkRTPStreamRow(source: p[2], sourcePort: sport, destination: p[4], destinationPort: dport,
                                      ssrc: "0x" + hex, packets: packets, lost: lost, figures: figures)
        }
    }
}
