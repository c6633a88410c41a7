/// A scheduled action of the synthesiser, ordered by capture time (then by scheduling order, so
/// events at the same nanosecond keep a fixed order and output is deterministic).
struct SynthEvent {
    enum Kind: UInt8 {
        /// The next SIP message of call `target`.
        case sip
        /// Stream `target` sends its next RTP packet (loss and delay are decided here).
        case rtpSend
        /// An RTP packet of stream `target` reaches the capture point: write it.
        case rtpArrive
        /// Stream `target`'s sender emits an RTCP SR.
        case rtcp
    }

    var time: Int64
    var order: UInt64 = 0
    var target: UInt32
    var kind: Kind
    /// rtpArrive only: bit 0 marker, bit 1 DTMF, bit 2 DTMF End.
    var flags: UInt8 = 0
    var dtmfEvent: UInt8 = 0
    var sequence: UInt16 = 0
    var dtmfDuration: UInt16 = 0
    var rtpTimestamp: UInt32 = 0

    static let markerFlag: UInt8 = 1
    static let dtmfFlag: UInt8 = 2
    static let endFlag: UInt8 = 4

    @inline(__always)
    static func precedes(_ a: SynthEvent, _ b: SynthEvent) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }
}

/// Binary min-heap of events. Its size is bounded by the concurrent calls and the packets in
/// flight per stream (jitter is capped), and its storage is reused, so steady state does not allocate.
struct EventQueue {
    private var heap: [SynthEvent] = []
    private var counter: UInt64 = 0

    init(capacity: Int) { heap.reserveCapacity(capacity) }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    mutating func push(_ event: SynthEvent) {
        var event = event
        event.order = counter
        counter &+= 1
        heap.append(event)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard SynthEvent.precedes(event, heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = event
    }

    mutating func pop() -> SynthEvent? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        let count = heap.count
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            let right = left + 1
            let child = right < count && SynthEvent.precedes(heap[right], heap[left]) ? right : left
            guard SynthEvent.precedes(heap[child], last) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }
}
