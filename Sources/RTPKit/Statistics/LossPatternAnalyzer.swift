/// RFC 3611 §4.7.2 burst/gap metrics and a histogram of consecutive-loss runs, fed the fate
/// (received or lost) of each sequence number in sequence order.
///
/// Two readings are computed side by side because they disagree (see docs/standards.md §4.3):
/// - **Definitional (§4.7.2)**: losses separated by fewer than Gmin received packets form one
///   cluster; a cluster with two or more losses is a *burst* spanning its first to last loss;
///   a single-loss cluster is an isolated loss inside a *gap*. The session is taken as preceded
///   and followed by Gmin received packets.
/// - **Appendix A.2**: the RFC's Markov-chain pseudo-code (counters c11, c13, c14, c22, c23, c33).
public struct LossPatternAnalyzer: Sendable, Hashable {
    /// Minimum gap length in packets (RFC 3611 recommends 16).
    public let gMin: Int
    /// Runs of 1…(buckets−1) consecutive losses have their own bucket; the last bucket holds longer runs.
    public static let runBuckets = 10

    // Totals.
    public private(set) var packets: Int = 0
    public private(set) var losses: Int = 0
    // Definitional reading.
    public private(set) var bursts: Int = 0
    public private(set) var burstPackets: Int = 0
    public private(set) var burstLosses: Int = 0
    private var clusterOpen = false
    private var clusterLosses = 0
    private var clusterLength = 0            // packets from the first loss up to the last loss
    private var receivedSinceLoss = 0
    // A.2 counters.
    private var a2Pkt = 0, a2Lost = 0
    private var c11 = 0, c13 = 0, c14 = 0, c22 = 0, c23 = 0, c33 = 0
    // Loss runs.
    private var currentRun = 0
    /// Histogram of consecutive-loss run lengths: index i counts runs of length i+1; the last index counts runs ≥ `runBuckets`.
    public private(set) var runHistogram: [Int]
    public private(set) var longestRun = 0

    public init(gMin: Int = 16) {
        self.gMin = gMin
        self.runHistogram = Array(repeating: 0, count: Self.runBuckets)
    }

    /// The next sequence number's fate, in sequence order.
    public mutating func record(received: Bool) {
        packets += 1
        if received {
            receivedSinceLoss += 1
            if clusterOpen && receivedSinceLoss >= gMin { closeCluster() }
            endRun()
            a2Pkt += 1
        } else {
            losses += 1
            currentRun += 1
            if clusterOpen {
                clusterLength += receivedSinceLoss + 1
                clusterLosses += 1
            } else {
                clusterOpen = true; clusterLength = 1; clusterLosses = 1
            }
            receivedSinceLoss = 0
            recordA2Loss()
        }
    }

    private mutating func closeCluster() {
        if clusterLosses >= 2 {
            bursts += 1; burstPackets += clusterLength; burstLosses += clusterLosses
        }
        clusterOpen = false; clusterLosses = 0; clusterLength = 0
    }

    private mutating func endRun() {
        guard currentRun > 0 else { return }
        runHistogram[min(currentRun, Self.runBuckets) - 1] += 1
        longestRun = max(longestRun, currentRun)
        currentRun = 0
    }

    private mutating func recordA2Loss() {
        if a2Pkt >= gMin {
            if a2Lost == 1 { c14 += 1 } else { c13 += 1 }
            a2Lost = 1
            c11 += a2Pkt
        } else {
            a2Lost += 1
            if a2Pkt == 0 { c33 += 1 } else { c23 += 1; c22 += a2Pkt - 1 }
        }
        a2Pkt = 0
    }

    /// Closes the open cluster and run (the session is taken as followed by Gmin received packets).
    public func finished() -> LossPatternAnalyzer {
        var copy = self
        if copy.clusterOpen { copy.closeCluster() }
        copy.endRun()
        return copy
    }

    /// Burst/gap metrics; durations use `packetDurationMs` (the packet interval) per packet.
    public func metrics(packetDurationMs: Double) -> BurstGapMetrics {
        let done = finished()
        let gapPackets = done.packets - done.burstPackets
        let gapLosses = done.losses - done.burstLosses
        let gaps = done.packets == 0 ? 0 : done.bursts + 1
        let definitional = BurstGapMetrics.Reading(
            burstDensity: done.burstPackets == 0 ? 0 : Double(done.burstLosses) / Double(done.burstPackets),
            gapDensity: gapPackets == 0 ? 0 : Double(gapLosses) / Double(gapPackets),
            burstDurationMs: done.bursts == 0 ? 0 : Double(done.burstPackets) * packetDurationMs / Double(done.bursts),
            gapDurationMs: gaps == 0 ? 0 : Double(gapPackets) * packetDurationMs / Double(gaps))
        return BurstGapMetrics(gMin: gMin, definitional: definitional, appendixA2: done.appendixA2(packetDurationMs),
                               bursts: done.bursts, lossRunHistogram: done.runHistogram, longestLossRun: done.longestRun)
    }

    /// RFC 3611 Appendix A.2 estimates from the Markov counters (zero denominators give 0).
    func appendixA2(_ m: Double) -> BurstGapMetrics.Reading {
        let c31 = c13, c32 = c23
        let ctotal = c11 + c14 + c13 + c22 + c23 + c31 + c32 + c33
        let p32 = (c31 + c32 + c33) == 0 ? 0 : Double(c32) / Double(c31 + c32 + c33)
        let p23 = (c22 + c23) < 1 ? 1 : 1 - Double(c22) / Double(c22 + c23)
        let burstDensity = (p23 + p32) == 0 ? 0 : p23 / (p23 + p32)
        let gapDensity = (c11 + c14) == 0 ? 0 : Double(c14) / Double(c11 + c14)
        let gapLength = c13 == 0 ? 0 : Double(c11 + c14 + c13) * m / Double(c13)
        let burstLength = c13 == 0 ? 0 : Double(ctotal) * m / Double(c13) - gapLength
        return .init(burstDensity: losses == 0 ? 0 : burstDensity, gapDensity: gapDensity,
                     burstDurationMs: burstLength, gapDurationMs: gapLength)
    }
}

/// RFC 3611 §4.7.2 burst/gap figures (Gmin given), as fractions 0…1 and milliseconds.
public struct BurstGapMetrics: Sendable, Hashable {
    public struct Reading: Sendable, Hashable {
        /// Lost fraction of the packets inside bursts (0…1; ×256 for the XR field).
        public var burstDensity: Double
        /// Lost fraction of the packets inside gaps.
        public var gapDensity: Double
        /// Mean burst duration, ms (0 without bursts).
        public var burstDurationMs: Double
        /// Mean gap duration, ms.
        public var gapDurationMs: Double

        /// The 8-bit XR field value: integer part of fraction × 256, capped at 255.
        public static func field(_ fraction: Double) -> UInt8 { UInt8(min(255, max(0, (fraction * 256).rounded(.down)))) }
    }
    public var gMin: Int
    /// §4.7.2 definitions applied to the received/lost sequence (what the report shows).
    public var definitional: Reading
    /// Appendix A.2 Markov estimates (what many RTCP-XR senders report).
    public var appendixA2: Reading
    public var bursts: Int
    /// Index i counts runs of i+1 consecutive losses; the last index counts longer runs too.
    public var lossRunHistogram: [Int]
    public var longestLossRun: Int
}
