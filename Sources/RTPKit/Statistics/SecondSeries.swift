import WireCore

/// One second of a stream, for charts.
public struct SecondSample: Sendable, Hashable {
    public var packets: UInt32 = 0
    /// Losses attributed to this second (growth of A.3 lost during it; may be negative).
    public var lost: Int32 = 0
    /// Largest inter-packet delta that ended in this second, ms.
    public var maxDeltaMs: Float = 0
    /// RFC 3550 jitter at the end of the second, ms.
    public var jitterMs: Float = 0
    /// UDP payload bytes (RTP header + payload) received in this second.
    public var bytes: UInt32 = 0

    /// Bit rate of the RTP packets in this second, bit/s.
    public var bitsPerSecond: Double { Double(bytes) * 8 }
}

/// Per-second time series, indexed by whole seconds since the stream's first packet.
/// Appends at most once per second of stream time; capped at `maxSeconds` (later seconds are dropped).
public struct SecondSeries: Sendable, Hashable {
    public static let maxSeconds = 86_400
    public private(set) var samples: [SecondSample] = []
    public private(set) var truncated = false
    private var origin: Timestamp = .zero

    public init() {}

    /// The sample for `arrival`'s second, creating empty seconds in between.
    mutating func withSample(at arrival: Timestamp, _ update: (inout SecondSample) -> Void) {
        if samples.isEmpty && !truncated { origin = arrival }
        let second = Int((arrival.nanoseconds &- origin.nanoseconds) / 1_000_000_000)
        guard second >= 0 else { return }
        guard second < Self.maxSeconds else { truncated = true; return }
        while samples.count <= second { samples.append(SecondSample()) }
        update(&samples[second])
    }
}
