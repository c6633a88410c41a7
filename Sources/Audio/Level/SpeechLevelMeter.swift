import Foundation

/// Active speech level and silence share of a PCM stream, streaming with constant memory.
///
/// What is implemented (a simplified ITU-T P.56-style measurement, not the full method B envelope):
/// the signal is cut into 20 ms frames; each frame's mean power is kept in a histogram of 0.1 dB bins
/// (−100…0 dBov; 0 dBov = RMS of a full-scale square wave, 32768, so a full-scale sine is −3.01 dBov).
/// The active level L is the power mean of the frames at or above the threshold max(−70 dBov, L − 15.9 dB)
/// (P.56's 15.9 dB margin), found by fixed-point iteration from the all-frame level. Frames below the
/// threshold are silent. A stream with no frame above −70 dBov has no active level (`nil`) and silence 1.
public struct SpeechLevelMeter: Sendable {
    public static let frameMs = 20
    public static let absoluteFloorDbov = -70.0
    public static let marginDb = 15.9

    private let frameLength: Int
    private var frameEnergy = 0.0
    private var frameFill = 0
    private var binCounts: [Int]
    private var binPower: [Double]
    /// Powers of closed frames not yet in the histogram (see `closeFrame`).
    private var pendingPowers: [Double] = []
    private static let binsPerDb = 10
    private static let lowestDb = -100.0

    public init(sampleRate: Int) {
        frameLength = max(1, sampleRate * Self.frameMs / 1000)
        let bins = Int(-Self.lowestDb) * Self.binsPerDb + 1
        binCounts = Array(repeating: 0, count: bins)
        binPower = Array(repeating: 0, count: bins)
    }

    /// Adds samples (mono) in order; a trailing partial frame is ignored at `result()`.
    public mutating func add<C: Collection>(_ samples: C) where C.Element == Int16 {
        for s in samples { add(sample: s) }
    }

    /// Adds G.711 µ-law or A-law bytes, decoded on the fly (the per-packet path of stream analysis:
    /// concrete and allocation-free).
    public mutating func add(g711 bytes: UnsafeRawBufferPointer, aLaw: Bool) {
        let squares = aLaw ? Self.aLawSquares : Self.muLawSquares
        squares.withUnsafeBufferPointer { table in
            var index = 0
            while index < bytes.count {
                // Sum whole runs up to the frame boundary in integers (exact), then close the frame.
                let run = min(bytes.count - index, frameLength - frameFill)
                var energy: UInt64 = 0
                for i in index ..< index + run { energy &+= table[Int(bytes[i])] }
                frameEnergy += Double(energy)
                frameFill += run
                index += run
                if frameFill == frameLength { closeFrame() }
            }
        }
    }

    /// Squared decoded sample of every G.711 code (exact in 64 bits: at most 32,768² per sample).
    private static let muLawSquares: [UInt64] = (0...255).map { code in
        let v = Int64(G711.decodeMuLaw(UInt8(code)))
        return UInt64(v * v)
    }
    private static let aLawSquares: [UInt64] = (0...255).map { code in
        let v = Int64(G711.decodeALaw(UInt8(code)))
        return UInt64(v * v)
    }

    @inline(__always)
    private mutating func add(sample: Int16) {
        let v = Double(sample)
        frameEnergy += v * v
        frameFill += 1
        if frameFill == frameLength { closeFrame() }
    }

    /// Closes the current frame. Its power waits in `pendingPowers` and the histogram takes frames in batches
    /// of `pendingLimit`: with thousands of concurrent streams the 16 KB histogram of each is then brought into
    /// the cache once per batch rather than once per 20 ms frame.
    private mutating func closeFrame() {
        if pendingPowers.capacity == 0 { pendingPowers.reserveCapacity(Self.pendingLimit) }
        pendingPowers.append(frameEnergy / Double(frameLength) / (32768.0 * 32768.0))
        frameEnergy = 0
        frameFill = 0
        if pendingPowers.count >= Self.pendingLimit { binPendingFrames() }
    }

    private static let pendingLimit = 32

    private mutating func binPendingFrames() {
        for power in pendingPowers {
            let db = power > 0 ? 10 * log10(power) : -Double.infinity
            let index = Int(((max(db, Self.lowestDb) - Self.lowestDb) * Double(Self.binsPerDb)).rounded(.down))
            let i = min(binCounts.count - 1, max(0, index))
            binCounts[i] += 1
            binPower[i] += power
        }
        pendingPowers.removeAll(keepingCapacity: true)
    }

    /// The measurement over all complete frames so far.
    public func result() -> SpeechLevel {
        guard pendingPowers.isEmpty else {
            var binned = self
            binned.binPendingFrames()
            return binned.result()
        }
        let total = binCounts.reduce(0, +)
        guard total > 0 else { return SpeechLevel(activeLevelDbov: nil, silentFrameShare: 1, frames: 0) }
        func level(from threshold: Double) -> (db: Double, active: Int)? {
            let first = max(0, Int(((threshold - Self.lowestDb) * Double(Self.binsPerDb)).rounded(.down)))
            var count = 0, power = 0.0
            for i in first..<binCounts.count { count += binCounts[i]; power += binPower[i] }
            guard count > 0, power > 0 else { return nil }
            return (10 * log10(power / Double(count)), count)
        }
        guard var current = level(from: Self.absoluteFloorDbov) else {
            return SpeechLevel(activeLevelDbov: nil, silentFrameShare: 1, frames: total)
        }
        for _ in 0..<50 {
            let threshold = max(Self.absoluteFloorDbov, current.db - Self.marginDb)
            guard let next = level(from: threshold) else { break }
            if abs(next.db - current.db) < 1e-9 && next.active == current.active { break }
            current = next
        }
        return SpeechLevel(activeLevelDbov: current.db, silentFrameShare: Double(total - current.active) / Double(total),
                           frames: total)
    }
}

/// Result of `SpeechLevelMeter`.
public struct SpeechLevel: Sendable, Equatable {
    /// Active speech level in dBov (`nil` when no frame rises above −70 dBov: no voice).
    public var activeLevelDbov: Double?
    /// Share (0…1) of 20 ms frames below the activity threshold.
    public var silentFrameShare: Double
    /// Number of complete 20 ms frames measured.
    public var frames: Int

    /// Measures a whole buffer of mono samples.
    public static func measure(_ samples: [Int16], sampleRate: Int) -> SpeechLevel {
        var meter = SpeechLevelMeter(sampleRate: sampleRate)
        meter.add(samples)
        return meter.result()
    }
}
