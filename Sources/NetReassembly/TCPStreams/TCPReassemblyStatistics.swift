/// Counters a `TCPStreamReassembler` keeps for reports. All counts are since creation.
public struct TCPReassemblyStatistics: Sendable, Hashable {
    /// Segments passed to `add`.
    public var segments = 0
    /// Payload bytes passed to `add`.
    public var payloadBytes = 0
    /// Bytes delivered as `.data`, each byte once.
    public var bytesDelivered = 0
    /// Segments whose bytes had all been delivered or buffered already (retransmissions, keep-alives).
    public var retransmittedSegments = 0
    /// Bytes dropped because they were delivered or buffered already (whole retransmissions and overlaps).
    public var duplicateBytes = 0
    /// Segments that arrived ahead of a hole and were buffered.
    public var outOfOrderSegments = 0
    /// Holes skipped, and the bytes they held.
    public var gaps = 0
    public var gapBytes = 0
    /// Of `gaps`: forced by a buffer cap, by `Limits.gapTimeout`, or when the stream closed with data buffered.
    public var gapsForcedByCap = 0
    public var gapsForcedByTimeout = 0
    public var gapsAtClose = 0
    /// Directions whose stream started (on SYN or mid-stream on the first data).
    public var streamsOpened = 0
    /// Streams ended, per reason.
    public var closures: [TCPCloseReason: Int] = [:]
    /// Highest buffered bytes at once (payload plus per-segment overhead), and streams tracked at once.
    public var peakBufferedBytes = 0
    public var peakStreams = 0

    public init() {}
}
