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

/// Binary min-heap of events over manually managed storage (no copy-on-write or uniqueness checks in
/// the hot loop). Its size is bounded by the concurrent calls and the packets in flight per stream
/// (jitter is capped), and storage only grows, so steady state does not allocate.
final class EventQueue {
    private var storage: UnsafeMutablePointer<SynthEvent>
    private var capacity: Int
    private(set) var count = 0
    private var counter: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = UnsafeMutablePointer<SynthEvent>.allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Adds `event`; events at the same time come out in the order they were pushed.
    func push(_ event: SynthEvent) {
        if count == capacity { grow() }
        var event = event
        event.order = counter
        counter &+= 1
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard SynthEvent.precedes(event, storage[parent]) else { break }
            (storage + child).initialize(to: storage[parent])
            child = parent
        }
        (storage + child).initialize(to: event)
    }

    /// Removes and returns the earliest event.
    func pop() -> SynthEvent? {
        guard count > 0 else { return nil }
        let top = storage[0]
        count -= 1
        guard count > 0 else { return top }
        // Move the last element down from the root through a hole.
        let last = storage[count]
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            let right = left + 1
            let child = right < count && SynthEvent.precedes(storage[right], storage[left]) ? right : left
            guard SynthEvent.precedes(storage[child], last) else { break }
            storage[parent] = storage[child]
            parent = child
        }
        storage[parent] = last
        return top
    }

    private func grow() {
        let larger = UnsafeMutablePointer<SynthEvent>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}
