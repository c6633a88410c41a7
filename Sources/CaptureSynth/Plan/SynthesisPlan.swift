import WireCore

/// What to synthesise: call count and length, codec, impairments and output format.
///
/// Every random choice derives from `seed`, so a plan always produces the same bytes.
public struct SynthesisPlan: Sendable, Hashable {
    /// Timestamp resolution of the classic pcap file.
    public enum Precision: String, Sendable, Hashable, CaseIterable {
        /// Magic 0xA1B2C3D4, microsecond timestamps (readable by every tool).
        case microseconds = "us"
        /// Magic 0xA1B23C4D, nanosecond timestamps.
        case nanoseconds = "ns"
    }

    /// Number of calls; all are set up during the ramp, so they run concurrently.
    public var calls: Int
    /// Media length of each answered call, in seconds (from answer to BYE).
    public var durationSeconds: Double
    /// Seconds over which call starts are spread (uniformly); nil: a quarter of the duration, at most 30 s.
    public var rampSeconds: Double?
    public var codec: SynthCodec = .pcmu
    /// Packet-loss percentage applied to RTP audio (0...100). The first and last packet of each stream
    /// and DTMF event packets are never dropped, so an analyser's expected-minus-received equals the
    /// summary's `dropped - duplicates` exactly.
    public var lossPercent: Double = 0
    /// Mean loss-burst length in packets. At most 1: independent (Bernoulli) losses; above 1: a
    /// two-state Gilbert-Elliott chain whose bad state always loses and lasts `burstLength` packets on average.
    public var burstLength: Double = 1
    /// Mean extra network delay in ms (exponentially distributed, capped at 10× the mean) added to RTP
    /// arrival times (the first packet of a stream is never delayed, so it always arrives first).
    /// For i.i.d. exponential delays E|D_i - D_(i-1)| equals the mean, so the RFC 3550 interarrival
    /// jitter settles near this value. Values above about 20 ms reorder packets.
    public var jitterMilliseconds: Double = 0
    /// Percentage of RTP packets captured twice (the copy arrives up to 2 ms later plus its own jitter).
    public var duplicatePercent: Double = 0
    /// Fraction of calls (0...1) that fail: 486 Busy Here, 503 Service Unavailable or CANCEL/487, in 4:3:3 proportion.
    public var failureRatio: Double = 0
    /// DTMF digits (0-9, *, #, A-D) sent as RFC 4733 events (PT 101) caller→callee, from 2 s after answer.
    public var dtmfDigits: String = ""
    /// Number of carrier gateways (SIP peers) the calls are spread over (round robin), 1...200.
    public var carriers: Int = 4
    /// Round-trip time in ms the RTCP reports are made to show (DLSR is shortened by it), RFC 3550 6.4.1.
    public var rtcpRoundTripMilliseconds: Double = 40
    /// Mean RTCP sender-report interval in seconds (each interval is uniform in 0.8…1.2× this).
    public var rtcpIntervalSeconds: Double = 5
    public var seed: UInt64 = 1
    public var precision: Precision = .microseconds
    /// Capture time of the first INVITE (default 2026-01-01T00:00:00Z).
    public var start = Timestamp(seconds: 1_767_225_600, nanoseconds: 0)

    public init(calls: Int, durationSeconds: Double) {
        self.calls = calls
        self.durationSeconds = durationSeconds
    }

    /// The ramp actually used, in seconds.
    public var effectiveRampSeconds: Double { rampSeconds ?? min(durationSeconds / 4, 30) }

    /// Checks every value; the message names the offending option.
    public func validate() throws(SynthesisError) {
        func fail(_ text: String) -> SynthesisError { SynthesisError(.invalidPlan, text) }
        guard calls >= 1, calls <= 10_000_000 else { throw fail("calls must be 1...10000000, got \(calls)") }
        guard durationSeconds >= 0.1, durationSeconds <= 86_400 else {
            throw fail("duration must be 0.1...86400 s, got \(durationSeconds)")
        }
        guard effectiveRampSeconds >= 0, effectiveRampSeconds <= 86_400 else { throw fail("ramp must be 0...86400 s") }
        guard lossPercent >= 0, lossPercent < 100 else { throw fail("loss must be 0...<100 %, got \(lossPercent)") }
        guard burstLength >= 0, burstLength <= 10_000 else { throw fail("burst must be 0...10000 packets, got \(burstLength)") }
        if burstLength > 1, lossPercent > 0 {
            // Entering the bad state needs probability L/(X(1-L)) <= 1.
            let l = lossPercent / 100
            guard l / (burstLength * (1 - l)) <= 1 else {
                throw fail("loss \(lossPercent) % cannot be reached with mean burst \(burstLength)")
            }
        }
        guard jitterMilliseconds >= 0, jitterMilliseconds <= 10_000 else { throw fail("jitter must be 0...10000 ms") }
        guard duplicatePercent >= 0, duplicatePercent <= 100 else { throw fail("duplicates must be 0...100 %") }
        guard failureRatio >= 0, failureRatio <= 1 else { throw fail("failure ratio must be 0...1, got \(failureRatio)") }
        guard carriers >= 1, carriers <= 200 else { throw fail("carriers must be 1...200, got \(carriers)") }
        guard rtcpRoundTripMilliseconds >= 0, rtcpRoundTripMilliseconds <= 2_000 else { throw fail("RTCP round trip must be 0...2000 ms") }
        guard rtcpIntervalSeconds >= 0.5, rtcpIntervalSeconds <= 3_600 else { throw fail("RTCP interval must be 0.5...3600 s") }
        for character in dtmfDigits where DTMFSchedule.eventCode(character) == nil {
            throw fail("DTMF digit '\(character)' is not one of 0-9 * # A-D")
        }
    }
}
