import WireCore

/// Byte order for multi-byte fields written by the test builders.
public enum ByteOrder: Sendable, Hashable {
    case littleEndian, bigEndian
}

extension Array where Element == UInt8 {
    /// Appends `value` in the given byte order (all bytes of its width).
    public mutating func append<T: FixedWidthInteger>(_ value: T, _ order: ByteOrder) {
        let width = T.bitWidth / 8
        for i in 0..<width {
            let shift = order == .bigEndian ? (width - 1 - i) * 8 : i * 8
            append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    /// Appends `value` big-endian (network byte order).
    public mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) { append(value, .bigEndian) }

    /// Appends `value` little-endian.
    public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) { append(value, .littleEndian) }

    /// Appends zero bytes until `count` is a multiple of `alignment`.
    public mutating func padToMultiple(of alignment: Int) {
        while count % alignment != 0 { append(0) }
    }

    /// Overwrites two bytes at `offset` with `value` big-endian.
    public mutating func setBigEndian16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}

/// Parses hex text such as `"45 00 00 1c"` or `"4500001c"` (whitespace ignored) into bytes.
/// Returns nil for odd digit counts or non-hex characters. Handy for test vectors copied from tcpdump -X.
public func bytesFromHex(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    var high: UInt8?
    for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
        guard let nibble = UInt8(String(scalar), radix: 16) else { return nil }
        if let h = high { out.append(h << 4 | nibble); high = nil } else { high = nibble }
    }
    return high == nil ? out : nil
}

extension IPAddress {
    /// The address as it appears on the wire: 4 bytes for IPv4, 16 for IPv6 (network byte order).
    public var wireBytes: [UInt8] {
        var out: [UInt8] = []
        if let v4 = ipv4 { out.appendBigEndian(v4) } else { out.appendBigEndian(bits) }
        return out
    }
}
