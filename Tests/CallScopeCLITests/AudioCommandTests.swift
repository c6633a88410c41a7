import Foundation
import QualityModel
import Testing
import TestSupport
@testable import CallScopeCLI

@Suite struct AudioCommandTests {
    /// s1 through fixed:50: 47 played, slot 30 late, slots 10–11 lost, slot 20's copy dropped as a duplicate.
    /// The WAV covers seq 1000…1049 = 50 packets × 160 samples = 8000 samples (1 s at 8 kHz): 47 decoded, 3 concealed.
    @Test func g711ThroughFixedBuffer() throws {
        let path = try SyntheticCall().write()
        let out = try TestFile.outputPath("s1.wav")
        let (result, text) = try AudioCommand.parse([path, "--stream", "s1", "--buffer", "fixed:50", "--out", out]).export()
        #expect(result.played == 47 && result.discardedLate == 1 && result.duplicates == 1)
        #expect(result.audio.decodedPackets == 47 && result.audio.concealedPackets == 3)
        #expect(result.audio.sampleRate == 8000 && result.audio.samples.count == 8000)
        let wav = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(wav.count == 44 + 2 * 8000)
        #expect(Array(wav.prefix(4)) == Array("RIFF".utf8))
        // A −10 dBFS-peak sine: −13.0 dBov RMS (−10 − 3.01), within G.711 quantisation; concealment keeps it voiced.
        let level = try #require(result.audio.speechLevel.activeLevelDbov)
        #expect(abs(level - (-13.0)) < 0.5)
        #expect(text.contains("played 47, late 1") && text.contains("concealed 3"))
    }

    /// A packet that crossed the network as IP fragments is reassembled by the second pass too: same result as above.
    @Test func fragmentedPacketIsReassembled() throws {
        let path = try SyntheticCall(fragmentedSlot: 5).write()
        let (result, _) = try AudioCommand.parse([path, "--stream", "s1", "--buffer", "fixed:50",
                                                  "--out", try TestFile.outputPath("frag.wav")]).export()
        #expect(result.played == 47 && result.audio.decodedPackets == 47 && result.audio.concealedPackets == 3)
    }

    /// The default buffer is the reference buffer.
    @Test func defaultBuffer() throws {
        let path = try SyntheticCall().write()
        let (result, _) = try AudioCommand.parse([path, "--stream", "s2", "--out", try TestFile.outputPath("s2.wav")]).export()
        #expect(result.bufferName == JitterBufferSpec.defaultSpecs[JitterBufferSpec.defaultReferenceIndex])
        #expect(result.audio.decodedPackets == 50 && result.audio.concealedPackets == 0 && result.audio.samples.count == 8000)
    }

    /// G.729 cannot be decoded: status 2 naming the codec, and no file is written.
    @Test func undecodableCodec() throws {
        let path = try SyntheticCall(payloadType: 18, codecName: "G729/8000").write()
        let out = try TestFile.outputPath("g729.wav")
        let failure = try #require(throws: CommandFailure.self) {
            try AudioCommand.parse([path, "--stream", "s1", "--out", out]).export()
        }
        #expect(failure.exitCode == 2 && failure.message.contains("G729") && failure.message.contains("no WAV written"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unknownStream() throws {
        let path = try SyntheticCall().write()
        let failure = try #require(throws: CommandFailure.self) {
            try AudioCommand.parse([path, "--stream", "s3", "--out", try TestFile.outputPath("x.wav")]).export()
        }
        #expect(failure.exitCode == 2 && failure.message.hasPrefix("no stream 's3'"))
    }

    /// pcap2wav__sip-rtp-g711.pcap s1: 425 PCMU packets, nothing lost. The audio runs from the first packet's first
    /// sample to the last packet's last: (last − first arrival) × 8000 + one packet (160), ± a packet of arrival jitter.
    /// Here 8.479977 s × 8000 + 160 = 67,999.8 vs 425 × 160 = 68,000.
    @Test func sharedG711Capture() throws {
        let capture = "pcap2wav__sip-rtp-g711.pcap"
        guard SharedCaptures.captureNames().contains(capture) else {
            #expect(!SharedCaptures.isCI, "\(capture) missing")
            return
        }
        let command = try AudioCommand.parse([SharedCaptures.path(capture), "--stream", "s1", "--out", try TestFile.outputPath("g711.wav")])
        let analysis = try command.options.analyse(command.files)
        let summary = analysis.streams[0].summary
        let duration = summary.lastPacket.seconds(since: summary.firstPacket)
        let (result, _) = try command.export()
        #expect(result.audio.sampleRate == 8000 && result.codec == .pcmu)
        #expect(abs(Double(result.audio.samples.count) - (duration * 8000 + 160)) <= 160)
        #expect(result.audio.decodedPackets == 425 && result.audio.concealedPackets == 0)
        #expect(result.audio.speechLevel.activeLevelDbov != nil)
    }

    /// rtp-pcap__sip-rtp-opus.pcap: Opus (dynamic PT from SDP) decodes at 48 kHz, 425 packets of 20 ms = 408,000 samples.
    @Test func sharedOpusCapture() throws {
        let capture = "rtp-pcap__sip-rtp-opus.pcap"
        guard SharedCaptures.captureNames().contains(capture) else {
            #expect(!SharedCaptures.isCI, "\(capture) missing")
            return
        }
        let (result, _) = try AudioCommand.parse([SharedCaptures.path(capture), "--stream", "s1",
                                                  "--out", try TestFile.outputPath("opus.wav")]).export()
        #expect(result.codec == .opus && result.audio.sampleRate == 48_000)
        #expect(result.audio.decodedPackets == 425 && result.audio.samples.count == 425 * 960)
        #expect(result.audio.speechLevel.activeLevelDbov != nil)
    }

    /// The SRTP capture is announced nowhere; its 170-byte payloads for 160-sample steps (10-byte auth tag) mark
    /// the stream encrypted in the analysis, so it is refused rather than decoded into noise.
    @Test func srtpIsRefused() throws {
        let capture = "rtp-pcap__marseillaise-srtp.pcap"
        guard SharedCaptures.captureNames().contains(capture) else {
            #expect(!SharedCaptures.isCI, "\(capture) missing")
            return
        }
        let failure = try #require(throws: CommandFailure.self) {
            try AudioCommand.parse([SharedCaptures.path(capture), "--stream", "s1", "--out", try TestFile.outputPath("srtp.wav")]).export()
        }
        #expect(failure.exitCode == 2 && failure.message.contains("SRTP-encrypted"))
    }
}
