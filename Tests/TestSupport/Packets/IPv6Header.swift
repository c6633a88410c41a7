import WireCore

/// An IPv6 extension header (RFC 8200 §4) placed between the fixed header and the upper layer.
public enum IPv6ExtensionHeader: Sendable, Hashable {
    /// Hop-by-hop options; `options` are raw TLVs, padded with PadN to a multiple of 8 with the 2-byte header.
    case hopByHop(options: [UInt8] = [])
    /// Routing header with `type`, `segmentsLeft` and type-specific `data` (padded to a multiple of 8 with the 4-byte header).
    case routing(type: UInt8 = 0, segmentsLeft: UInt8 = 0, data: [UInt8] = [0, 0, 0, 0])
    /// Destination options (same layout as hop-by-hop).
    case destinationOptions(options: [UInt8] = [])
    /// Fragment header: `offset` in BYTES (multiple of 8), M flag, 32-bit identification.
    case fragment(offset: Int, moreFragments: Bool, identification: UInt32)

    /// The protocol number that announces this header in the previous Next Header field.
    public var protocolNumber: UInt8 {
        switch self {
        case .hopByHop: IPProtocolNumber.hopByHop
        case .routing: IPProtocolNumber.routing
        case .destinationOptions: IPProtocolNumber.destinationOptions
        case .fragment: IPProtocolNumber.fragment
        }
    }

    /// Encodes the header with `nextHeader` in its first byte.
    public func bytes(nextHeader: UInt8) -> [UInt8] {
        var out: [UInt8] = [nextHeader, 0]
        switch self {
        case .hopByHop(let options), .destinationOptions(let options):
            out += options
            Self.padWithPadN(&out)
        case .routing(let type, let segmentsLeft, let data):
            out += [type, segmentsLeft] + data
            out.padToMultiple(of: 8)
        case .fragment(let offset, let more, let identification):
            out.appendBigEndian(UInt16(truncatingIfNeeded: offset) & 0xFFF8 | (more ? 1 : 0))
            out.appendBigEndian(identification)
        }
        if case .fragment = self {} else { out[1] = UInt8(truncatingIfNeeded: out.count / 8 - 1) }
        return out
    }

    /// Pads an options header to a multiple of 8 with Pad1 (one byte) or PadN (type 1, length, zeros).
    private static func padWithPadN(_ out: inout [UInt8]) {
        let missing = (8 - out.count % 8) % 8
        if missing == 1 { out.append(0) } else if missing >= 2 { out += [1, UInt8(missing - 2)] + Array(repeating: 0, count: missing - 2) }
    }
}

/// An IPv6 fixed header (RFC 8200 §3) plus a chain of extension headers.
public struct IPv6Header: Sendable, Hashable {
    public var source: IPAddress
    public var destination: IPAddress
    public var trafficClass: UInt8 = 0
    /// 20-bit flow label.
    public var flowLabel: UInt32 = 0
    public var hopLimit: UInt8 = 64
    /// Extension headers in wire order.
    public var extensionHeaders: [IPv6ExtensionHeader] = []
    /// Writes this payload length instead of the real one.
    public var payloadLengthOverride: UInt16?

    public init(source: IPAddress, destination: IPAddress, hopLimit: UInt8 = 64, extensionHeaders: [IPv6ExtensionHeader] = []) {
        self.source = source; self.destination = destination; self.hopLimit = hopLimit; self.extensionHeaders = extensionHeaders
    }

    /// The fixed header, the extension headers, then `payload`, whose protocol is `proto`.
    public func packet(protocol proto: UInt8, payload: [UInt8]) -> [UInt8] {
        var chain: [UInt8] = []
        for (index, header) in extensionHeaders.enumerated() {
            let next = index + 1 < extensionHeaders.count ? extensionHeaders[index + 1].protocolNumber : proto
            chain += header.bytes(nextHeader: next)
        }
        var out: [UInt8] = []
        out.appendBigEndian(UInt32(6) << 28 | UInt32(trafficClass) << 20 | flowLabel & 0xFFFFF)
        out.appendBigEndian(payloadLengthOverride ?? UInt16(truncatingIfNeeded: chain.count + payload.count))
        out.append(extensionHeaders.first?.protocolNumber ?? proto)
        out.append(hopLimit)
        out += source.wireBytes + destination.wireBytes
        return out + chain + payload
    }
}

/// Either IP version's header, so builders can be written once for both.
public enum IPHeader: Sendable, Hashable {
    case v4(IPv4Header)
    case v6(IPv6Header)

    /// A default header for the address family of `source` (both addresses must be the same family).
    public init(source: IPAddress, destination: IPAddress) {
        self = source.isIPv6 ? .v6(IPv6Header(source: source, destination: destination))
                             : .v4(IPv4Header(source: source, destination: destination))
    }

    public var source: IPAddress {
        switch self { case .v4(let h): h.source; case .v6(let h): h.source }
    }

    public var destination: IPAddress {
        switch self { case .v4(let h): h.destination; case .v6(let h): h.destination }
    }

    public func packet(protocol proto: UInt8, payload: [UInt8]) -> [UInt8] {
        switch self {
        case .v4(let h): h.packet(protocol: proto, payload: payload)
        case .v6(let h): h.packet(protocol: proto, payload: payload)
        }
    }

    /// Tunnels an inner IP packet (IP-in-IP): protocol 4 for an inner IPv4 packet, 41 for inner IPv6.
    public func encapsulating(_ innerPacket: [UInt8]) -> [UInt8] {
        let innerIsIPv6 = (innerPacket.first ?? 0) >> 4 == 6
        return packet(protocol: innerIsIPv6 ? IPProtocolNumber.ipv6InIP : IPProtocolNumber.ipv4InIP, payload: innerPacket)
    }
}
