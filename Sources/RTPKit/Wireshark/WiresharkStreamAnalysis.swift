import WireCore

/// Reproduces tshark 4.0.17's per-stream RTP analysis (`-z rtp,streams`; Wireshark 4.0
/// ui/tap-rtp-analysis.c `rtppacket_analyse` and ui/cli/tap-rtp.c), bug for bug.
///
/// Rules, as observed on tshark 4.0.17 and checked against the shared reference captures:
/// - A packet is "in time sequence" when its unwrapped RTP timestamp is not below the stream's
///   *first* packet's. Only such packets update delta/jitter and become the new reference
///   (arrival time + timestamp); a reordered packet with a later timestamp than the first one
///   therefore still counts and becomes the reference.
/// - D = |(arrival − reference arrival) − (nominal − reference nominal)| in ms, nominal =
///   (ts − first ts)/(clock/1000) with Wireshark's *integer* clock/1000; J = (15·J + D)/16, for
///   every in-sequence packet with a known clock rate. Telephone-event and dynamic types without
///   rtpmap have clock 0: no jitter update and no new reference nominal time, but they still
///   move the reference arrival time.
/// - delta = arrival − reference arrival (not the previous packet's arrival).
/// - min/max/mean delta and jitter take only "regular" packets: not the first, not marker-bit,
///   not comfort noise (PT 13/19) nor the packet after one, not wrong-timestamp. Means are
///   (mean·(n−1) + x)/n with n = packets seen before this one, skipped packets included.
/// - lost = (last received seq + 65536·cycles) − first seq + 1 − packets, cycles counted by
///   Wireshark's wrap heuristic; "Problems?" is set by any wrong-sequence or wrong-timestamp packet.
public struct WiresharkStreamAnalysis: Sendable, Hashable {
    /// Packets seen (tshark "Pkts").
    public private(set) var packets: Int = 0
    public private(set) var firstArrival: Timestamp = .zero
    public private(set) var lastArrival: Timestamp = .zero
    public private(set) var startSequence: UInt16 = 0
    /// Sequence number of the last packet received (not the highest).
    public private(set) var stopSequence: UInt16 = 0
    /// Wrap count from Wireshark's heuristic.
    public private(set) var cycles: Int = 0
    /// Packets that Wireshark flagged as wrong sequence (lost, late or duplicated).
    public private(set) var sequenceErrors: Int = 0
    /// Packets flagged as wrong timestamp (timestamp before the first packet's).
    public private(set) var wrongTimestamps: Int = 0
    /// tshark's "Problems?" column.
    public private(set) var problem = false
    /// Bit i set when payload type i was seen.
    public private(set) var payloadTypesSeen: UInt128 = 0

    // Delta/jitter figures in ms; -1 marks "no regular packet yet" as Wireshark prints it.
    public private(set) var minDeltaMs: Double = -1
    public private(set) var maxDeltaMs: Double = 0
    public private(set) var meanDeltaMs: Double = 0
    public private(set) var minJitterMs: Double = -1
    public private(set) var maxJitterMs: Double = 0
    public private(set) var meanJitterMs: Double = 0
    /// Current J in ms.
    public private(set) var jitterMs: Double = 0

    private var lastSequence: UInt16 = 0
    private var underWrap = false
    private var firstExtendedTimestamp: Int64 = 0
    /// Nominal time (ms since the first packet's timestamp) of the last in-sequence packet with a clock.
    private var lastNominalMs: Double = 0
    /// Arrival of the reference packet in ms since `timeOrigin`, as tshark's double `rel_ts`.
    private var referenceMs: Double = 0
    /// The capture's first frame time: tshark computes in ms relative to it, and its rounding shows.
    public let timeOrigin: Timestamp
    private var unwrapper = TimestampUnwrapper()
    private var deltaMs: Double = 0
    private var previousPayloadType: UInt8 = 0

    /// - Parameter timeOrigin: the capture's first frame time (tshark's `rel_ts` origin). tshark
    ///   works in double ms relative to it; with another origin the last printed digit can differ
    ///   (and with epoch 0, absolute times lose precision), so pass the real one.
    public init(timeOrigin: Timestamp) { self.timeOrigin = timeOrigin }

    /// tshark's `nstime_to_msec(rel_ts)`: seconds·1000 + nanoseconds/1e6, in doubles.
    @inlinable func relativeMs(_ time: Timestamp) -> Double {
        let relative = Timestamp(nanoseconds: time.nanoseconds &- timeOrigin.nanoseconds)
        return Double(relative.wholeSeconds) * 1000 + Double(relative.subsecondNanoseconds) / 1_000_000
    }

