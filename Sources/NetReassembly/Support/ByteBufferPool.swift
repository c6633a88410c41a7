/// A small free-list of byte arrays so reassembly storage is reused instead of reallocated per datagram/segment.
///
/// Buffers come back empty but keep their capacity; at most `maxPooled` are kept.
struct ByteBufferPool {
    private var free: [[UInt8]] = []
    let maxPooled: Int

    init(maxPooled: Int) { self.maxPooled = maxPooled }

    /// An empty buffer, reused from the pool when one is available.
    mutating func take() -> [UInt8] { free.popLast() ?? [] }

    /// Moves `buffer` into the pool (emptied, capacity kept), leaving an empty array behind; frees it when the
    /// pool is full. Taking it `inout` and swapping keeps the storage uniquely referenced, so emptying it never copies.
    mutating func recycle(_ buffer: inout [UInt8]) {
        var taken: [UInt8] = []
        swap(&taken, &buffer)
        guard free.count < maxPooled else { return }
        taken.removeAll(keepingCapacity: true)
        free.append(taken)
    }
}
