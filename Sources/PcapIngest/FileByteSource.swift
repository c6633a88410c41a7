#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sequential buffered reads from a file, handing out borrowed windows of one buffer.
///
/// A window returned by `window(_:)` stays valid until the next `ensure`. Memory is bounded by
/// the largest window requested (one block), never by the file size.
final class FileByteSource {
    private let file: UnsafeMutablePointer<FILE>
    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var eof = false
    /// File offset of the first unconsumed byte.
    private(set) var offset: Int64 = 0

    init?(path: String, chunkSize: Int = 1 << 20) {
        guard let f = fopen(path, "rb") else { return nil }
        file = f
        storage = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        storage.deallocate()
        fclose(file)
    }

    /// Makes `count` bytes available; returns how many are (fewer only at end of file).
    func ensure(_ count: Int) -> Int {
        if end - start >= count || eof { return min(end - start, count) }
        let live = end - start
        if count > storage.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
            if live > 0 { bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[start ..< end])) }
            storage.deallocate()
            storage = bigger
        } else if start > 0, let base = storage.baseAddress {
            memmove(base, base + start, live)
        }
        start = 0; end = live
        while end < count && !eof, let base = storage.baseAddress {
            let got = fread(base + end, 1, storage.count - end, file)
            if got == 0 { eof = true }
            end += got
        }
        return min(end - start, count)
    }

    /// The next `count` bytes (made available by `ensure`), not consumed.
    func window(_ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: storage[start ..< start + count])
    }

    func consume(_ count: Int) { start += count; offset += Int64(count) }
}
