import Testing
import Foundation
import TestSupport
@testable import CallScopeCLI

@Suite struct JitterBufferCommandTests {
    /// Stream s1 of SyntheticCall: 48 distinct packets received, slot 30 arrives 70 ms after its media time
    /// (all others on time: transit 0, anchored on the first packet).
    /// - fixed:50 → deadline = media time + 50 ms; slot 30 (70 ms) is late: played 47, late 1.
    /// - fixed:200 → nothing late: played 48.
    /// - ideal → never late: played 48.
    /// Effective loss for fixed:50 = (2 network + 1 late) / 50 expected = 6.00 %; fixed:200: 2/50 = 4.00 %.
    @Test func whatIfTable() throws {
        let path = try SyntheticCall().write()
        let text = try JitterBufferCommand.parse([path, "--stream", "s1", "--buffer", "fixed:50", "--buffer", "fixed:200",
                                                  "--buffer", "ideal"]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)   // title, column titles, rule, three buffers
        #expect(lines[0].hasPrefix("s1  192.0.2.1:40000 → 192.0.2.2:50000  PCMU"))
        let rows = lines[3...].map { $0.split(separator: " ").map(String.init) }
        #expect(Array(rows[0].prefix(6)) == ["*", "fixed:50", "47", "1", "0", "6.00"])
        #expect(Array(rows[1].prefix(5)) == ["fixed:200", "48", "0", "0", "4.00"])
        #expect(Array(rows[2].prefix(5)) == ["ideal", "48", "0", "0", "4.00"])
        // fixed:200 waits 200 ms for an on-time packet: mean wait ≥ 190 ms; MOS-LQ is the same for fixed:200 and
        // ideal (same loss, no delay term), conversational MOS is lower for the 200 ms buffer.
        #expect(Double(rows[1][5]).map { $0 >= 190 } == true)
        #expect(rows[1][9] == rows[2][9])
        #expect(Double(rows[1][8])! < Double(rows[2][8])!)
    }

    /// Without --stream every stream gets a block; an unknown stream is a status-2 one-liner listing the ids.
    @Test func allStreamsAndUnknownStream() throws {
        let path = try SyntheticCall().write()
        let text = try JitterBufferCommand.parse([path]).render()
        #expect(text.contains("s1  ") && text.contains("s2  ") && text.contains("* neteq:max=500"))
        let failure = try #require(throws: CommandFailure.self) {
            try JitterBufferCommand.parse([path, "--stream", "s7"]).render()
        }
        #expect(failure.exitCode == 2)
        #expect(failure.message.hasPrefix("no stream 's7'; streams are: s1 (192.0.2.1:40000 → 192.0.2.2:50000), s2"))
    }

    @Test func badBufferSpecIsAUsageError() throws {
        let path = try SyntheticCall().write()
        #expect(throws: (any Error).self) { try JitterBufferCommand.parse([path, "--buffer", "fixed:abc"]).render() }
    }
}

@Suite struct JitterBufferSharedCaptureTests {
    /// nDPI__rtp.pcapng: s1 is H.263 video (simulated, not scored); s2 is an unsignalled dynamic type (PT 120) with no
    /// clock rate, so no buffer can be simulated — said in words instead of a table of zeros.
    @Test func unscorableStreams() throws {
        let capture = "nDPI__rtp.pcapng"
        guard SharedCaptures.captureNames().contains(capture) else {
            #expect(!SharedCaptures.isCI, "\(capture) missing")
            return
        }
        let text = try JitterBufferCommand.parse([SharedCaptures.path(capture)]).render()
        let blocks = text.components(separatedBy: "\n\n")
        #expect(blocks.count == 5)
        #expect(blocks[0].hasPrefix("s1 ") && blocks[0].contains("(not scored: H263 is not an audio codec)"))
        let fixed50 = blocks[0].split(separator: "\n").first { $0.hasPrefix("  fixed:50 ") }?.split(separator: " ") ?? []
        #expect(fixed50.prefix(3) == ["fixed:50", "15", "0"])
        #expect(blocks[1].hasPrefix("s2 ") && blocks[1].hasSuffix("(not simulated: no media packet with a known clock rate; codec unknown)"))
    }
}
