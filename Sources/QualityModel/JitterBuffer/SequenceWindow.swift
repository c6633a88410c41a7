/// Per-sequence-number bookkeeping with bounded memory, shared by every simulated buffer ("lane") of a
/// stream: duplicate detection, network loss, and for each lane the sequence-order found/lost feed of the
/// BurstR Markov counter (G.107 §7.5).
///
/// Fates are kept for the last `capacity` (1024) sequence numbers; a sequence number is final once the
/// newest one is `capacity` ahead (or at `finish`). A forward jump larger than `maxDropout` (3000, RFC 3550
/// A.1 MAX_DROPOUT) is a sender restart: the gap is not counted as loss. Placement depends only on the
/// packets, never on a lane's decisions, so one window serves all lanes; every received packet gets a fate
/// other than `missing` in every lane, so lane 0 answers "seen before?".
struct SequenceWindow: Sendable {
    enum Fate: UInt8 { case missing = 0, played, late, overflow }

    static let capacity = 1024
    static let maxDropout: Int64 = 3000

    /// Number of lanes (simulated buffers) whose fates are kept.
    let lanes: Int
    /// Two bits per (slot, lane), the lanes of a slot side by side (fate index = slot × lanes + lane),
    /// 32 fates per word: 256 bytes per lane.
    private var fates: [UInt64]
    private(set) var highest: Int64 = 0
    private var lowestPending: Int64 = 0
    private var started = false
    private var finalizedAny = false
    private(set) var networkLost = 0
    private(set) var sequenceResets = 0
    /// One found/lost counter per lane.
    private(set) var markov: [LossMarkovCounter]

    /// The mask of one slot's fates (2 bits × lanes) when a slot is a bit field inside one word, i.e. when the
    /// lane count divides 32 (the default bank has 4 lanes); nil otherwise.
    private let slotMask: UInt64?

    init(lanes: Int = 1) {
        self.lanes = max(1, lanes)
        slotMask = 32 % self.lanes == 0 ? (self.lanes == 32 ? ~0 : (1 << UInt64(2 * self.lanes)) - 1) : nil
        fates = Array(repeating: 0, count: (SequenceWindow.capacity * self.lanes + 31) / 32)
        markov = Array(repeating: LossMarkovCounter(), count: self.lanes)
    }

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
            if ext - lowestPending >= Int64(Self.capacity) { finalize(through: ext - Int64(Self.capacity)) }
            highest = ext
            return .new(extended: ext, step: delta)
        }
        if ext < lowestPending {
            if finalizedAny || highest - ext >= Int64(Self.capacity) { return .tooOld }
            lowestPending = ext
        }
        if fate(at: index(ext, lane: 0)) != Fate.missing.rawValue { return .duplicate }
        return .new(extended: ext, step: nil)
    }

    mutating func setFate(_ fate: Fate, for ext: Int64, lane: Int) { store(fate.rawValue, at: index(ext, lane: lane)) }

    /// Sets the fates of `ext` in lanes `0 ..< count` (at most 32) from `packed` (2 bits per lane, lane 0 lowest),
    /// with the words borrowed once.
    mutating func setFates(_ packed: UInt64, count: Int, for ext: Int64) {
        let first = Self.index(ext, lanes: lanes)
        if count == lanes, let slot = slotMask {   // the whole slot is one bit field of one word
            let shift = UInt64((first & 31) << 1)
            fates.withUnsafeMutableBufferPointer { words in
                words[first >> 5] = words[first >> 5] & ~(slot << shift) | (packed & slot) << shift
            }
            return
        }
        fates.withUnsafeMutableBufferPointer { words in
            for lane in 0 ..< min(count, 32) {
                let i = first + lane
                words[i >> 5] = Self.storing(UInt8(truncatingIfNeeded: packed >> UInt64(lane << 1)) & 3, at: i, in: words[i >> 5])
            }
        }
    }

    /// Finalizes everything still pending (end of stream).
    mutating func flush() {
        guard started else { return }
        finalize(through: highest)
    }

    /// Finalizes the pending sequence numbers up to `last` in order: network loss (lane 0 never got the packet)
    /// and each lane's found/lost feed; their slots are cleared for reuse. The fate words and the counters are
    /// borrowed once for the whole run.
    private mutating func finalize(through last: Int64) {
        guard lowestPending <= last else { return }
        let lanes = self.lanes
        var lost = 0
        let slotMask = self.slotMask
        fates.withUnsafeMutableBufferPointer { words in
            markov.withUnsafeMutableBufferPointer { counters in
                var ext = lowestPending
                while ext <= last {
                    let first = Self.index(ext, lanes: lanes)
                    if let slot = slotMask {
                        // The slot's fates are one bit field: read it once, clear it (every lane back to missing).
                        let shift = UInt64((first & 31) << 1)
                        var fates = words[first >> 5] >> shift & slot
                        words[first >> 5] &= ~(slot << shift)
                        if fates & 3 == UInt64(Fate.missing.rawValue) { lost += 1 }
                        for lane in 0 ..< lanes {
                            counters[lane].record(lost: fates & 3 != UInt64(Fate.played.rawValue))
                            fates >>= 2
                        }
                        ext += 1
                        continue
                    }
                    for lane in 0 ..< lanes {
                        let i = first + lane
                        let fate = Self.fate(at: i, in: words[i >> 5])
                        if lane == 0 && fate == Fate.missing.rawValue { lost += 1 }
                        counters[lane].record(lost: fate != Fate.played.rawValue)
                        words[i >> 5] = Self.storing(Fate.missing.rawValue, at: i, in: words[i >> 5])
                    }
                    ext += 1
                }
            }
        }
        networkLost += lost
        lowestPending = last + 1
        finalizedAny = true
    }

    private func index(_ ext: Int64, lane: Int) -> Int { Self.index(ext, lanes: lanes) + lane }
    private static func index(_ ext: Int64, lanes: Int) -> Int { Int(ext & Int64(capacity - 1)) * lanes }
    private func fate(at index: Int) -> UInt8 { Self.fate(at: index, in: fates[index >> 5]) }
    private mutating func store(_ fate: UInt8, at index: Int) {
        fates[index >> 5] = Self.storing(fate, at: index, in: fates[index >> 5])
    }

    /// The 2-bit fate number `index` in its word (`index >> 5` selects the word).
    private static func fate(at index: Int, in word: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: word >> UInt64((index & 31) << 1)) & 3
    }
    /// `word` with fate number `index` replaced by `fate` (0…3).
    private static func storing(_ fate: UInt8, at index: Int, in word: UInt64) -> UInt64 {
        let shift = UInt64((index & 31) << 1)
        return word & ~(3 << shift) | UInt64(fate) << shift
    }
}
