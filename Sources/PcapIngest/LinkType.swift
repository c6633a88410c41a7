/// A capture's link-layer header type (LINKTYPE_* values from the tcpdump.org registry).
///
/// An open set: unknown values are kept, counted and reported, never fatal.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    public static let null = LinkType(rawValue: 0)
    public static let ethernet = LinkType(rawValue: 1)
    /// DLT_RAW as written by some platforms (12) — raw IPv4/IPv6, version from the first nibble.
    public static let rawIP12 = LinkType(rawValue: 12)
    /// DLT_RAW as OpenBSD numbers it (14).
    public static let rawIP14 = LinkType(rawValue: 14)
    /// LINKTYPE_RAW (101): raw IPv4/IPv6.
    public static let raw = LinkType(rawValue: 101)
    /// OpenBSD loopback: address family in network byte order.
    public static let loop = LinkType(rawValue: 108)
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// Short names as libpcap's `pcap_datalink_val_to_name` prints them (lower-cased).
    public var name: String {
        switch self {
        case .null: return "null"
        case .ethernet: return "ethernet"
        case .rawIP12, .rawIP14, .raw: return "raw"
        case .loop: return "loop"
        case .linuxSLL: return "linux_sll"
        case .ipv4: return "ipv4"
        case .ipv6: return "ipv6"
        case .linuxSLL2: return "linux_sll2"
        default: return "linktype_\(rawValue)"
        }
    }

    public var description: String { name }
}
