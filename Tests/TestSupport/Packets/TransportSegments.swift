import WireCore

/// How a builder fills a transport checksum field.
public enum ChecksumMode: Sendable, Hashable {
    /// The correct checksum over the pseudo-header.
    case computed
    /// Zero (for UDP over IPv4: "no checksum", RFC 768).
    case none
    /// This exact value (e.g. a wrong one).
    case fixed(UInt16)
}

/// A UDP datagram (RFC 768).
public struct UDPDatagram: Sendable, Hashable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var payload: [UInt8]
    public var checksum: ChecksumMode = .computed
    /// Writes this length field instead of 8 + payload count.
    public var lengthOverride: UInt16?

    public init(sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8], checksum: ChecksumMode = .computed) {
        self.sourcePort = sourcePort; self.destinationPort = destinationPort; self.payload = payload; self.checksum = checksum
    }

    /// The header and payload; the checksum covers the IPv4/IPv6 pseudo-header of `source`/`destination`.
    public func bytes(source: IPAddress, destination: IPAddress) -> [UInt8] {
        var out: [UInt8] = []
        out.appendBigEndian(sourcePort)
        out.appendBigEndian(destinationPort)
        out.appendBigEndian(lengthOverride ?? UInt16(truncatingIfNeeded: 8 + payload.count))
        out.appendBigEndian(UInt16(0))
        out += payload
        switch checksum {
        case .none: break
        case .fixed(let value): out.setBigEndian16(value, at: 6)
        case .computed:
            let sum = InternetChecksum.transport(source: source, destination: destination, protocol: IPProtocolNumber.udp, segment: out)
            out.setBigEndian16(sum == 0 ? 0xFFFF : sum, at: 6)  // RFC 768: a computed zero is sent as all ones
        }
        return out
    }
}

/// TCP header flags (RFC 793 / RFC 3168).
public struct TCPFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
}

/// A TCP segment (RFC 793 §3.1).
public struct TCPSegment: Sendable, Hashable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var sequence: UInt32
    public var acknowledgment: UInt32 = 0
    public var flags: TCPFlags
    public var window: UInt16 = 65535
    public var urgentPointer: UInt16 = 0
    /// Raw option bytes, padded with zeros (EOL) to a multiple of 4.
    public var options: [UInt8] = []
    public var payload: [UInt8]
    public var checksum: ChecksumMode = .computed

    public init(sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32, acknowledgment: UInt32 = 0,
                flags: TCPFlags = [.ack, .psh], options: [UInt8] = [], payload: [UInt8] = []) {
        self.sourcePort = sourcePort; self.destinationPort = destinationPort; self.sequence = sequence
        self.acknowledgment = acknowledgment; self.flags = flags; self.options = options; self.payload = payload
    }

    /// The Maximum Segment Size option (kind 2, length 4, RFC 793 §3.1).
    public static func mssOption(_ mss: UInt16) -> [UInt8] { [2, 4, UInt8(mss >> 8), UInt8(truncatingIfNeeded: mss)] }

    public func bytes(source: IPAddress, destination: IPAddress) -> [UInt8] {
        var paddedOptions = options
        paddedOptions.padToMultiple(of: 4)
        var out: [UInt8] = []
        out.appendBigEndian(sourcePort)
        out.appendBigEndian(destinationPort)
        out.appendBigEndian(sequence)
        out.appendBigEndian(acknowledgment)
        out.append(UInt8((20 + paddedOptions.count) / 4) << 4)
        out.append(flags.rawValue)
        out.appendBigEndian(window)
        out.appendBigEndian(UInt16(0))
        out.appendBigEndian(urgentPointer)
        out += paddedOptions + payload
        switch checksum {
        case .none: break
        case .fixed(let value): out.setBigEndian16(value, at: 16)
        case .computed:
            out.setBigEndian16(InternetChecksum.transport(source: source, destination: destination, protocol: IPProtocolNumber.tcp, segment: out), at: 16)
        }
        return out
    }
}
