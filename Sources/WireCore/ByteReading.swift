/// Bounds-checked big/little-endian reads over borrowed bytes.
///
/// Every accessor returns `nil` when the read would run past the end: short input is
/// data to report, never a crash. Offsets are relative to the start of the buffer.
extension UnsafeRawBufferPointer {
    @inlinable @inline(__always) public func u8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return self[offset]
    }

    // The fixed-width reads are one unaligned load each, always inlined: they sit on the per-packet path.
    @inlinable @inline(__always) public func be16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset &+ 2 <= count, let base = baseAddress else { return nil }
        return UInt16(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always) public func be32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset &+ 4 <= count, let base = baseAddress else { return nil }
        return UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inlinable public func be64(at offset: Int) -> UInt64? {
        guard let hi = be32(at: offset), let lo = be32(at: offset &+ 4) else { return nil }
        return UInt64(hi) << 32 | UInt64(lo)
    }

    @inlinable @inline(__always) public func le16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset &+ 2 <= count, let base = baseAddress else { return nil }
        return UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always) public func le32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset &+ 4 <= count, let base = baseAddress else { return nil }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inlinable public func le64(at offset: Int) -> UInt64? {
        guard let lo = le32(at: offset), let hi = le32(at: offset &+ 4) else { return nil }
        return UInt64(hi) << 32 | UInt64(lo)
    }

    /// A 16-byte big-endian value (an IPv6 address).
    @inlinable public func be128(at offset: Int) -> UInt128? {
        guard let hi = be64(at: offset), let lo = be64(at: offset &+ 8) else { return nil }
        return UInt128(hi) << 64 | UInt128(lo)
    }

    /// The sub-buffer for `range`, or nil when it does not fit.
    @inlinable public func slice(_ range: ByteRange) -> UnsafeRawBufferPointer? {
        guard range.start >= 0, range.count >= 0, range.start &+ range.count <= count else { return nil }
        return UnsafeRawBufferPointer(rebasing: self[range.start ..< range.start + range.count])
    }
}

/// A half-open byte range inside a packet or message, stored instead of a copy.
public struct ByteRange: Hashable, Sendable {
    public var start: Int
    public var count: Int
    @inlinable public init(start: Int, count: Int) { self.start = start; self.count = count }
    @inlinable public var end: Int { start + count }
    public static let empty = ByteRange(start: 0, count: 0)
}
