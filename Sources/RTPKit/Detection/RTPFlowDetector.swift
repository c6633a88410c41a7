import WireCore

/// Decides whether an unsignalled UDP flow carries RTP, by watching a few packets.
///
/// A packet is a candidate when its first byte says RTP/RTCP per RFC 7983 (version 2), its
/// second byte is not RTCP per RFC 5761, the header validates (`RTPHeaderView`), and the payload
/// type is plausible (not 72–76, the RTCP-conflict range; RFC 3551 unassigned 20–24, 27, 29, 30,
/// 35–71, 77–95 rejected too). The flow is promoted after `required` consecutive candidates with
/// the same SSRC whose sequence numbers each advance by 1…`maxSequenceStep` and whose
/// timestamps do not go back by more than the sequence says. Anything else resets the count.
public struct RTPFlowDetector: Sendable, Hashable {
    public enum Verdict: Sendable, Hashable {
        case undecided
        /// RTP: the SSRC seen consistently.
        case rtp(ssrc: UInt32)
        /// Too many packets without a run of candidates; stop looking.
        case notRTP
    }

    public let required: Int
    public let maxSequenceStep: UInt16
    /// Packets inspected before giving up.
    public let patience: Int
    public private(set) var verdict: Verdict = .undecided
    private var run = 0
    private var inspected = 0
    private var lastSSRC: UInt32 = 0
    private var lastSequence: UInt16 = 0

    public init(required: Int = 4, maxSequenceStep: UInt16 = 10, patience: Int = 50) {
        self.required = required; self.maxSequenceStep = maxSequenceStep; self.patience = patience
    }

    /// Whether a payload type number is plausible for media.
    public static func isPlausiblePayloadType(_ pt: UInt8) -> Bool {
        switch pt {
        case 0...19, 25, 26, 28, 31...34, 96...127: return true
        default: return false
        }
    }

    /// Feeds one UDP payload of the flow; returns the verdict so far.
    @discardableResult
    public mutating func observe(_ payload: UnsafeRawBufferPointer) -> Verdict {
        guard case .undecided = verdict else { return verdict }
        inspected += 1
        guard MediaPortDemultiplexer.classify(payload) == .rtp, let header = try? RTPHeaderView(payload),
              Self.isPlausiblePayloadType(header.payloadType) else {
            // RTCP, STUN and DTLS may share a port with RTP: skip them without resetting the run.
            let kind = MediaPortDemultiplexer.classify(payload)
            if kind != .rtcp && kind != .stun && kind != .dtls && kind != .zrtp { run = 0 }
            return giveUpIfImpatient()
        }
        let step = header.sequenceNumber &- lastSequence
        if run > 0 && header.ssrc == lastSSRC && step >= 1 && step <= maxSequenceStep {
            run += 1
        } else {
            run = 1
        }
        lastSSRC = header.ssrc
        lastSequence = header.sequenceNumber
        if run >= required { verdict = .rtp(ssrc: header.ssrc) }
        return verdict == .undecided ? giveUpIfImpatient() : verdict
    }

    private mutating func giveUpIfImpatient() -> Verdict {
        if inspected >= patience { verdict = .notRTP }
        return verdict
    }
}
