import WireCore

/// An IP fragment that must be reassembled before its transport header can be read.
public struct FragmentInfo: Sendable, Hashable {
    /// IPv4 identification (16 bits) or IPv6 fragment-header identification (32 bits).
    public var identification: UInt32
    /// Offset of this fragment's data in the original datagram, in bytes.
    public var offsetBytes: Int
    public var moreFragments: Bool
    /// The protocol carried by the datagram (IPv4 protocol / IPv6 next header after the fragment header).
    public var payloadProtocol: UInt8

    public init(identification: UInt32, offsetBytes: Int, moreFragments: Bool, payloadProtocol: UInt8) {
        self.identification = identification; self.offsetBytes = offsetBytes
        self.moreFragments = moreFragments; self.payloadProtocol = payloadProtocol
    }
}

/// UDP header fields and where its payload lies in the packet.
public struct UDPSegment: Sendable, Hashable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var payload: ByteRange
}

/// TCP header fields and where its payload lies in the packet.
public struct TCPSegment: Sendable, Hashable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var sequence: UInt32
    public var acknowledgment: UInt32
    /// The 8 low flag bits (CWR ECE URG ACK PSH RST SYN FIN).
    public var flags: UInt8
    public var payload: ByteRange

    public var isSYN: Bool { flags & 0x02 != 0 }
    public var isFIN: Bool { flags & 0x01 != 0 }
    public var isRST: Bool { flags & 0x04 != 0 }
}

/// The transport layer of a decoded packet.
public enum TransportSegment: Sendable, Hashable {
    case none
    case udp(UDPSegment)
    case tcp(TCPSegment)
    /// Another IP protocol (ICMP, ESP, SCTP …), not decoded further.
    case other(protocolNumber: UInt8)
}

/// What the stateless decoder learnt from one packet: link, VLAN, IP and transport fields as
/// values and byte ranges into the packet (nothing is copied).
public struct DecodedPacket: Sendable {
    public enum Network: Sendable, Hashable {
        case none
        case ipv4
        case ipv6
        /// A non-IP EtherType (ARP, LLDP …).
        case nonIP(etherType: UInt16)
    }

    public var network: Network = .none
    /// 802.1Q / 802.1ad tags crossed, outermost first (at most two kept).
    public var vlanCount: Int = 0
    public var outerVLAN: UInt16 = 0
    public var innerVLAN: UInt16 = 0
    /// Encapsulations crossed (IP-in-IP, GRE, ERSPAN) to reach the reported network layer. When an inner
    /// header cannot be decoded (cut, unsupported GRE payload, nesting limit), the last decoded datagram is
    /// reported and `stop` says why, with its offset inside the frame.
    public var tunnelDepth: Int = 0
    public var source = IPAddress(ipv4: 0)
    public var destination = IPAddress(ipv4: 0)
    /// IPv4 protocol / final IPv6 next header.
    public var ipProtocol: UInt8 = 0
    /// Differentiated Services code point (RFC 2474), 0...63.
    public var dscp: UInt8 = 0
    /// Offset of the innermost IP header in the packet.
    public var ipHeaderOffset: Int = 0
    /// Payload of the innermost IP datagram (after extension headers).
    public var ipPayload: ByteRange = .empty
    /// Set when the datagram is a fragment; then `transport` is `.none`.
    public var fragment: FragmentInfo?
    public var transport: TransportSegment = .none
    /// Why decoding stopped early (truncated, malformed, unsupported); what came before is valid.
    public var stopReason: DecodeStop?
    /// `stopReason` as a `ParseError` (with its detail text).
    public var stop: ParseError? { stopReason?.error }
    /// True when the IP datagram is longer than what was captured (snaplen cut); payload ranges are clipped.
    public var isClipped = false

    public init() {}
}
