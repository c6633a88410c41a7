/// A sliding bitmap of which extended sequence numbers arrived, for duplicate and reorder
/// detection, emitting each sequence number's final fate (received/lost) in sequence order
/// once it leaves the window, to a `LossPatternAnalyzer`.
///
/// The bitmap is allocated once (1024 sequence numbers); packets later than the window are
/// counted as `tooLate` (already recorded as lost, as RFC 3611 §4.7.1 allows).
public struct ReceptionWindow: Sendable, Hashable {
    public static let size: Int64 = 1024
    private var bits: [UInt64] = []
    /// Lowest extended sequence number not yet emitted.
    private var windowStart: Int64 = 0
    /// Highest extended sequence number received.
    public private(set) var highest: Int64 = -1
    public private(set) var duplicates = 0
    public private(set) var reordered = 0
    public private(set) var tooLate = 0
    public private(set) var pattern: LossPatternAnalyzer

    public init(gMin: Int = 16) { pattern = LossPatternAnalyzer(gMin: gMin) }

    public enum Arrival: Sendable, Hashable { case inOrder, reordered, duplicate, tooLate }

    /// Records the arrival of `extended`; returns how it arrived.
    @discardableResult
    public mutating func record(_ extended: Int64) -> Arrival {
        if bits.isEmpty {
            bits = Array(repeating: 0, count: Int(Self.size / 64))
            windowStart = extended; highest = extended
            set(extended)
            return .inOrder
        }
        if extended < windowStart { tooLate += 1; reordered += 1; return .tooLate }
        if extended >= windowStart + Self.size { advance(to: extended - Self.size + 1) }
        if isSet(extended) { duplicates += 1; return .duplicate }
        set(extended)
        if extended < highest { reordered += 1; return .reordered }
        highest = extended
        return .inOrder
    }

    /// Emits every remaining sequence number up to the highest received (end of stream or restart).
    public mutating func flush() {
        guard !bits.isEmpty else { return }
        advance(to: highest + 1)
    }

    /// Starts a new numbering (after an RFC 3550 restart), flushing the old one first.
    public mutating func restart() {
        flush()
        bits = []
        highest = -1
    }

    private mutating func advance(to newStart: Int64) {
        while windowStart < newStart {
            pattern.record(received: isSet(windowStart))
            clear(windowStart)
            windowStart += 1
        }
    }

    private func index(_ extended: Int64) -> (Int, UInt64) {
        let slot = Int(((extended % Self.size) + Self.size) % Self.size)
        return (slot >> 6, UInt64(1) << UInt64(slot & 63))
    }
    private func isSet(_ extended: Int64) -> Bool { let (w, m) = index(extended); return bits[w] & m != 0 }
    private mutating func set(_ extended: Int64) { let (w, m) = index(extended); bits[w] |= m }
    private mutating func clear(_ extended: Int64) { let (w, m) = index(extended); bits[w] &= ~m }
}
