/// Wrap-around arithmetic for 16-bit RTP sequence numbers (RFC 1982 serial numbers).
///
/// Deliberately not `Comparable`: "less than" is not transitive on a circle.
public struct SerialNumber16: Hashable, Sendable {
    public var value: UInt16
    @inlinable public init(_ value: UInt16) { self.value = value }
    /// Signed distance from `self` to `other` in the range -32768 ... 32767.
    @inlinable public func distance(to other: SerialNumber16) -> Int {
        Int(Int16(bitPattern: other.value &- value))
    }
}

/// Wrap-around arithmetic for 32-bit TCP sequence numbers and RTP timestamps.
public struct SerialNumber32: Hashable, Sendable {
    public var value: UInt32
    @inlinable public init(_ value: UInt32) { self.value = value }
    /// Signed distance from `self` to `other`, in -2^31 ... 2^31-1.
    @inlinable public func distance(to other: SerialNumber32) -> Int {
        Int(Int32(bitPattern: other.value &- value))
    }
    @inlinable public func advanced(by n: Int) -> SerialNumber32 {
        SerialNumber32(value &+ UInt32(truncatingIfNeeded: n))
    }
}
