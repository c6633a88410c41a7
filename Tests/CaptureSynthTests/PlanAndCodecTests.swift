import Testing
import WireCore
@testable import CaptureSynth

@Suite("Plan validation and codecs")
struct PlanAndCodecTests {
    @Test(arguments: [
        { (plan: inout SynthesisPlan) in plan.calls = 0 },
        { plan in plan.durationSeconds = 0.01 },
        { plan in plan.lossPercent = 100 },
        { plan in plan.lossPercent = -1 },
        { plan in plan.jitterMilliseconds = -5 },
        { plan in plan.failureRatio = 1.5 },
        { plan in plan.carriers = 0 },
        { plan in plan.dtmfDigits = "12x" },
        // Entering the bad state would need probability 0.6 / (1.2 · 0.4) = 1.25 > 1.
        { plan in plan.lossPercent = 60; plan.burstLength = 1.2 },
    ] as [@Sendable (inout SynthesisPlan) -> Void])
    func invalidPlansAreRejected(_ change: @Sendable (inout SynthesisPlan) -> Void) {
        var plan = SynthesisPlan(calls: 2, durationSeconds: 5)
        change(&plan)
        #expect(throws: SynthesisError.self) { try plan.validate() }
        #expect((try? CaptureSynthesizer.write(plan, to: "/nonexistent-dir/x.pcap")) == nil)
    }

