import WireCore

/// How overlapping fragments are treated.
public enum OverlapPolicy: Sendable, Hashable {
    /// Any overlap that is not an exact duplicate discards the whole datagram and every later fragment of it
    /// until the timeout (RFC 5722 §4 for IPv6; also what current Linux does for IPv4). Exact duplicates
    /// (same bytes at the same place) are ignored, as RFC 8200 §4.5 allows.
    case discardDatagram
    /// Bytes already held win; only the uncovered parts of an overlapping fragment are used
    /// (the overlap is still counted).
    case firstWins
}

/// The sorted, merged byte ranges of a datagram that fragments have filled.
struct Coverage {
    /// Sorted, disjoint, non-touching ranges. Storage comes from and returns to an `ArrayPool`.
    var ranges: [Range<Int>] = []

    /// Whether `range` lies entirely inside one covered range.
    func contains(_ range: Range<Int>) -> Bool {
        ranges.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
    }

    func overlaps(_ range: Range<Int>) -> Bool { ranges.contains { $0.overlaps(range) } }

    /// The parts of `range` not yet covered, in order.
    func uncoveredParts(of range: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var cursor = range.lowerBound
        for covered in ranges where covered.upperBound > cursor && covered.lowerBound < range.upperBound {
            if covered.lowerBound > cursor { parts.append(cursor..<covered.lowerBound) }
            cursor = max(cursor, covered.upperBound)
        }
        if cursor < range.upperBound { parts.append(cursor..<range.upperBound) }
        return parts
    }

    /// Adds `range`, merging with touching or overlapping ranges (in place: no allocation once capacity exists).
    mutating func insert(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var low = 0
        while low < ranges.count && ranges[low].upperBound < range.lowerBound { low += 1 }
        var high = low
        var merged = range
        while high < ranges.count && ranges[high].lowerBound <= merged.upperBound {
            merged = min(ranges[high].lowerBound, merged.lowerBound)..<max(ranges[high].upperBound, merged.upperBound)
            high += 1
        }
        ranges.replaceSubrange(low..<high, with: CollectionOfOne(merged))
    }

    /// True when exactly `0..<length` is covered.
    func isComplete(length: Int) -> Bool { ranges.count == 1 && ranges[0] == 0..<length }

}

/// One datagram being reassembled (or remembered as discarded until its timeout).
struct PendingDatagram {
    var buffer: [UInt8]
    var coverage = Coverage()
    var fragmentCount = 0
    /// End of the datagram, known once the last fragment (MF = 0) arrived.
    var totalLength: Int?
    let firstSeen: Timestamp
    /// Set after an overlap or cap: the storage is released and later fragments are dropped.
    var isDiscarded = false
}
