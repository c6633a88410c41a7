import WireCore

/// A segment that arrived ahead of a hole, copied into pooled storage.
struct PendingSegment {
    var start: SerialNumber32
    var bytes: [UInt8]
    /// Capture time of its arrival.
    var arrival: Timestamp
}

/// One direction of a TCP connection: where the in-order stream is and what is buffered beyond it.
struct HalfStream {
    /// Sequence number of the next byte to deliver.
    var nextSequence: SerialNumber32
    /// Out-of-order segments, sorted by distance from `nextSequence` (all ahead of it).
    var pending: [PendingSegment] = []
    /// Accounted bytes held in `pending` (payload + per-segment overhead).
    var bufferedBytes = 0
    /// Sequence number of the SYN, when the stream started with one (tells a retransmitted SYN from a new connection).
    var synSequence: SerialNumber32?
    /// Sequence number just past the last byte, once a FIN was seen.
    var finSequence: SerialNumber32?
    var lastActivity: Timestamp
    /// When the stream started waiting for the current hole; nil when nothing is waited for.
    var waitingSince: Timestamp?

    /// An empty value to swap into a table slot while the real stream is worked on (allocates nothing).
    static let placeholder = HalfStream(nextSequence: SerialNumber32(0), time: .zero)

    init(nextSequence: SerialNumber32, time: Timestamp) {
        self.nextSequence = nextSequence
        self.lastActivity = time
    }

    /// True once every byte up to the FIN was delivered.
    var reachedFIN: Bool { finSequence.map { nextSequence.distance(to: $0) <= 0 } ?? false }

    /// Whether the stream waits for bytes: something is buffered beyond a hole, or a FIN is still ahead.
    var hasHole: Bool {
        !pending.isEmpty || (finSequence.map { nextSequence.distance(to: $0) > 0 } ?? false)
    }

    /// Where a segment starting at `start` goes in `pending` (after any with the same start).
    func insertionIndex(for start: SerialNumber32) -> Int {
        let distance = nextSequence.distance(to: start)
        var index = pending.count
        while index > 0 && nextSequence.distance(to: pending[index - 1].start) > distance { index -= 1 }
        return index
    }

    /// True when a buffered segment already holds every byte of `start ..< start + count`.
    func alreadyBuffers(start: SerialNumber32, count: Int) -> Bool {
        pending.contains { held in
            let lead = held.start.distance(to: start)
            return lead >= 0 && lead + count <= held.bytes.count
        }
    }
}
