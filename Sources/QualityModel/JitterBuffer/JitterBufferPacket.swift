/// One received RTP packet as the jitter-buffer simulator sees it (feed in arrival order).
public struct JitterBufferPacket: Sendable, Equatable {
    /// Capture time of arrival, nanoseconds (any epoch, consistent within the stream).
    public var arrivalNanoseconds: Int64
    /// RTP timestamp (clock-rate units, modulo 2³²).
    public var rtpTimestamp: UInt32
    /// RTP sequence number (modulo 2¹⁶).
    public var sequence: UInt16
    /// RTP marker bit (start of a talkspurt for audio, RFC 3551 §4.1).
    public var marker: Bool
    /// RTP payload type (informational; feed only the stream's media packets).
    public var payloadType: UInt8
    /// RTP clock rate (Hz), e.g. 8000; must be > 0.
    public var clockRate: Int

    public init(arrivalNanoseconds: Int64, rtpTimestamp: UInt32, sequence: UInt16, marker: Bool = false,
                payloadType: UInt8 = 0, clockRate: Int) {
        self.arrivalNanoseconds = arrivalNanoseconds; self.rtpTimestamp = rtpTimestamp; self.sequence = sequence
        self.marker = marker; self.payloadType = payloadType; self.clockRate = clockRate
    }

    /// Convenience with the arrival in milliseconds (rounded to whole nanoseconds).
    public init(arrivalMs: Double, rtpTimestamp: UInt32, sequence: UInt16, marker: Bool = false,
                payloadType: UInt8 = 0, clockRate: Int) {
        self.init(arrivalNanoseconds: Int64((arrivalMs * 1e6).rounded()), rtpTimestamp: rtpTimestamp, sequence: sequence,
                  marker: marker, payloadType: payloadType, clockRate: clockRate)
    }
}

/// What happened to one fed packet.
public enum JitterBufferPacketFate: Sendable, Equatable {
    /// Played; `waitMs` is the time it spent in the buffer (deadline − arrival). For `ideal` the wait is
    /// only known at `finish()`, so it is reported as `nil` here.
    case played(waitMs: Double?)
    /// Arrived after its playout deadline (or more than the sequence window behind the newest packet).
    case discardedLate
    /// Arrived so early it would have waited longer than the buffer's capacity.
    case discardedOverflow
    /// A copy of a packet already received (not counted as late).
    case duplicate
    /// Not usable (clock rate ≤ 0); counted in `invalidPackets`.
    case invalid
}
