/// A small free-list of arrays so reassembly storage is reused instead of reallocated per datagram/segment.
///
/// Arrays come back empty but keep their capacity; at most `maxPooled` are kept.
struct ArrayPool<Element> {
    private var free: [[Element]] = []
    let maxPooled: Int

    init(maxPooled: Int) { self.maxPooled = maxPooled }

    /// An empty array, reused from the pool when one is available.
    mutating func take() -> [Element] { free.popLast() ?? [] }

    /// Moves `array` into the pool (emptied, capacity kept), leaving an empty array behind; frees it when the
    /// pool is full. Taking it `inout` and swapping keeps the storage uniquely referenced, so emptying it never copies.
    mutating func recycle(_ array: inout [Element]) {
        var taken: [Element] = []
        swap(&taken, &array)
        guard free.count < maxPooled, taken.capacity > 0 else { return }
        taken.removeAll(keepingCapacity: true)
        free.append(taken)
    }
}

/// Pooled payload storage.
typealias ByteBufferPool = ArrayPool<UInt8>
