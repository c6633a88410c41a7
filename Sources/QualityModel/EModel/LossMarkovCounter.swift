/// Streaming two-state (found/lost) Markov loss counter for the burst ratio of ITU-T G.107 (06/2015) §7.5.
///
/// Feed it the fate of each packet **in sequence order** (received-and-played = found, otherwise lost).
/// With p = P(lost | previous found) = n(found→lost)/n(found→·) and q = P(found | previous lost) =
/// n(lost→found)/n(lost→·), G.107 §7.5 gives BurstR = 1/(p + q) (= (Ppl/100)/p under the stationary model).
/// BurstR = 1 is random loss, > 1 bursty; a pattern more regular than random gives < 1 (not clamped).
/// (Formula as summarised in the project's standards digest §1.5 from G.107 (06/2015) §7.5; not re-read
/// against the Recommendation text. This is not the RFC 3611 A.2 Gmin burst/gap model.)
/// Constant memory: four transition counts.
public struct LossMarkovCounter: Sendable, Equatable {
    public private(set) var foundToFound = 0
    public private(set) var foundToLost = 0
    public private(set) var lostToFound = 0
    public private(set) var lostToLost = 0
    /// Packets fed as found / lost.
    public private(set) var found = 0
    public private(set) var lost = 0
    /// Number of loss runs (maximal runs of consecutive lost packets) — one concealment event each.
    public private(set) var lossRuns = 0
    private var previousLost: Bool?

    public init() {}

    /// Records the next packet in sequence order as received (found) or not.
    public mutating func record(received: Bool) { record(lost: !received) }

    /// Records the next packet in sequence order.
    public mutating func record(lost isLost: Bool) {
        if isLost { lost += 1 } else { found += 1 }
        if let wasLost = previousLost {
            if wasLost {
                if isLost { lostToLost += 1 } else { lostToFound += 1 }
            } else if isLost {
                foundToLost += 1; lossRuns += 1
            } else {
                foundToFound += 1
            }
        } else if isLost {
            lossRuns += 1
        }
        previousLost = isLost
    }

    /// p = n(found→lost) / n(found→·), `nil` without any transition out of "found".
    public var p: Double? {
        let n = foundToFound + foundToLost
        return n > 0 ? Double(foundToLost) / Double(n) : nil
    }

    /// q = n(lost→found) / n(lost→·), `nil` without any transition out of "lost".
    public var q: Double? {
        let n = lostToFound + lostToLost
        return n > 0 ? Double(lostToFound) / Double(n) : nil
    }

    /// Loss percentage over everything recorded (0 when nothing was recorded).
    public var lossPercent: Double {
        let total = found + lost
        return total > 0 ? 100 * Double(lost) / Double(total) : 0
    }

    /// BurstR = 1/(p + q) (G.107 §7.5). `1` when there is no loss (the value then has no effect);
    /// when the trace ends inside its only loss run (no lost→· transition) q is taken as 0;
    /// `nil` when undefined (no packet found at all, or p + q = 0).
    public var burstRatio: Double? {
        if lost == 0 { return 1 }
        guard let p = p else { return nil }
        let qq = q ?? 0
        guard p + qq > 0 else { return nil }
        return 1 / (p + qq)
    }
}
