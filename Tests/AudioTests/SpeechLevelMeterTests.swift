import Foundation
import Testing
@testable import Audio

/// The speech-level meter against a direct computation of its definition (20 ms frames, the power mean of the
/// frames at or above max(−70 dBov, L − 15.9 dB), iterated) and against hand-computed levels.
struct SpeechLevelMeterTests {
    /// Square-wave frame of peak `amplitude`: every sample ±amplitude, so its power is exactly amplitude².
    private func frame(_ amplitude: Int16) -> [Int16] { (0..<160).map { $0 % 2 == 0 ? amplitude : -amplitude } }

    /// The definition, computed directly over all frame powers (no histogram): threshold on 0.1 dB bins, as
    /// the meter documents.
    private func reference(_ samples: [Int16]) -> SpeechLevel {
        let powers = stride(from: 0, to: samples.count - 159, by: 160).map { start in
            samples[start ..< start + 160].reduce(0.0) { $0 + Double($1) * Double($1) } / 160 / (32768.0 * 32768.0)
        }
        func bin(_ p: Double) -> Int {
            let db = p > 0 ? 10 * log10(p) : -Double.infinity
            return min(1000, max(0, Int(((max(db, -100) + 100) * 10).rounded(.down))))
        }
        func level(from threshold: Double) -> (db: Double, active: Int)? {
            let first = Int(((threshold + 100) * 10).rounded(.down))
            let active = powers.filter { bin($0) >= first }
            guard !active.isEmpty, active.reduce(0, +) > 0 else { return nil }
            return (10 * log10(active.reduce(0, +) / Double(active.count)), active.count)
        }
        guard var current = level(from: -70) else {
            return SpeechLevel(activeLevelDbov: nil, silentFrameShare: 1, frames: powers.count)
        }
        for _ in 0..<50 {
            guard let next = level(from: max(-70, current.db - 15.9)) else { break }
            if abs(next.db - current.db) < 1e-9 && next.active == current.active { break }
            current = next
        }
        return SpeechLevel(activeLevelDbov: current.db, silentFrameShare: Double(powers.count - current.active) / Double(powers.count),
                           frames: powers.count)
    }

    @Test func halfSpeechHalfDigitalSilence() throws {
        // 3277 / 32768 → 20·log10 = −19.9997 dBov; silence is below every threshold.
        let samples = (0..<100).flatMap { $0 % 2 == 0 ? frame(3277) : frame(0) }
        let level = SpeechLevel.measure(samples, sampleRate: 8000)
        #expect(level.frames == 100)
        #expect(level.silentFrameShare == 0.5)
        #expect(abs(try #require(level.activeLevelDbov) - 20 * log10(3277.0 / 32768)) < 1e-9)
    }

    @Test func onlyFramesBelowTheFloorMeanNoVoice() {
        let level = SpeechLevel.measure((0..<40).flatMap { _ in frame(5) }, sampleRate: 8000)   // −76 dBov
        #expect(level.frames == 40)
        #expect(level.activeLevelDbov == nil)
        #expect(level.silentFrameShare == 1)
    }

    /// Levels that fall then rise (the stored span grows at both ends), frames under the floor and at 0 dBov,
    /// more frames than one batch, fed as 30 ms packets (frames straddle packets) through the G.711 path.
    @Test(arguments: [UInt64(1), 2, 3])
    func matchesTheDefinitionOnVaryingLevels(seed: UInt64) throws {
        var state = seed
        func nextAmplitude() -> Int16 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let choice = Int(state >> 33) % 6
            return [0, 3, 60, 900, 8000, 32767][choice]
        }
        var samples: [Int16] = []
        for i in 0..<257 { samples += frame(i < 40 ? 2000 : i < 80 ? 30 : nextAmplitude()) }
        // µ-law round trip: the meter's G.711 path decodes bytes, so compare against the decoded samples.
        let bytes = samples.map(G711.encodeMuLaw)
        let decoded = bytes.map(G711.decodeMuLaw)
        var meter = SpeechLevelMeter(sampleRate: 8000)
        for start in stride(from: 0, to: bytes.count, by: 240) {
            bytes[start ..< min(bytes.count, start + 240)].withUnsafeBytes { meter.add(g711: $0, aLaw: false) }
        }
        let expected = reference(decoded)
        let measured = meter.result()
        #expect(measured.frames == expected.frames)
        #expect(measured.silentFrameShare == expected.silentFrameShare)
        let a = try #require(measured.activeLevelDbov), b = try #require(expected.activeLevelDbov)
        #expect(abs(a - b) < 1e-9)
        #expect(SpeechLevel.measure(decoded, sampleRate: 8000) == measured)
    }
}
