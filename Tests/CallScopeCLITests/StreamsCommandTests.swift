import Foundation
import Testing
import TestSupport
@testable import CallScopeCLI

@Suite struct StreamsCommandTests {
    /// Stream A (s1): 50 slots, 2 lost, 1 duplicated, 1 reordered (see SyntheticCall).
    /// Packets observed = 48 distinct + 1 copy = 49; expected = 50 (seq 1000…1049); RFC 3550 A.3 lost = 50 − 49 = 1
    /// (the duplicate offsets one loss), 2.0 %. Largest arrival gap: slot 9 (+180 ms) → slot 12 (+240 ms) = 60.000 ms.
    /// Stream B (s2): 50 packets, nothing lost, deltas all 20.000 ms.
    @Test func ourTable() throws {
        let path = try SyntheticCall().write()
        let text = try StreamsCommand.parse([path]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let s1 = cells(lines[2]), s2 = cells(lines[3])
        // id call src → dst SSRC codec pkts lost (pct) dups reord maxΔ jitter MOS flags discovery
        #expect(s1[0] == "s1" && s1[1] == SyntheticCall.callID)
        #expect(s1[2] == "192.0.2.1:40000" && s1[4] == "192.0.2.2:50000" && s1[5] == "0x0000000A" && s1[6] == "PCMU")
        #expect(Array(s1[7...12]) == ["49", "1", "(2.0", "%)", "1", "1"])
        #expect(s1[13] == "60.000")
        #expect(s1.last == "sdp")
        #expect(s2[0] == "s2" && s2[5] == "0x0000000B" && Array(s2[7...12]) == ["50", "0", "(0.0", "%)", "0", "0"])
        #expect(s2[13] == "20.000" && s2[14] == "0.000/0.000")
        #expect(Double(s2[15]).map { $0 > 4 && $0 <= 4.5 } == true, "clean G.711 scores above 4: \(s2[15])")
    }

    /// `--json` prints the contract's `streams` array.
    @Test func json() throws {
        let path = try SyntheticCall().write()
        let text = try StreamsCommand.parse([path, "--json"]).render()
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["id"] as? String == "s1" && array[0]["lost"] as? Int == 1 && array[0]["duplicates"] as? Int == 1)
        #expect(array[1]["ssrc"] as? String == "0x0000000B")
    }

    @Test func wiresharkAndJSONTogetherAreRejected() {
        #expect(throws: (any Error).self) { try StreamsCommand.parse(["x.pcap", "--json", "--wireshark"]) }
    }

    /// `--wireshark` equals tshark 4.0.17's `-q -z rtp,streams` output line by line, on every shared capture whose
    /// reference streams we all find (a missing stream is the RTP conformance test's failure): with heuristic RTP
    /// against `rtp_streams.heuristic.txt`, with `--no-heuristics` against `rtp_streams.txt` (tshark's SDP-only mode).
    @Test(arguments: SharedCaptures.captureNames(), [true, false])
    func wiresharkTableMatchesTshark(capture: String, heuristic: Bool) throws {
        let reference = try SharedCaptures.reference(capture, heuristic ? "rtp_streams.heuristic.txt" : "rtp_streams.txt")
        let ours = try StreamsCommand.parse([SharedCaptures.path(capture), "--wireshark"] + (heuristic ? [] : ["--no-heuristics"])).render()
        let ourRows = Set(TsharkRTPStreamRow.parse(ours).map(\.description))
        let missing = TsharkRTPStreamRow.parse(reference).filter { !ourRows.contains($0.description) }
        guard missing.isEmpty else {
            print("SKIP \(capture) heuristic=\(heuristic): streams not found: \(missing)")
            return
        }
        let want = reference.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        let got = ours.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        #expect(got.count == want.count, "\(capture): \(got.count) lines vs tshark \(want.count)")
        for (index, (line, expected)) in zip(got, want).enumerated() {
            #expect(line == expected, "\(capture) line \(index + 1):\n ours:   \(line)\n tshark: \(expected)")
        }
    }

    @Test func sharedCapturesPresentInCI() {
        if SharedCaptures.isCI { #expect(SharedCaptures.isPresent) }
    }

    /// Cells split on spaces ("src → dst" becomes three cells).
    private func cells(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init)
    }
}
