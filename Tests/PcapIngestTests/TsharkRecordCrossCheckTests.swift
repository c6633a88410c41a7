import Foundation
import PcapIngest
import Testing
import TestSupport
import WireCore

/// Every record of every public capture against tshark 4.0.17: timestamp to the nanosecond
/// (`frame.time_epoch`), captured and original lengths, in file order.
@Suite("Records against tshark on the public captures")
struct TsharkRecordCrossCheckTests {
    /// "1425905818.294946000" → nanoseconds since the epoch, exact (no floating point).
    static func nanoseconds(_ text: Substring) -> Int64? {
        let parts = text.split(separator: ".")
        guard let seconds = parts.first.flatMap({ Int64($0) }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1].prefix(9)).padding(toLength: 9, withPad: "0", startingAt: 0) : "0"
        return Int64(fraction).map { seconds * 1_000_000_000 + $0 }
    }

    @Test(.enabled(if: ExternalTool.isAvailable("tshark")), arguments: SharedCaptureConformanceTests.captureNames())
    func recordsMatchTshark(name: String) throws {
        let path = SharedCaptureConformanceTests.publicCaptures.appendingPathComponent(name).path
        let (output, status) = try #require(try ExternalTool.run("tshark", ["-r", path, "-n", "-T", "fields", "-E", "separator=|",
                                                                            "-e", "frame.time_epoch", "-e", "frame.cap_len", "-e", "frame.len"]))
        #expect(status == 0)
        let expected = output.split(separator: "\n").map { $0.split(separator: "|") }
        let (packets, _) = try readAll(paths: [path])
        #expect(packets.count == expected.count)
        for (packet, fields) in zip(packets, expected) where fields.count == 3 {
            let number = packet.record.packetNumber
            #expect(packet.record.timestamp.nanoseconds == Self.nanoseconds(fields[0]), "frame \(number)")
            #expect(packet.record.capturedLength == Int(fields[1]) && packet.bytes.count == Int(fields[1]), "frame \(number)")
            #expect(packet.record.originalLength == Int(fields[2]), "frame \(number)")
        }
    }
}
