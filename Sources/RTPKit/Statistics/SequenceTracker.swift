/// RFC 3550 Appendix A.1 sequence-number validation and extension, with A.3 expected/lost.
///
/// Follows the RFC code (MAX_DROPOUT 3000, MAX_MISORDER 100, MIN_SEQUENTIAL 2) with one
/// documented difference: the packets that pass probation are counted in `received` and the
/// base is the first of them (A.1 drops them and bases on the packet ending probation). Both
/// `expected` and `received` grow by the same amount, so `lost` is unchanged. A restart (two
/// sequential packets after a large jump, A.1 "init_seq") keeps the totals of the earlier run
/// in `expected`/`received` so nothing measured is forgotten; `restarts` counts them.
public struct SequenceTracker: Sendable, Hashable {
    public static let maxDropout: UInt16 = 3000
    public static let maxMisorder: UInt16 = 100
    public static let minSequential = 2
    static let sequenceModulus = 65536

    /// What A.1 decided about one packet.
    public enum Verdict: Sendable, Hashable {
        /// Accepted; `extended` is its extended sequence number.
        case accepted(extended: Int64)
        /// Still on probation (not yet a valid source); the packet is held, not counted.
        case probation
        /// Validated now: the held probation packet (`heldExtended`) and this one are accepted.
        case validated(heldExtended: Int64, extended: Int64)
        /// A large jump, rejected (the RFC's "bad_seq" path).
        case rejected
        /// Two sequential packets after a jump: the source restarted; counters begin again here.
        case restarted(extended: Int64)
    }

    public private(set) var maxSequence: UInt16 = 0
    /// Count of sequence wraps × 65536 (the RFC's `cycles`).
    public private(set) var cycles: Int64 = 0
    public private(set) var baseSequence: Int64 = 0
    private var badSequence = sequenceModulus + 1
    private var probation = minSequential
    private var heldSequence: UInt16 = 0
    private var started = false
    /// Packets accepted (duplicates included, as in A.1).
    public private(set) var received: Int64 = 0
    /// Packets rejected as large jumps.
    public private(set) var rejected: Int = 0
    public private(set) var restarts: Int = 0
    private var earlierExpected: Int64 = 0
    private var earlierReceived: Int64 = 0
    private var expectedPrior: Int64 = 0
    private var receivedPrior: Int64 = 0

    public init() {}

    /// Highest extended sequence number received (A.3 `extended_max`).
    @inlinable public var extendedMax: Int64 { cycles + Int64(maxSequence) }
    /// Whether probation has been passed.
    public var isValid: Bool { started && probation == 0 }

    /// A.3 expected = extended_max − base_seq + 1, plus earlier runs before restarts.
    public var expected: Int64 { isValid ? earlierExpected + extendedMax - baseSequence + 1 : earlierExpected }
    public var totalReceived: Int64 { earlierReceived + received }
    /// A.3 cumulative lost (negative when duplicates outnumber losses).
    public var lost: Int64 { expected - totalReceived }

    /// A.3 fraction lost since the previous call, as the RTCP 8-bit fixed-point value (0–255).
    public mutating func intervalFractionLost() -> UInt8 {
        let expectedInterval = expected - expectedPrior, receivedInterval = totalReceived - receivedPrior
        expectedPrior = expected; receivedPrior = totalReceived
        let lostInterval = expectedInterval - receivedInterval
        guard expectedInterval > 0, lostInterval > 0 else { return 0 }
        return UInt8(min(255, (lostInterval << 8) / expectedInterval))
    }

    private mutating func initSequence(_ sequence: UInt16) {
        baseSequence = Int64(sequence); maxSequence = sequence
        badSequence = Self.sequenceModulus + 1
        cycles = 0; received = 0
    }

    /// A.1 `update_seq` for one packet, in arrival order.
    public mutating func update(_ sequence: UInt16) -> Verdict {
        if !started {
            started = true
            initSequence(sequence)
            maxSequence = sequence &- 1
            probation = Self.minSequential
        }
        let udelta = sequence &- maxSequence
        if probation > 0 {
            if sequence == maxSequence &+ 1 {
                probation -= 1
                maxSequence = sequence
                if probation == 0 {
                    initSequence(heldSequence)
                    // Re-run the held packet and this one through the valid path.
                    maxSequence = heldSequence
                    received = 1
                    let extended = acceptInOrder(sequence)
                    return .validated(heldExtended: Int64(heldSequence), extended: extended)
                }
                heldSequence = sequence
            } else {
                probation = Self.minSequential - 1
                maxSequence = sequence
                heldSequence = sequence
            }
            return .probation
        }
        if udelta < Self.maxDropout {
            return .accepted(extended: acceptInOrder(sequence))
        } else if udelta <= UInt16(Self.sequenceModulus - Int(Self.maxMisorder)) {
            if Int(sequence) == badSequence {
                earlierExpected += extendedMax - baseSequence + 1
                earlierReceived += received
                restarts += 1
                initSequence(sequence)
                received = 1
                return .restarted(extended: Int64(sequence))
            }
            badSequence = (Int(sequence) + 1) & (Self.sequenceModulus - 1)
            rejected += 1
            return .rejected
        } else {
            // Duplicate or reordered: extended number is relative to the current maximum.
            received += 1
            let back = Int64(maxSequence &- sequence)
            return .accepted(extended: extendedMax - back)
        }
    }

    private mutating func acceptInOrder(_ sequence: UInt16) -> Int64 {
        if sequence < maxSequence { cycles += Int64(Self.sequenceModulus) }
        maxSequence = sequence
        received += 1
        return extendedMax
    }
}
