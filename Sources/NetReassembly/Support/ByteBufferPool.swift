/// A small free-list of byte arrays so reassembly storage is reused instead of reallocated per datagram/segment.
///
/// Buffers come back empty but keep their capacity; at most `maxPooled` are kept.
struct ByteBufferPool {
    private var free: [[UInt8]] = []
    let maxPooled: Int

    init(maxPooled: Int) { self.maxPooled = maxPooled }

    /// An empty buffer, reused from the pool when one is available.
    mutating func take() -> [UInt8] { free.popLast() ?? [] }

    /// Returns `buffer` to the pool (emptied, capacity kept), or frees it when the pool is full.
    mutating func recycle(_ buffer: consuming [UInt8]) {
        guard free.count < maxPooled else { return }
        var buffer = buffer
        buffer.removeAll(keepingCapacity: true)
        free.append(buffer)
    }
}
