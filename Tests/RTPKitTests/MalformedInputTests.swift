import Testing
import TestSupport
import WireCore
@testable import RTPKit

/// Bad input never crashes: random and bit-flipped datagrams through every parser.
@Suite("Malformed input")
struct MalformedInputTests {

    func exercise(_ bytes: [UInt8], detector: inout RTPFlowDetector, tracker: inout RTCPReportTracker) -> Int {
        bytes.withBytes { raw in
            var parsed = 0
            _ = MediaPortDemultiplexer.classify(raw)
            if let header = try? RTPHeaderView(raw) {
                parsed += 1
                // Every accessor must stay inside the buffer.
                _ = (header.payload.count, header.extensionProfile, header.csrc(header.csrcCount - 1), header.fields)
                _ = TelephoneEventPayload(header.payload)
            }
            let compound = RTCPParser.parse(raw)
            parsed += compound.packets.count
            tracker.observe(compound, arrival: at(ms: 0))
            _ = detector.observe(raw)
            return parsed
        }
    }

    @Test func randomDatagrams() {
        var rng = SplitMix64(state: 42)
        var detector = RTPFlowDetector(patience: .max)
        var tracker = RTCPReportTracker()
        var parsed = 0
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...80, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if length > 1 && Bool.random(using: &rng) { bytes[0] = 0x80 | (bytes[0] & 0x3F) }  // version 2 half the time
            parsed += exercise(bytes, detector: &detector, tracker: &tracker)
        }
        #expect(parsed > 0)   // some random buffers are valid RTP headers; none may crash
    }

    @Test func bitFlippedCompounds() {
        var rng = SplitMix64(state: 7)
        let original = RTCPTests.senderCompound(ntp: 0x1234_5678_9ABC_DEF0)
        var detector = RTPFlowDetector(patience: .max)
        var tracker = RTCPReportTracker()
        for _ in 0..<5_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            }
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            _ = exercise(Array(bytes.prefix(cut)), detector: &detector, tracker: &tracker)
        }
        #expect(tracker.malformedCount > 0)
        #expect(tracker.malformed.count <= 64)   // the diagnostic list is capped
    }
}
