import Testing
import TestSupport
import SIPKit
import WireCore

/// Bad input never crashes: mutated messages go through every entry point.
@Suite struct MalformedInputTests {

    static func corpus() -> [[UInt8]] {
        let s = CallScenario()
        let multipart = SIPText.message(["INVITE sip:x@y SIP/2.0", "Call-ID: m", "CSeq: 1 INVITE", "From: <sip:a@b>;tag=1",
                                         "Content-Type: multipart/mixed;boundary=\"zz\""],
                                        body: "--zz\r\nContent-Type: application/sdp\r\n\r\n" + SIPText.sdp() + "\r\n--zz--\r\n")
        return [s.request("INVITE", cseq: 1, sdp: SIPText.sdp(extra: ["a=candidate:1 1 UDP 1 10.0.0.1 5000 typ host",
                                                                       "a=rtcp:5001 IN IP6 ::1", "a=crypto:1 X inline:k"])),
                s.response(183, "Session Progress", cseq: 1, sdp: SIPText.sdp(), extra: ["RSeq: 1"]),
                s.request("BYE", cseq: 2, toTag: "b-tag", fromCallee: true),
                s.response(200, "OK", cseq: 2, method: "BYE", toCallee: true), multipart].map { Array($0.utf8) }
    }

    @Test func mutatedMessagesNeverCrash() {
        var rng = SplitMix64(state: 20261125)
        let specials: [UInt8] = Array("\r\n:;<>\",= \t@[]/0".utf8)
        var tracker = CallTracker()
        var framer = SIPStreamFramer(limits: SIPLimits(maxMessageBytes: 2048))
        var parsed = 0, failed = 0, framed = 0
        let corpus = Self.corpus()
        for i in 0..<3000 {
            var bytes = corpus[i % corpus.count]
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = specials.randomElement(using: &rng) ?? 0
                case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 2: bytes.removeSubrange(at...)
                default: bytes.insert(specials.randomElement(using: &rng) ?? 0, at: at)
                }
            }
            let time = Timestamp(nanoseconds: Int64(i) * 1_000_000)
            do {
                let m = try SIPMessage.parse(bytes)
                parsed += 1
                _ = m.sessionDescription; _ = m.from; _ = m.to; _ = m.contact; _ = m.pAssertedIdentity
                tracker.ingest(m, time: time, source: CallScenario.caller, destination: CallScenario.callee,
                               transport: i % 2 == 0 ? .udp : .tcp, packetNumber: i)
            } catch {
                failed += 1
                tracker.recordParseError(error, packetNumber: i)
            }
            framer.append(bytes)
            while let event = framer.next() { if case .message = event { framed += 1 } }
        }
        let result = tracker.finish(at: Timestamp(nanoseconds: 4_000_000_000))
        for call in result.calls { _ = LadderRenderer().render(call) }
        // Both outcomes occur, and memory stays bounded: the framer never holds more than the cap plus a chunk.
        #expect(parsed > 0 && failed > 0 && framed > 0)
        #expect(framer.bufferedByteCount <= 2048 + 4096)
    }
}
