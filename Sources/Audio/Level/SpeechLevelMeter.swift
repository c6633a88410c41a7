import Foundation
import WireCore

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
    /// Histogram of frame levels in 0.1 dB bins (bin i covers [−100 + i/10, −100 + (i+1)/10) dBov; the last, 1000,
    /// is 0 dBov and above). The activity threshold never goes below −70 dBov, so frames under it are only
    /// counted; of the bins above, only the span between the lowest and highest used is stored (a stream's
    /// frames usually span a few tens of dB: a few KB instead of 16 KB per stream).
    private var framesBelowFloor = 0
    private var bins = CoveringSpan(zero: LevelBin())
    private static let lastBin = Int(-lowestDb) * binsPerDb
    private static let floorBin = Int(((absoluteFloorDbov - lowestDb) * Double(binsPerDb)).rounded(.down))
    /// Powers of closed frames not yet in the histogram (the first `pendingFrames`; see `closeFrame`).
    private var pendingPowers = InlineArray<16, Double>(repeating: 0)
    private var pendingFrames = 0
    private static let binsPerDb = 10
    private static let lowestDb = -100.0

    public init(sampleRate: Int) {
        frameLength = max(1, sampleRate * Self.frameMs / 1000)
    }

    /// Adds samples (mono) in order; a trailing partial frame is ignored at `result()`.
    public mutating func add<C: Collection>(_ samples: C) where C.Element == Int16 {
        for s in samples { add(sample: s) }
    }

    /// Adds G.711 µ-law or A-law bytes, decoded on the fly (the per-packet path of stream analysis:
    /// concrete and allocation-free).
    public mutating func add(g711 bytes: UnsafeRawBufferPointer, aLaw: Bool) {
        let table = Self.squares.table + (aLaw ? 256 : 0)
        var index = 0
        while index < bytes.count {
            // Sum whole runs up to the frame boundary in integers (exact), then close the frame.
            let run = min(bytes.count - index, frameLength - frameFill)
            // Four independent sums (exact integers, so the order does not matter) keep the loads in flight.
            var e0: UInt64 = 0, e1: UInt64 = 0, e2: UInt64 = 0, e3: UInt64 = 0
            var i = index
            let end = index + run
            while i + 4 <= end {
                e0 &+= UInt64(table[Int(bytes[i])]); e1 &+= UInt64(table[Int(bytes[i + 1])])
                e2 &+= UInt64(table[Int(bytes[i + 2])]); e3 &+= UInt64(table[Int(bytes[i + 3])])
                i += 4
            }
            while i < end { e0 &+= UInt64(table[Int(bytes[i])]); i += 1 }
            let energy = e0 &+ e1 &+ e2 &+ e3
            frameEnergy += Double(energy)
            frameFill += run
            index += run
            if frameFill == frameLength { closeFrame() }
        }
    }

    /// Squared decoded sample of every G.711 code (exact in 32 bits: at most 32,256² < 2³² per sample): µ-law
    /// at 0…255, A-law at 256…511 (2 KB). Allocated once for the process and never freed (no reference counting
    /// on the per-packet path).
    private static let squares = SquaresTable()

    private struct SquaresTable: @unchecked Sendable {
        let table: UnsafeMutablePointer<UInt32>
        init() {
            table = .allocate(capacity: 512)
            for code in 0...255 {
                let mu = Int64(G711.decodeMuLaw(UInt8(code))), a = Int64(G711.decodeALaw(UInt8(code)))
                table[code] = UInt32(mu * mu)
                table[256 + code] = UInt32(a * a)
            }
        }
    }

    @inline(__always)
    private mutating func add(sample: Int16) {
        let v = Double(sample)
        frameEnergy += v * v
        frameFill += 1
        if frameFill == frameLength { closeFrame() }
    }

    /// Closes the current frame. Its power waits in `pendingPowers` and the histogram takes frames in batches
    /// of 16 (kept inline, so closing a frame touches no other memory): with thousands of concurrent streams the
    /// histogram of each is then brought into the cache once per batch rather than once per 20 ms frame.
    private mutating func closeFrame() {
        pendingPowers[pendingFrames] = frameEnergy / Double(frameLength) / (32768.0 * 32768.0)
        pendingFrames += 1
        frameEnergy = 0
        frameFill = 0
        if pendingFrames == pendingPowers.count { binPendingFrames() }
    }

    private mutating func binPendingFrames() {
        for slot in 0 ..< pendingFrames {
            let power = pendingPowers[slot]
            let db = power > 0 ? 10 * log10(power) : -Double.infinity
            let bin = min(Self.lastBin, max(0, Int(((max(db, Self.lowestDb) - Self.lowestDb) * Double(Self.binsPerDb)).rounded(.down))))
            guard bin >= Self.floorBin else { framesBelowFloor += 1; continue }
            bins.cover(bin)
            bins[bin].frames += 1
            bins[bin].power += power
        }
        pendingFrames = 0
    }

    /// Frames in one 0.1 dB bin and the sum of their powers.
    private struct LevelBin: Sendable {
        var frames: UInt32 = 0
        var power = 0.0
    }

    /// The measurement over all complete frames so far.
    public func result() -> SpeechLevel {
        guard pendingFrames == 0 else {
            var binned = self
            binned.binPendingFrames()
            return binned.result()
        }
        let total = framesBelowFloor + bins.values.reduce(0) { $0 + Int($1.frames) }
        guard total > 0 else { return SpeechLevel(activeLevelDbov: nil, silentFrameShare: 1, frames: 0) }
        func level(from threshold: Double) -> (db: Double, active: Int)? {
            // Thresholds are never below the floor, so the frames under it never count here.
            let first = max(Self.floorBin, Int(((threshold - Self.lowestDb) * Double(Self.binsPerDb)).rounded(.down)))
            var count = 0, power = 0.0
            var i = max(first, bins.start)
            while i < bins.end {
                count += Int(bins[i].frames); power += bins[i].power
                i += 1
            }
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
