import Testing
import COpus
@testable import Audio

@Suite struct StreamDecodeTests {
    /// 50 packets × 160 samples of a 1 kHz, peak 8000 tone, µ-law. Packets 10 and 11 never arrive, packet 20
    /// arrives but is late (played = false). Output = 50·160 = 8000 samples; the gaps hold attenuated
    /// repetitions (gain 0.8, 0.64 → non-zero energy); good packets match the tone within µ-law error.
    @Test func g711ConcealsLostAndLatePackets() throws {
        let tone = sine(frequency: 1000, amplitude: 8000, rate: 8000, count: 8000)
        var packets: [AudioPacket] = []
        for i in 0..<50 where i != 10 && i != 11 {
            let payload = tone[(i * 160)..<((i + 1) * 160)].map(G711.encodeMuLaw)
            packets.append(AudioPacket(sequence: UInt16(65500) &+ UInt16(i), rtpTimestamp: UInt32(160 * i), payload: payload,
                                       played: i != 20))
        }
        let audio = try StreamAudioDecoder.decode(packets, codec: .pcmu)
        #expect(audio.sampleRate == 8000 && audio.samples.count == 8000)
        #expect(audio.decodedPackets == 47 && audio.concealedPackets == 3 && audio.silenceSamples == 0)
        let gap = audio.samples[1600..<1920]
        #expect(power(gap) > 0.3 * power(tone[1600..<1920]))
        #expect(power(audio.samples[3200..<3360]) > 0.5 * power(tone[3200..<3360]))
        for i in 0..<1600 { #expect(abs(Int(audio.samples[i]) - Int(tone[i])) <= 260) }
        let wav = try WAVWriter.encode(samples: audio.samples, sampleRate: audio.sampleRate)
        #expect(wav.count == 44 + 16000)
        // The 1 kHz tone at peak 8000 → RMS 8000/√2 → 20·lg(8000/√2/32768) = −15.25 dBov.
        let level = try #require(audio.speechLevel.activeLevelDbov)
        #expect(abs(level - -15.25) < 0.3)
    }

    /// A-law stream with a 300 ms DTX gap in timestamps (no sequence gap): silence is inserted.
    @Test func aLawTimestampGapBecomesSilence() throws {
        let tone = sine(frequency: 500, amplitude: 4000, rate: 8000, count: 1600)
        var packets: [AudioPacket] = []
        for i in 0..<10 {
            let ts = UInt32(160 * i + (i >= 5 ? 2400 : 0))
            packets.append(AudioPacket(sequence: UInt16(i), rtpTimestamp: ts, payload: tone[(i * 160)..<((i + 1) * 160)].map(G711.encodeALaw)))
        }
        let audio = try StreamAudioDecoder.decode(packets, codec: .pcma)
        #expect(audio.samples.count == 1600 + 2400 && audio.silenceSamples == 2400 && audio.concealedPackets == 0)
        #expect(audio.samples[800..<3200].allSatisfy { $0 == 0 })
    }

    /// Opus: 50 × 20 ms (960 samples at 48 kHz) of a 440 Hz tone encoded with libopus (VoIP mode);
    /// packets 10 and 11 dropped, packet 30 late. Output 50·960 = 48000 samples, the gaps concealed by
    /// libopus (non-zero energy), WAV = 44 + 96000 bytes.
    @Test func opusConcealsWithLibopus() throws {
        let tone = sine(frequency: 440, amplitude: 8000, rate: 48000, count: 48000)
        var error: Int32 = 0
        let encoder = try #require(opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &error))
        defer { opus_encoder_destroy(encoder) }
        #expect(error == OPUS_OK)
        var packets: [AudioPacket] = []
        var buffer = [UInt8](repeating: 0, count: 1500)
        for i in 0..<50 {
            let frame = Array(tone[(i * 960)..<((i + 1) * 960)])
            let n = opus_encode(encoder, frame, 960, &buffer, Int32(buffer.count))
            try #require(n > 0)
            if i == 10 || i == 11 { continue }
            packets.append(AudioPacket(sequence: UInt16(i), rtpTimestamp: UInt32(960 * i), payload: Array(buffer[0..<Int(n)]),
                                       played: i != 30))
        }
        let audio = try StreamAudioDecoder.decode(packets, codec: .opus)
        #expect(audio.sampleRate == 48000 && audio.samples.count == 48000)
        #expect(audio.decodedPackets == 47 && audio.concealedPackets == 3 && audio.decodeErrors == 0)
        // 11 (next 12 played) and 30 (next 31 played) are decoded with decode_fec = 1; 10 (next missing) by PLC.
        #expect(audio.fecDecodeAttempts == 2)
        #expect(power(audio.samples[9600..<11520]) > 0)
        #expect(power(audio.samples[28800..<29760]) > 0)
        let wav = try WAVWriter.encode(samples: audio.samples, sampleRate: 48000)
        #expect(wav.count == 44 + 96000)
    }

    /// Seq 0 then seq 2000 (1999 missing = 40 s): at most 10 s (500 packets of 160) are concealed
    /// (discontinuity 1); the next packet's timestamp wants sample 320000 but only 160 + 80000 exist, the
    /// 239840-sample gap exceeds 10 s → 80000 samples of silence and a re-anchor (discontinuity 2).
    /// Total 80160 + 80000 + 160 = 160320 samples.
    @Test func longOutageIsBounded() throws {
        let payload = [UInt8](repeating: 0x80, count: 160)
        let packets = [AudioPacket(sequence: 0, rtpTimestamp: 0, payload: payload),
                       AudioPacket(sequence: 2000, rtpTimestamp: 320_000, payload: payload)]
        let audio = try StreamAudioDecoder.decode(packets, codec: .pcmu)
        #expect(audio.concealedPackets == 500 && audio.discontinuities == 2 && audio.silenceSamples == 80000)
        #expect(audio.samples.count == 160_320 && !audio.truncated)
    }

    /// A corrupt Opus payload is counted and concealed, never a crash.
    @Test func corruptOpusPayloadIsConcealed() throws {
        let packets = [AudioPacket(sequence: 1, rtpTimestamp: 0, payload: [0xFF, 0xFF, 0xFF]),
                       AudioPacket(sequence: 2, rtpTimestamp: 960, payload: [])]
        let audio = try StreamAudioDecoder.decode(packets, codec: .opus)
        #expect(audio.decodeErrors == 2 && audio.decodedPackets == 0)
    }

    @Test func unsupportedCodecIsAnError() {
        #expect(throws: AudioError.unsupportedCodec(name: "G729")) { try AudioCodec(encodingName: "G729") }
        #expect(throws: AudioError.self) { try AudioCodec(staticPayloadType: 18) }
        #expect((try? AudioCodec(encodingName: "PCMA")) == .pcma)
        #expect((try? AudioCodec(encodingName: "opus")) == .opus)
    }

    @Test func emptyStreamDecodesToNothing() throws {
        let audio = try StreamAudioDecoder.decode([], codec: .pcmu)
        #expect(audio.samples.isEmpty && audio.speechLevel.activeLevelDbov == nil)
    }
}

@Suite struct WAVAndLevelTests {
    /// Header: "RIFF", size 36 + data, "WAVE", fmt chunk 16 bytes, PCM (1), mono, 8000 Hz, byte rate 16000,
    /// block align 2, 16 bits, "data", 2 bytes per sample little-endian.
    @Test func wavHeader() throws {
        let bytes = try WAVWriter.encode(samples: [1, -2], sampleRate: 8000)
        #expect(bytes.count == 48)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(Array(bytes[4..<8]) == [40, 0, 0, 0])
        #expect(Array(bytes[16..<24]) == [16, 0, 0, 0, 1, 0, 1, 0])
        #expect(Array(bytes[24..<32]) == [0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0])
        #expect(Array(bytes[32..<36]) == [2, 0, 16, 0])
        #expect(Array(bytes[36..<48]) == Array("data".utf8) + [4, 0, 0, 0, 1, 0, 0xFE, 0xFF])
        #expect(throws: AudioError.self) { try WAVWriter.encode(samples: [], sampleRate: 0) }
    }