    /// Feeds one packet in capture order.
    /// - Parameters:
    ///   - arrival: capture time of the packet.
    ///   - clockRate: from `WiresharkPayloadTypes.analysisClockRate` (0 = unknown / telephone-event).
    public mutating func observe(arrival: Timestamp, sequence: UInt16, timestamp: UInt32, payloadType: UInt8,
                                 marker: Bool, clockRate: UInt32) {
        let extended = unwrapper.unwrap(timestamp)
        payloadTypesSeen |= UInt128(1) << UInt128(payloadType & 0x7F)
        lastArrival = arrival
        if packets == 0 {
            startSequence = sequence; stopSequence = sequence; lastSequence = sequence
            firstArrival = arrival; referenceMs = relativeMs(arrival)
            firstExtendedTimestamp = extended
            previousPayloadType = payloadType
            packets = 1
            return
        }

        let inTimeSequence = extended >= firstExtendedTimestamp
        var wrongSequence = false
        if !inTimeSequence { wrongTimestamps += 1 }

        // Wrap counting (Wireshark's heuristic, judged against the first sequence number).
        if sequence < startSequence && inTimeSequence && !underWrap {
            cycles += 1; underWrap = true
        } else if sequence == 0 && stopSequence == 65535 && inTimeSequence && !underWrap {
            cycles += 1; underWrap = true
        } else if sequence > startSequence && inTimeSequence && underWrap {
            underWrap = false
        }

        // Sequence checks, in Wireshark's integer arithmetic (int promotion of guint16).
        let last = Int(lastSequence), current = Int(sequence)
        if inTimeSequence && last + 1 == current {
            lastSequence = sequence
        } else if inTimeSequence && last == 65535 && current == 0 {
            lastSequence = sequence
        } else if inTimeSequence && (last + 1 < current || last - current > 0xFF00) {
            lastSequence = sequence; sequenceErrors += 1; wrongSequence = true
        } else if last + 1 > current {
            sequenceErrors += 1; wrongSequence = true
        }

        let comfortNoise = payloadType == 13 || payloadType == 19
        let followsComfortNoise = previousPayloadType == 13 || previousPayloadType == 19
        previousPayloadType = payloadType

        var currentJitter = 0.0, currentMs = 0.0
        if inTimeSequence {
            currentMs = relativeMs(arrival)
            deltaMs = currentMs - referenceMs
            if clockRate >= 1000 {
                // Nominal time of this packet since the first one, in ms of its own clock;
                // compared with the nominal time of the last packet that had a clock rate.
                let nominalMs = Double(extended - firstExtendedTimestamp) / Double(clockRate / 1000)
                let difference = abs(deltaMs - (nominalMs - lastNominalMs))
                currentJitter = (15 * jitterMs + difference) / 16
                jitterMs = currentJitter
                lastNominalMs = nominalMs
            }
        }

        let regular = !marker && !comfortNoise && inTimeSequence && !followsComfortNoise
        if regular {
            let n = Double(packets)
            if deltaMs > maxDeltaMs { maxDeltaMs = deltaMs }
            if minDeltaMs == -1 || deltaMs < minDeltaMs { minDeltaMs = deltaMs }
            meanDeltaMs = (meanDeltaMs * (n - 1) + deltaMs) / n
            if clockRate != 0 {
                if jitterMs > maxJitterMs { maxJitterMs = jitterMs }
                meanJitterMs = (meanJitterMs * (n - 1) + currentJitter) / n
                if minJitterMs == -1 || jitterMs < minJitterMs { minJitterMs = jitterMs }
            }
        }

        if inTimeSequence { referenceMs = currentMs }
        if wrongSequence || !inTimeSequence { problem = true }
        stopSequence = sequence
        packets += 1
    }

    /// tshark's expected count: (last seq + 65536·cycles) − first seq + 1, in 32-bit unsigned arithmetic.
    public var expected: UInt32 {
        UInt32(stopSequence) &+ UInt32(truncatingIfNeeded: cycles) &* 65536 &- UInt32(startSequence) &+ 1
    }

    /// tshark's "Lost": expected − packets (negative when duplicates outnumber losses).
    public var lost: Int { Int(Int32(bitPattern: expected &- UInt32(truncatingIfNeeded: packets))) }

    /// Lost as a percentage of expected, as tshark prints it ("%.1f%%").
    public var lostPercent: Double {
        expected == 0 ? 0 : Double(Int32(truncatingIfNeeded: lost &* 100)) / Double(expected)
    }
}

/// Unwraps 32-bit RTP timestamps into a monotonic-ish 64-bit count: each value is placed within
/// ±2^31 of the previous one (RFC 3550 timestamps are modulo 2^32).
public struct TimestampUnwrapper: Sendable, Hashable {
    private var last: Int64?
    public init() {}
    public mutating func unwrap(_ timestamp: UInt32) -> Int64 {
        guard let previous = last else { last = Int64(timestamp); return Int64(timestamp) }
        let step = Int64(Int32(bitPattern: timestamp &- UInt32(truncatingIfNeeded: previous)))
        let value = previous + step
        last = value
        return value
    }
}
