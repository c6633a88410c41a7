/// Per-sequence-number bookkeeping with bounded memory: duplicate detection, network loss, and the
/// sequence-order found/lost feed of the BurstR Markov counter (G.107 §7.5).
///
/// Fates are kept for the last `capacity` (1024) sequence numbers; a sequence number is final once the
/// newest one is `capacity` ahead (or at `finish`). A forward jump larger than `maxDropout` (3000, RFC 3550
/// A.1 MAX_DROPOUT) is a sender restart: the gap is not counted as loss.
struct SequenceWindow: Sendable {
    enum Fate: UInt8 { case missing = 0, played, late, overflow }

    static let capacity = 1024
    static let maxDropout: Int64 = 3000

    /// Two bits per slot (a `Fate`), 32 slots per word: 256 bytes per window.
    private var fates: [UInt64] = Array(repeating: 0, count: SequenceWindow.capacity / 32)
    private(set) var highest: Int64 = 0
    private var lowestPending: Int64 = 0
    private var started = false
    private var finalizedAny = false
    private(set) var networkLost = 0
    private(set) var sequenceResets = 0
    private(set) var markov = LossMarkovCounter()

    /// `step`: how far the newest sequence number advanced (nil = not a new highest; 0 = first packet or restart).
    enum Placement { case new(extended: Int64, step: Int64?), duplicate, tooOld }

    /// Extends a 16-bit sequence number against the newest one and reserves its slot.
    mutating func place(_ sequence: UInt16) -> Placement {
        guard started else {
            started = true
            highest = Int64(sequence) + (1 << 32)   // keep extended numbers positive
            lowestPending = highest
            return .new(extended: highest, step: 0)
        }
        let delta = Int64(Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: highest)))
        let ext = highest + delta
        if delta > Self.maxDropout {
            flush()
            sequenceResets += 1
            highest = ext; lowestPending = ext; finalizedAny = false
            return .new(extended: ext, step: 0)
        }
        if delta > 0 {
            while ext - lowestPending >= Int64(Self.capacity) { finalizeLowest() }
            highest = ext
            return .new(extended: ext, step: delta)
        }
        if ext < lowestPending {
            if finalizedAny || highest - ext >= Int64(Self.capacity) { return .tooOld }
            lowestPending = ext
        }
        if fate(at: slot(ext)) != Fate.missing.rawValue { return .duplicate }
        return .new(extended: ext, step: nil)
    }

    mutating func setFate(_ fate: Fate, for ext: Int64) { store(fate.rawValue, at: slot(ext)) }

    /// Finalizes everything still pending (end of stream).
    mutating func flush() {
        guard started else { return }
        while lowestPending <= highest { finalizeLowest() }
    }

    private mutating func finalizeLowest() {
        let i = slot(lowestPending)
        let fate = fate(at: i)
        if fate == Fate.missing.rawValue { networkLost += 1 }
        markov.record(lost: fate != Fate.played.rawValue)
        store(Fate.missing.rawValue, at: i)
        lowestPending += 1
        finalizedAny = true
    }

    private func slot(_ ext: Int64) -> Int { Int(ext & Int64(Self.capacity - 1)) }
    private func fate(at slot: Int) -> UInt8 { UInt8(truncatingIfNeeded: fates[slot >> 5] >> UInt64((slot & 31) << 1)) & 3 }
    private mutating func store(_ fate: UInt8, at slot: Int) {
        let shift = UInt64((slot & 31) << 1)
        fates[slot >> 5] = fates[slot >> 5] & ~(3 << shift) | UInt64(fate) << shift
    }
}
