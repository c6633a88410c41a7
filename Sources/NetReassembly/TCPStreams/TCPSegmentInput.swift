import WireCore

/// The TCP control bits the reassembler acts on, with the TCP header's bit positions (RFC 793 §3.1),
/// so a decoder can pass `TCPControlFlags(rawValue: flagsByte)` directly.
public struct TCPControlFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let fin = TCPControlFlags(rawValue: 0x01)
    public static let syn = TCPControlFlags(rawValue: 0x02)
    public static let rst = TCPControlFlags(rawValue: 0x04)
}

/// One TCP segment as decoded from a packet, payload borrowed for the duration of `TCPStreamReassembler.add`.
public struct TCPSegmentInput {
    /// Direction of the segment (source = sender).
    public var flow: FlowKey
    /// The header's sequence number (of the SYN itself when SYN is set).
    public var sequence: UInt32
    public var flags: TCPControlFlags
    public var payload: UnsafeRawBufferPointer
    /// Capture time of the packet.
    public var time: Timestamp

    @inlinable public init(flow: FlowKey, sequence: UInt32, flags: TCPControlFlags = [], payload: UnsafeRawBufferPointer, time: Timestamp) {
        self.flow = flow; self.sequence = sequence; self.flags = flags; self.payload = payload; self.time = time
    }
}

/// Why a direction's byte stream ended.
public enum TCPCloseReason: String, Sendable, Hashable, CaseIterable {
    /// All bytes up to the sender's FIN were delivered.
    case fin
    /// A RST was seen in either direction.
    case reset
    /// No segment for `Limits.idleTimeout` of capture time.
    case idleTimeout = "idle_timeout"
    /// Evicted to make room (`Limits.maxStreams`).
    case evicted
    /// A SYN with a different initial sequence number started a new connection on the same ports.
    case replaced
    /// `finish` was called at the end of the capture.
    case endOfCapture = "end_of_capture"
}

/// Something that happened on one direction's byte stream, in stream order.
///
/// A `.data` buffer is borrowed: valid only inside the callback that receives it (copy what must be kept).
public struct TCPStreamEvent {
    public enum Kind {
        /// The next bytes of the stream, in sequence order, without duplicates.
        case data(UnsafeRawBufferPointer)
        /// `bytes` bytes were never seen; the stream resumes with the next `.data`.
        case gap(bytes: Int)
        /// The stream ended; no more events follow for this flow (a later segment starts a new stream).
        case closed(TCPCloseReason)
    }

    public var flow: FlowKey
    /// Capture time at which the bytes became readable in order (the segment that filled the hole, or the
    /// segment's own arrival when the stream skipped a gap); for `.gap`/`.closed`, the time of the decision.
    public var time: Timestamp
    public var kind: Kind
}
