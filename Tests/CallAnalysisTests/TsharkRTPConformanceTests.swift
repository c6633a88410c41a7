import CallAnalysis
import Foundation
import RTPKit
import Testing
import TestSupport

/// Every RTP stream tshark 4.0.17 reports on the public captures (with and without its RTP heuristic)
/// must be found, and our `wireshark` figures must equal tshark's to its printed precision:
/// packets and lost exactly, delta/jitter within 0.0015 ms (tshark prints three decimals).
@Suite struct TsharkRTPConformanceTests {
    @Test func sharedCapturesArePresentInCI() {
        if SharedCaptures.isCI { #expect(SharedCaptures.isPresent, "CI must see \(SharedCaptures.directory.path)") }
        if !SharedCaptures.isPresent { print("SKIP: \(SharedCaptures.directory.path) missing; tshark conformance skipped") }
    }

    @Test(arguments: SharedCaptures.captureNames())
    func streamsMatchTshark(capture: String) throws {
        let result = try CaptureAnalysis.run(paths: [SharedCaptures.path(capture)])
        var ours: [String: WiresharkStreamAnalysis] = [:]
        for stream in result.streams {
            let k = stream.summary.key
            let hex = String(k.ssrc, radix: 16, uppercase: true)
            let ssrc = "0x" + String(repeating: "0", count: 8 - hex.count) + hex
            ours["\(k.source.address):\(k.source.port) → \(k.destination.address):\(k.destination.port) \(ssrc)"] = stream.summary.wireshark
        }
        for kind in ["rtp_streams.txt", "rtp_streams.heuristic.txt"] {
            for row in TsharkRTPStreamRow.parse(try SharedCaptures.reference(capture, kind)) {
                let found = try #require(ours[row.description], "\(kind): stream \(row) not found")
                #expect(found.packets == row.packets, "\(kind) \(row): packets")
                #expect(found.lost == row.lost, "\(kind) \(row): lost")
                let figures = [found.minDeltaMs, found.meanDeltaMs, found.maxDeltaMs,
                               found.minJitterMs, found.meanJitterMs, found.maxJitterMs]
                for (name, (got, want)) in zip(["min delta", "mean delta", "max delta", "min jitter", "mean jitter", "max jitter"],
                                               zip(figures, row.figures)) {
                    #expect(abs(got - want) <= 0.0015, "\(kind) \(row): \(name) \(got) vs tshark \(want)")
                }
            }
        }
    }
}
