import Foundation
import PcapIngest
import Testing
import TestSupport

@Suite("Files that cannot be read as captures: one clear error naming the file")
struct OpenErrorTests {
    func expectError(_ path: String, _ kind: CaptureError.Kind, mentioning words: [String] = []) {
        guard let error = openError(path: path) else {
            Issue.record("\(path) opened without error")
            return
        }
        #expect(error.kind == kind, "\(error)")
        #expect(error.path == path)
        #expect(error.description.hasPrefix(path + ": "), "\(error)")
        for word in words { #expect(error.description.contains(word), "\(error)") }
    }

    @Test(arguments: ["empty.pcap", "empty.pcapng"])
    func emptyFile(name: String) throws {
        expectError(try writeTemporaryFile(bytes: [], name: name), .emptyFile, mentioning: ["empty"])
    }

    @Test func missingFile() throws {
        let directory = try writeTemporaryFile(bytes: [1], name: "x")
        let path = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("missing.pcap").path
        expectError(path, .missingFile, mentioning: ["no such file"])
    }

    @Test func directory() throws {
        let path = URL(fileURLWithPath: try writeTemporaryFile(bytes: [1], name: "x")).deletingLastPathComponent().path
        expectError(path, .unreadable, mentioning: ["directory"])
    }

    @Test(arguments: [
        "Hello, this is a text file and not a capture at all.\n",
        "Hi\n",   // shorter than any magic number
        "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1\r\n\r\n",
    ])
    func textFileIsNotACapture(text: String) throws {
        expectError(try writeTemporaryFile(bytes: Array(text.utf8), name: "notes.txt"), .notACapture, mentioning: ["not a pcap"])
    }

    @Test(arguments: [1, 3])
    func partialMagicNumber(length: Int) throws {
        // The first bytes of a pcap magic and nothing else: a cut header, not a foreign file.
        let bytes = Array(PcapWriter().bytes.prefix(length))
        expectError(try writeTemporaryFile(bytes: bytes), .corruptHeader, mentioning: ["truncated"])
    }

    @Test(arguments: [4, 10, 23])
    func partialClassicHeader(length: Int) throws {
        // The 24-byte file header cut after `length` bytes (the magic number is intact).
        let bytes = Array(PcapWriter(precision: .nanoseconds, byteOrder: .bigEndian).bytes.prefix(length))
        expectError(try writeTemporaryFile(bytes: bytes), .corruptHeader, mentioning: ["truncated"])
    }

    @Test(arguments: [4, 11, 20, 27])
    func partialPcapngSectionHeader(length: Int) throws {
        // The section header block (28 bytes + the application option) cut after `length` bytes.
        let bytes = Array(PcapngWriter().bytes.prefix(length))
        expectError(try writeTemporaryFile(bytes: bytes, name: "cut.pcapng"), .corruptHeader, mentioning: ["truncated"])
    }

    @Test func pcapngWithBadByteOrderMagic() throws {
        var bytes = PcapngWriter().bytes
        bytes[8] = 0x00
        expectError(try writeTemporaryFile(bytes: bytes, name: "bad.pcapng"), .corruptHeader, mentioning: ["byte-order"])
    }

    @Test func pcapngWithUnsupportedVersion() throws {
        var bytes = PcapngWriter().bytes
        bytes[12] = 2  // major version 2
        expectError(try writeTemporaryFile(bytes: bytes, name: "v2.pcapng"), .corruptHeader, mentioning: ["version"])
    }

    @Test func captureSetNamesTheBadFileAmongGoodOnes() throws {
        var writer = PcapWriter()
        writer.append(frame(0), at: at(0))
        let good = try writeTemporaryFile(bytes: writer.bytes)
        let bad = try writeTemporaryFile(bytes: Array("not a capture, really not".utf8), name: "second.pcap")
        do {
            _ = try CaptureSet(paths: [good, bad])
            Issue.record("a set with a text file opened")
        } catch {
            #expect(error.path == bad && error.kind == .notACapture)
        }
    }
}