    @Test func unwritablePathIsAnOutputError() {
        let plan = SynthesisPlan(calls: 1, durationSeconds: 1)
        do {
            _ = try CaptureSynthesizer.write(plan, to: "/nonexistent-dir/x.pcap")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .output)
            #expect(error.description.contains("/nonexistent-dir/x.pcap"))
        }
    }

    @Test(arguments: SynthCodec.allCases)
    func codecFramingOnTheWire(_ codec: SynthCodec) throws {
        var plan = SynthesisPlan(calls: 1, durationSeconds: 1)
        plan.codec = codec
        let output = TemporaryCapture("codec-\(codec.rawValue)")
        let summary = try CaptureSynthesizer.write(plan, to: output.path)
        let capture = try ReadBack(path: output.path)
        // 1 s = 50 packets per direction.
        #expect(capture.rtp.count == 100)
        let (expectedPT, expectedBytes, increment): (UInt8, Int, UInt32) = switch codec {
        case .pcmu: (0, 160, 160)
        case .pcma: (8, 160, 160)
        case .g722: (9, 160, 160)     // RFC 3551: G.722's RTP clock is 8000 Hz
        case .opus: (111, 80, 960)    // RFC 7587: 48 kHz clock
        }
        for stream in summary.streams {
            let packets = capture.rtp.filter { $0.rtpSSRC == stream.ssrc }
            #expect(packets.count == 50)
            for (slot, packet) in packets.enumerated() {
                #expect(packet.rtpPayloadType == expectedPT)
                #expect(packet.payload.count == 12 + expectedBytes)
                #expect(packet.rtpTimestamp == stream.firstTimestamp &+ UInt32(slot) * increment)
            }
        }
        // Payload: sample 0 of the tone is silence (µ-law 0xFF, A-law 0xD5); 400 Hz at 8 kHz repeats every
        // 20 samples; Opus carries the libopus frame whose TOC byte is 0x4B (SILK WB 20 ms, code 3).
        let payload = try #require(capture.rtp.first?.payload.dropFirst(12)).map { $0 }
        switch codec {
        case .pcmu, .pcma:
            #expect(payload[0] == (codec == .pcmu ? 0xFF : 0xD5))
            #expect((0..<140).allSatisfy { payload[$0] == payload[$0 + 20] })
            #expect(Set(payload).count > 5)
        case .opus:
            #expect(payload[0] == 0x4B)
        case .g722:
            break
        }
        let invite = try #require(capture.sip.first)
        #expect(invite.text.contains("a=rtpmap:\(expectedPT) \(codec.rtpmap)\r\n"))
        #expect(invite.text.contains("a=rtpmap:101 telephone-event/\(codec.clockRate)\r\n"))
    }

    @Test func nanosecondPrecisionKeepsSubMicrosecondTimes() throws {
        var plan = SynthesisPlan(calls: 2, durationSeconds: 1)
        plan.precision = .nanoseconds
        let output = TemporaryCapture("ns")
        _ = try CaptureSynthesizer.write(plan, to: output.path)
        let times = try ReadBack(path: output.path).packets.map(\.time.nanoseconds)
        #expect(times.contains { $0 % 1000 != 0 })
        #expect(Array(output.bytes.prefix(4)) == [0x4D, 0x3C, 0xB2, 0xA1])

        plan.precision = .microseconds
        _ = try CaptureSynthesizer.write(plan, to: output.path)
        #expect(try ReadBack(path: output.path).packets.allSatisfy { $0.time.nanoseconds % 1000 == 0 })
        #expect(Array(output.bytes.prefix(4)) == [0xD4, 0xC3, 0xB2, 0xA1])
    }

    @Test(arguments: [
        // µ-law: 0 → biased 33, segment 0, mantissa 0, inverted → 0xFF.
        (Int32(0), UInt8(0xFF), UInt8(0xD5)),
        // µ-law: 1000>>2 = 250, +33 = 283 → segment 3 (256…511), mantissa (283>>4)&15 = 1 → ~0x31 = 0xCE.
        // A-law: 1000>>3 = 125 → segment 2 (64…127), mantissa (125>>2)&15 = 15 → 0x2F ^ 0xD5 = 0xFA.
        (1000, 0xCE, 0xFA),
        // µ-law: −1000 → same magnitude, mask 0x7F → 0x31 ^ 0x7F = 0x4E.
        // A-law: −1000>>3 = −125 → −(−125)−1 = 124, segment 2, mantissa (124>>2)&15 = 15 → 0x2F ^ 0x55 = 0x7A.
        (-1000, 0x4E, 0x7A),
        // Full scale clips: µ-law segment 7 mantissa 15 → 0x80; A-law 32767>>3 = 4095 → seg 7, m 15 → 0x7F ^ 0xD5 = 0xAA.
        (32767, 0x80, 0xAA),
    ])
    func g711Encoding(_ sample: Int32, _ mu: UInt8, _ a: UInt8) {
        #expect(PayloadFrame.muLaw(sample) == mu)
        #expect(PayloadFrame.aLaw(sample) == a)
    }

    @Test(arguments: [(UInt32(0x0A00_0001), "10.0.0.1"), (0xCB00_71FF, "203.0.113.255"), (0, "0.0.0.0"), (0xAC10_6409, "172.16.100.9")])
    func dottedQuadText(_ address: UInt32, _ text: String) {
        var bytes = [UInt8](repeating: 0, count: 15)
        let written = bytes.withUnsafeMutableBytes { DottedQuad.write(address, to: $0.baseAddress!) }
        #expect(written == text.utf8.count)
        #expect(DottedQuad.length(address) == text.utf8.count)
        #expect(String(decoding: bytes.prefix(written), as: UTF8.self) == text)
    }

    @Test func lossModelStationaryRate() {
        // Gilbert-Elliott with L = 20 %, X = 4: r = 0.25, p = 0.2·0.25/0.8 = 0.0625; π_bad = p/(p+r) = 0.2.
        var model = LossModel(lossPercent: 20, burstLength: 4)
        var random = SynthRandom(seed: 77)
        var lost = 0
        for _ in 0..<200_000 where model.nextIsLost(&random) { lost += 1 }
        #expect(abs(Double(lost) / 200_000 - 0.2) < 0.01)
    }

    @Test func randomIsReproducibleAndUniform() {
        var a = SynthRandom(seed: 1), b = SynthRandom(seed: 1), c = SynthRandom(seed: 2)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
        var sum = 0.0
        for _ in 0..<100_000 { sum += a.unit() }
        #expect(abs(sum / 100_000 - 0.5) < 0.01)
        #expect((0..<1000).allSatisfy { _ in a.below(7) < 7 })
    }
}
