/// Link-layer header types (pcap LINKTYPE_ values, https://www.tcpdump.org/linktypes.html).
public enum LinkTypeNumber {
    public static let null: UInt32 = 0
    public static let ethernet: UInt32 = 1
    /// DLT_RAW as written by most platforms.
    public static let rawDLT12: UInt32 = 12
    /// DLT_RAW as written by OpenBSD.
    public static let rawDLT14: UInt32 = 14
    /// LINKTYPE_RAW (the portable raw-IP value).
    public static let raw: UInt32 = 101
    /// OpenBSD loopback: address family big-endian.
    public static let loop: UInt32 = 108
    public static let linuxSLL: UInt32 = 113
    public static let ipv4: UInt32 = 228
    public static let ipv6: UInt32 = 229
    public static let linuxSLL2: UInt32 = 276
}

/// EtherType values used by the builders.
public enum EtherTypeNumber {
    public static let ipv4: UInt16 = 0x0800
    public static let arp: UInt16 = 0x0806
    public static let vlan8021Q: UInt16 = 0x8100
    public static let ipv6: UInt16 = 0x86DD
    public static let qinq8021ad: UInt16 = 0x88A8
}

/// One 802.1Q / 802.1ad tag: TPID followed by the TCI (PCP 3 bits, DEI 1 bit, VID 12 bits).
public struct VLANTag: Sendable, Hashable {
    public var tpid: UInt16
    public var priority: UInt8
    public var dropEligible: Bool
    public var vlanID: UInt16

    public init(tpid: UInt16 = EtherTypeNumber.vlan8021Q, priority: UInt8 = 0, dropEligible: Bool = false, vlanID: UInt16) {
        self.tpid = tpid; self.priority = priority; self.dropEligible = dropEligible; self.vlanID = vlanID
    }

    /// A customer tag (802.1Q, TPID 0x8100).
    public static func dot1Q(_ vlanID: UInt16, priority: UInt8 = 0) -> VLANTag { VLANTag(priority: priority, vlanID: vlanID) }
    /// A service tag (802.1ad QinQ outer tag, TPID 0x88A8).
    public static func dot1ad(_ vlanID: UInt16) -> VLANTag { VLANTag(tpid: EtherTypeNumber.qinq8021ad, vlanID: vlanID) }

    var tci: UInt16 { UInt16(priority & 7) << 13 | (dropEligible ? 0x1000 : 0) | (vlanID & 0x0FFF) }
}

/// A link layer to wrap an IP packet (or any payload) in, plus the pcap link type it implies.
public enum LinkLayer: Sendable, Hashable {
    /// Ethernet II with 0...n VLAN tags (outermost first).
    case ethernet(source: [UInt8] = [0x02, 0, 0, 0, 0, 0x01], destination: [UInt8] = [0x02, 0, 0, 0, 0, 0x02], vlanTags: [VLANTag] = [])
    /// Linux cooked capture v1 (16-byte header).
    case linuxSLL(packetType: UInt16 = 0, hardwareType: UInt16 = 1, address: [UInt8] = [0x02, 0, 0, 0, 0, 0x01])
    /// Linux cooked capture v2 (20-byte header).
    case linuxSLL2(interfaceIndex: UInt32 = 1, packetType: UInt8 = 0, hardwareType: UInt16 = 1, address: [UInt8] = [0x02, 0, 0, 0, 0, 0x01])
    /// BSD loopback (DLT_NULL): a 4-byte address family in the capturing host's byte order.
    /// AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS) or 10 (Linux).
    case null(byteOrder: ByteOrder = .littleEndian, ipv6Family: UInt32 = 30)
    /// OpenBSD loopback (DLT_LOOP, 108): address family big-endian.
    case loop(ipv6Family: UInt32 = 24)
    /// Raw IP without link header; `linkType` is 101 (LINKTYPE_RAW), 12 or 14 (DLT_RAW variants),
    /// 228 (IPv4 only) or 229 (IPv6 only).
    case raw(linkType: UInt32 = LinkTypeNumber.raw)

    /// The pcap link type number for this link layer.
    public var linkType: UInt32 {
        switch self {
        case .ethernet: LinkTypeNumber.ethernet
        case .linuxSLL: LinkTypeNumber.linuxSLL
        case .linuxSLL2: LinkTypeNumber.linuxSLL2
        case .null: LinkTypeNumber.null
        case .loop: LinkTypeNumber.loop
        case .raw(let linkType): linkType
        }
    }

    /// Wraps `payload` in this link layer. The EtherType / address family is taken from the IP version
    /// nibble of `payload` unless `etherType` is given (e.g. 0x0806 for a non-IP frame).
    public func frame(_ payload: [UInt8], etherType: UInt16? = nil) -> [UInt8] {
        let isIPv6 = (payload.first ?? 0) >> 4 == 6
        let type = etherType ?? (isIPv6 ? EtherTypeNumber.ipv6 : EtherTypeNumber.ipv4)
        var out: [UInt8] = []
        switch self {
        case .ethernet(let source, let destination, let tags):
            out += Self.sixBytes(destination) + Self.sixBytes(source)
            for tag in tags {
                out.appendBigEndian(tag.tpid)
                out.appendBigEndian(tag.tci)
            }
            out.appendBigEndian(type)
        case .linuxSLL(let packetType, let hardwareType, let address):
            out.appendBigEndian(packetType)
            out.appendBigEndian(hardwareType)
            out.appendBigEndian(UInt16(min(address.count, 8)))
            out += address.prefix(8) + Array(repeating: 0, count: 8 - min(address.count, 8))
            out.appendBigEndian(type)
        case .linuxSLL2(let interfaceIndex, let packetType, let hardwareType, let address):
            out.appendBigEndian(type)
            out.appendBigEndian(UInt16(0))
            out.appendBigEndian(interfaceIndex)
            out.appendBigEndian(hardwareType)
            out.append(packetType)
            out.append(UInt8(min(address.count, 8)))
            out += address.prefix(8) + Array(repeating: 0, count: 8 - min(address.count, 8))
        case .null(let order, let ipv6Family):
            out.append(isIPv6 ? ipv6Family : 2, order)
        case .loop(let ipv6Family):
            out.appendBigEndian(isIPv6 ? ipv6Family : UInt32(2))
        case .raw:
            break
        }
        return out + payload
    }

    /// A MAC address cut or zero-padded to 6 bytes.
    private static func sixBytes(_ address: [UInt8]) -> [UInt8] { Array((address + [0, 0, 0, 0, 0, 0]).prefix(6)) }

    /// Length of the link header this layer writes (VLAN tags included).
    public var headerLength: Int {
        switch self {
        case .ethernet(_, _, let tags): 14 + 4 * tags.count
        case .linuxSLL: 16
        case .linuxSLL2: 20
        case .null, .loop: 4
        case .raw: 0
        }
    }
}
