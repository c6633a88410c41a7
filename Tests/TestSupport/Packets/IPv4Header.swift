import WireCore

/// IANA protocol numbers used by the builders.
public enum IPProtocolNumber {
    public static let hopByHop: UInt8 = 0
    public static let ipv4InIP: UInt8 = 4
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let ipv6InIP: UInt8 = 41
    public static let routing: UInt8 = 43
    public static let fragment: UInt8 = 44
    public static let noNextHeader: UInt8 = 59
    public static let destinationOptions: UInt8 = 60
}

/// An IPv4 header (RFC 791) whose fields can all be set; `packet(protocol:payload:)` writes it with a correct
/// header checksum and total length unless overridden.
public struct IPv4Header: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    /// Differentiated services code point (6 bits, e.g. 46 = EF).
    public var dscp: UInt8 = 0
    public var ecn: UInt8 = 0
    public var ttl: UInt8 = 64
    public var identification: UInt16 = 0
    public var dontFragment: Bool = false
    public var moreFragments: Bool = false
    /// Fragment offset in BYTES (must be a multiple of 8; written as offset / 8).
    public var fragmentOffset: Int = 0
    /// Raw option bytes; padded with zeros (End of Option List) to a multiple of 4.
    public var options: [UInt8] = []
    /// Writes this total length instead of the real one (for bad-length tests).
    public var totalLengthOverride: UInt16?
    /// Writes this checksum instead of the correct one.
    public var checksumOverride: UInt16?

    public init(source: IPAddress, destination: IPAddress, ttl: UInt8 = 64, identification: UInt16 = 0) {
        self.source = source; self.destination = destination; self.ttl = ttl; self.identification = identification
    }

    /// Header length in bytes, options included (IHL × 4).
    public var headerLength: Int { 20 + (options.count + 3) / 4 * 4 }

    /// The header followed by `payload`, carrying IP protocol `proto`.
    public func packet(protocol proto: UInt8, payload: [UInt8]) -> [UInt8] {
        var paddedOptions = options
        paddedOptions.padToMultiple(of: 4)
        let ihl = 5 + paddedOptions.count / 4
        var out: [UInt8] = []
        out.append(UInt8(0x40 | ihl))
        out.append(dscp << 2 | (ecn & 3))
        out.appendBigEndian(totalLengthOverride ?? UInt16(truncatingIfNeeded: ihl * 4 + payload.count))
        out.appendBigEndian(identification)
        let flags: UInt16 = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0)
        out.appendBigEndian(flags | UInt16(truncatingIfNeeded: fragmentOffset / 8) & 0x1FFF)
        out.append(ttl)
        out.append(proto)
        out.appendBigEndian(UInt16(0))
        out += source.wireBytes + destination.wireBytes + paddedOptions
        out.setBigEndian16(checksumOverride ?? InternetChecksum.compute(out), at: 10)
        return out + payload
    }
}
