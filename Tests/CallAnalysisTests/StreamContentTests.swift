import Audio
import CallAnalysis
import Foundation
import Testing
import TestSupport
import WireCore

/// What the pipeline learns from RTP payloads without signalling: speech level of G.711 (and the
/// `no_voice` flag for silence), and SRTP recognised by its authentication tag.
@Suite struct StreamContentTests {
    /// One heuristic PCMU stream of `count` 20 ms packets; `payload(i)` gives packet i's payload.
    static func capture(count: Int, payload: (Int) -> [UInt8]) throws -> String {
        var writer = PcapWriter()
        let base = Timestamp(seconds: 1_700_000_000, nanoseconds: 0)
        for i in 0..<count {
            let rtp = RTPPacketBuilder(payloadType: 0, sequenceNumber: UInt16(1000 + i), timestamp: UInt32(8000 + 160 * i),
                                       ssrc: 0x1234_5678, payload: payload(i))
            let frame = PacketBuilder.udpPacket(src: IPAddress("10.0.0.1")!, dst: IPAddress("10.0.0.2")!,
                                                sport: 40000, dport: 50000, payload: rtp.bytes)
            writer.append(frame, at: Timestamp(nanoseconds: base.nanoseconds + Int64(i) * 20_000_000))
        }
        return try writeTemporaryFile(bytes: writer.bytes)
    }

    /// A 1 kHz tone at amplitude 8000 µ-law encoded, 160 samples per packet.
    static func tone(_ packet: Int) -> [UInt8] {
        (0..<160).map { n in
            let t = Double(packet * 160 + n) / 8000
            return G711.encodeMuLaw(Int16(8000 * sin(2 * Double.pi * 1000 * t)))
        }
    }

    @Test func toneHasAnActiveLevel() throws {
        let result = try CaptureAnalysis.run(paths: [try Self.capture(count: 50, payload: Self.tone)])
        let stream = try #require(result.streams.first)
        let level = try #require(stream.speech?.activeLevelDbov)
        // RMS of a sine of amplitude 8000 = 8000/√2; dBov relative to 32768: 20·log10(8000/(√2·32768)) = −15.25 dB
        // (µ-law quantisation moves it by a few hundredths).
        #expect(abs(level - (-15.25)) < 0.2)
        #expect(stream.speech?.silentFrameShare == 0)
        #expect(!stream.flags.contains("no_voice"))
        #expect(!stream.encrypted)
    }

    @Test func silenceIsFlaggedNoVoice() throws {
        // 0xFF is µ-law zero: packets arrive, but carry nothing.
        let result = try CaptureAnalysis.run(paths: [try Self.capture(count: 50) { _ in Array(repeating: 0xFF, count: 160) }])
        let stream = try #require(result.streams.first)
        #expect(stream.speech?.activeLevelDbov == nil)
        // The heuristic holds the first 4 packets' headers (not their payloads) while it decides, so 46 are metered.
        #expect(stream.speech?.frames == 46)
        #expect(stream.flags.contains("no_voice"))
    }

    @Test(arguments: [4, 10])
    func authenticationTagMarksSRTP(tagLength: Int) throws {
        // SRTP keeps the header clear and appends the auth tag (RFC 3711): 160 + tag bytes per 160 timestamp units.
        let result = try CaptureAnalysis.run(paths: [try Self.capture(count: 50) { i in
            (0..<(160 + tagLength)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i &* 7) }
        }])
        let stream = try #require(result.streams.first)
        #expect(stream.encrypted)
        #expect(stream.flags.contains("encrypted"))
        #expect(stream.speech == nil, "encrypted payloads must not be metered as speech")
        // Header-derived figures are still measured.
        #expect(stream.summary.packets == 50 && stream.summary.lost == 0)
    }
}