    /// Peak 16384 sine: RMS = 16384/√2 → 20·lg(0.5/√2) = −9.031 dBov; no silent frames.
    /// Same tone for 1 s followed by 1 s of digital silence: level unchanged, silent share 0.5.
    @Test func toneLevel() throws {
        let tone = sine(frequency: 1000, amplitude: 16384, rate: 8000, count: 8000)
        let level = SpeechLevel.measure(tone, sampleRate: 8000)
        #expect(abs((level.activeLevelDbov ?? 0) - -9.031) < 0.01)
        #expect(level.silentFrameShare == 0 && level.frames == 50)
        let half = SpeechLevel.measure(tone + Array(repeating: 0, count: 8000), sampleRate: 8000)
        #expect(abs((half.activeLevelDbov ?? 0) - -9.031) < 0.01)
        #expect(half.silentFrameShare == 0.5)
        let silent = SpeechLevel.measure(Array(repeating: 3, count: 8000), sampleRate: 8000)  // −80.8 dBov
        #expect(silent.activeLevelDbov == nil && silent.silentFrameShare == 1)
    }

    /// A loud part and a part 30 dB quieter (below L − 15.9 dB): the quiet frames count as silent and the
    /// active level is the loud part's.
    @Test func quietPartIsBelowThreshold() {
        let loud = sine(frequency: 1000, amplitude: 16384, rate: 8000, count: 4000)
        let quiet = sine(frequency: 1000, amplitude: 16384 / 31.62, rate: 8000, count: 4000)
        let level = SpeechLevel.measure(loud + quiet, sampleRate: 8000)
        #expect(abs((level.activeLevelDbov ?? 0) - -9.031) < 0.01)
        #expect(level.silentFrameShare == 0.5)
    }
}
