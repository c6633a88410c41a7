/// An adaptive buffer's delay estimate: a reference transit (ms) and a target delay above it (ms).
protocol PlayoutDelayEstimator {
    var reference: Double { get }
    var targetMs: Double { get }
}

extension PlayoutDelayEstimator {
    /// The playout delay the estimator asks for: reference + target (ms).
    var playoutDelayMs: Double { reference + targetMs }
}

/// WebRTC NetEq-like target delay: a forgetting histogram of relative arrival delay.
///
/// Relative delay of a packet = its transit − the minimum transit seen over the last 2–4 s (two 2 s blocks).
/// Each packet multiplies every bucket by `forgetFactor` and adds (1 − forgetFactor) to its own bucket
/// (`bucketMs` wide), so the buckets always sum to 1. Target = upper edge of the first bucket where the
/// cumulative probability reaches `quantile`, clamped to [min, max]. Starts with all mass in bucket 0.
struct NetEqEstimator: PlayoutDelayEstimator, Sendable {
    let parameters: JitterBufferSpec.NetEqParameters
    private var buckets: [Double]
    private var blockStartMs = 0.0
    private var currentBlockMin = Double.infinity
    private var previousBlockMin = Double.infinity
    static let referenceBlockMs = 2000.0

    init(_ p: JitterBufferSpec.NetEqParameters) {
        parameters = p
        let count = Int((p.maxDelayMs / p.bucketMs).rounded(.up)) + 1
        buckets = Array(repeating: 0, count: max(count, 1))
        buckets[0] = 1
    }

    /// Minimum transit of the recent window (ms).
    var reference: Double { min(previousBlockMin, currentBlockMin) }

    mutating func observe(transitMs r: Double, arrivalMs a: Double) {
        if a - blockStartMs >= Self.referenceBlockMs {
            previousBlockMin = currentBlockMin
            currentBlockMin = .infinity
            blockStartMs = a
        }
        currentBlockMin = min(currentBlockMin, r)
        let relative = max(0, r - reference)
        let k = Int(min(Double(buckets.count - 1), (relative / parameters.bucketMs).rounded(.down)))
        let f = parameters.forgetFactor
        for i in buckets.indices { buckets[i] *= f }
        buckets[k] += 1 - f
    }

    /// Target delay above `reference` (ms).
    var targetMs: Double {
        var cumulative = 0.0
        var index = buckets.count - 1
        for (i, b) in buckets.enumerated() {
            cumulative += b
            if cumulative >= parameters.quantile - 1e-12 { index = i; break }
        }
        let target = Double(index + 1) * parameters.bucketMs
        return min(parameters.maxDelayMs, max(parameters.minDelayMs, target))
    }
}

/// Asterisk jitterbuf-like target delay: over the last `windowPackets` transits, drop the highest
/// `dropPercent` % (floor of n·drop/100 packets), spread = highest kept − lowest, target = min(spread + margin, max).
struct AsteriskEstimator: PlayoutDelayEstimator, Sendable {
    let parameters: JitterBufferSpec.AsteriskParameters
    private var ring: [Double]
    private var head = 0
    private var filled = 0
    private var histogram = TransitHistogram()

    init(_ p: JitterBufferSpec.AsteriskParameters) {
        parameters = p
        ring = Array(repeating: 0, count: p.windowPackets)
    }

    mutating func observe(transitMs r: Double) {
        if filled == ring.count { histogram.remove(ring[head]) } else { filled += 1 }
        ring[head] = r
        histogram.add(r)
        head = (head + 1) % ring.count
    }

    /// Lowest transit in the window (ms, 1 ms resolution).
    var reference: Double { histogram.minimum }

    /// Target delay above `reference` (ms).
    var targetMs: Double {
        let n = histogram.count
        guard n > 0 else { return min(parameters.marginMs, parameters.maxDelayMs) }
        let dropped = Int((Double(n) * parameters.dropPercent / 100).rounded(.down))
        let highest = histogram.value(rank: n - dropped)
        return min(parameters.maxDelayMs, max(0, highest - reference) + parameters.marginMs)
    }
}

/// Hindsight statistics for the ideal buffer: every transit, so the smallest constant delay without late
/// discards (max transit) and each packet's wait (max transit − its transit) are known at the end.
struct IdealTracker: Sendable {
    private(set) var transits = TransitHistogram()
    private(set) var maximum = -Double.infinity
    private(set) var minimum = Double.infinity
    private(set) var sum = 0.0

    mutating func observe(transitMs r: Double) {
        transits.add(r)
        maximum = max(maximum, r)
        minimum = min(minimum, r)
        sum += r
    }

    var meanWaitMs: Double { transits.count > 0 ? maximum - sum / Double(transits.count) : 0 }
    var maxWaitMs: Double { transits.count > 0 ? maximum - minimum : 0 }

    /// p-quantile of the waits (nearest rank): the ⌈p·n⌉-th smallest wait is max − the (n − ⌈p·n⌉ + 1)-th
    /// smallest transit (1 ms resolution on the transit).
    func waitPercentile(_ p: Double) -> Double {
        let n = transits.count
        guard n > 0 else { return 0 }
        let rank = max(1, Int((p * Double(n)).rounded(.up)))
        return max(0, maximum - transits.value(rank: n - rank + 1))
    }
}
