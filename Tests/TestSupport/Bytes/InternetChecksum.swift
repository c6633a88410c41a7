import WireCore

/// The RFC 1071 Internet checksum (16-bit one's complement of the one's complement sum).
public enum InternetChecksum {
    /// One's complement sum of `bytes` as big-endian 16-bit words (odd tail padded with zero), not folded.
    public static func partialSum(_ bytes: [UInt8], into sum: UInt64 = 0) -> UInt64 {
        var sum = sum
        var i = 0
        while i + 1 < bytes.count {
            sum &+= UInt64(bytes[i]) << 8 | UInt64(bytes[i + 1])
            i += 2
        }
        if i < bytes.count { sum &+= UInt64(bytes[i]) << 8 }
        return sum
    }

    /// Folds a partial sum and complements it: the value to store in a checksum field.
    public static func finish(_ sum: UInt64) -> UInt16 {
        var s = sum
        while s > 0xFFFF { s = (s & 0xFFFF) + (s >> 16) }
        return ~UInt16(s)
    }

    /// The checksum of `bytes` (the checksum field inside must be zero).
    public static func compute(_ bytes: [UInt8]) -> UInt16 { finish(partialSum(bytes)) }

    /// UDP/TCP checksum over the pseudo-header (RFC 768, RFC 793 §3.1 for IPv4; RFC 8200 §8.1 for IPv6)
    /// and the transport `segment` (whose checksum field must be zero).
    public static func transport(source: IPAddress, destination: IPAddress, protocol proto: UInt8, segment: [UInt8]) -> UInt16 {
        var pseudo = source.wireBytes + destination.wireBytes
        if source.isIPv6 {
            pseudo.appendBigEndian(UInt32(segment.count))
            pseudo += [0, 0, 0, proto]
        } else {
            pseudo += [0, proto]
            pseudo.appendBigEndian(UInt16(truncatingIfNeeded: segment.count))
        }
        return finish(partialSum(segment, into: partialSum(pseudo)))
    }
}
