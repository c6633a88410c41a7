import WireCore

/// Bounded histogram of non-negative delays in 1 ms bins (values rounded to the nearest ms, the last bin
/// collects everything ≥ its value) plus the exact sum, for mean and nearest-rank percentiles.
///
/// Memory grows only up to the largest delay seen (at most `capacity` counters), so a stream whose
/// delays stay under 100 ms costs 100 counters, not 5,001.
struct DelayHistogram: Sendable, Equatable {
    private(set) var bins: [UInt32] = []
    /// Bins available at most (the last one collects everything beyond).
    let capacity: Int
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var maximum = 0.0

    init(binCount: Int = 5001) { capacity = binCount }

    mutating func add(_ ms: Double) {
        let v = ms.isFinite ? max(0, ms) : 0
        let index = roundedIndex(v, lowerBound: 0, upperBound: capacity - 1)
        if index >= bins.count { bins.append(contentsOf: repeatElement(0, count: index - bins.count + 1)) }
        bins[index] &+= 1
        count += 1
        sum += v
        maximum = max(maximum, v)
    }

    var mean: Double { count > 0 ? sum / Double(count) : 0 }

    /// Nearest-rank percentile (q in 0…1) at 1 ms resolution.
    func percentile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var cumulative = 0
        for (i, c) in bins.enumerated() {
            cumulative += Int(c)
            if cumulative >= rank { return Double(i) }
        }
        return Double(capacity - 1)
    }
}

/// Bounded histogram of transit times relative to the first packet (ms, may be negative), 1 ms bins over
/// [`lowerMs`, `upperMs`) with clamping at both ends. Caches its lowest non-empty bin so order statistics
/// near the minimum cost O(spread), not O(bins). Used by the ideal buffer (hindsight delay) and the
/// Asterisk-like window statistics.
///
/// Only the span of bins between the smallest and largest value seen is stored (transits of one stream
/// usually spread over tens of ms), so memory follows the stream's jitter, not the 10 s range.
struct TransitHistogram: Sendable, Equatable {
    /// Counters for the bins (full-range indices) between the lowest and highest value seen.
    private var bins = CoveringSpan<UInt32>(zero: 0)
    let offset: Int
    /// Bins in the full range.
    let binCount: Int
    private(set) var count = 0
    /// Index (in the full range) of the lowest non-empty bin; `binCount` when empty.
    private var lowestBin: Int

    init(lowerMs: Int = -2000, upperMs: Int = 8000) {
        offset = -lowerMs
        binCount = upperMs - lowerMs
        lowestBin = binCount
    }

    func bin(for ms: Double) -> Int {
        guard ms.isFinite else { return ms > 0 ? binCount - 1 : 0 }
        return roundedIndex(ms, lowerBound: -offset, upperBound: binCount - 1 - offset) + offset
    }
    func value(ofBin index: Int) -> Double { Double(index - offset) }

    mutating func add(_ ms: Double) {
        let i = bin(for: ms)
        bins.cover(i)
        bins[i] &+= 1
        count += 1
        lowestBin = min(lowestBin, i)
    }

    mutating func remove(_ ms: Double) {
        let i = bin(for: ms)
        guard bins.covers(i), bins[i] > 0 else { return }
        bins[i] -= 1
        count -= 1
        if count == 0 { lowestBin = binCount; return }
        while lowestBin < bins.end && bins[lowestBin] == 0 { lowestBin += 1 }
    }

    /// The smallest value (1 ms resolution); 0 when empty.
    var minimum: Double { count > 0 ? value(ofBin: lowestBin) : 0 }

    /// The k-th smallest value (1-based, clamped to 1…count) at 1 ms resolution; 0 when empty.
    func value(rank k: Int) -> Double {
        guard count > 0 else { return 0 }
        let target = min(max(k, 1), count)
        var cumulative = 0
        var i = lowestBin
        while i < bins.end {
            cumulative += Int(bins[i])
            if cumulative >= target { return value(ofBin: i) }
            i += 1
        }
        return value(ofBin: binCount - 1)
    }
}

/// `Int(x.rounded())` (half away from zero) clamped to `lowerBound...upperBound`, for finite x, without the
/// libm call on the per-packet path: the clamp comes first (rounding is monotone and keeps integers, so the
/// order does not matter), then ⌊|x| + ½⌋, less one where adding ½ rounded up past the next integer
/// (|x| just below k + ½, e.g. 0.49999999999999994).
@inline(__always)
func roundedIndex(_ x: Double, lowerBound: Int, upperBound: Int) -> Int {
    let clamped = min(max(x, Double(lowerBound)), Double(upperBound))
    let magnitude = abs(clamped)
    var index = Int(magnitude + 0.5)
    if Double(index) - 0.5 > magnitude { index -= 1 }
    return clamped < 0 ? -index : index
}
