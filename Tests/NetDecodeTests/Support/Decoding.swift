import NetDecode
import TestSupport
import WireCore

/// Addresses used throughout the decoder tests (documentation ranges, RFC 5737 / RFC 3849).
enum Addr {
    static let v4a = IPAddress("192.0.2.1")!
    static let v4b = IPAddress("198.51.100.2")!
    static let v4c = IPAddress("203.0.113.3")!
    static let v4d = IPAddress("203.0.113.4")!
    static let v6a = IPAddress("2001:db8::1")!
    static let v6b = IPAddress("2001:db8::2")!
}

/// Decodes `frame` (copied into a buffer only for the duration of the call).
func decode(_ frame: [UInt8], linkType: UInt32) -> DecodedPacket {
    frame.withUnsafeBytes { PacketDecoder.decode($0, linkType: linkType) }
}

/// Decodes `frame` wrapped by `link`, taking the link type from the link layer.
func decode(_ ipPacket: [UInt8], link: LinkLayer) -> DecodedPacket {
    decode(link.frame(ipPacket), linkType: link.linkType)
}

extension DecodedPacket {
    var udp: UDPSegment? { if case .udp(let segment) = transport { segment } else { nil } }
    var tcp: NetDecode.TCPSegment? { if case .tcp(let segment) = transport { segment } else { nil } }
    var isIPv4: Bool { if case .ipv4 = network { true } else { false } }
    var isIPv6: Bool { if case .ipv6 = network { true } else { false } }

    /// True when every byte range the decoder handed out lies inside a buffer of `count` bytes.
    func rangesFit(in count: Int) -> Bool {
        func fits(_ range: ByteRange) -> Bool { range.start >= 0 && range.count >= 0 && range.end <= count }
        var ok = fits(ipPayload) && ipHeaderOffset >= 0 && ipHeaderOffset <= count
        switch transport {
        case .udp(let segment): ok = ok && fits(segment.payload)
        case .tcp(let segment): ok = ok && fits(segment.payload)
        default: break
        }
        if let stop { ok = ok && stop.offset >= 0 }
        return ok
    }
}

extension Array where Element == UInt8 {
    /// The bytes of `range` (for comparing decoded payloads with what was built).
    subscript(range: ByteRange) -> [UInt8] { Array(self[range.start ..< range.end]) }
}


/// A GRE header (RFC 2784 / RFC 2890): optional checksum, key and sequence number words.
func greHeader(protocolType: UInt16, checksum: Bool = false, key: UInt32? = nil, sequence: UInt32? = nil) -> [UInt8] {
    var out: [UInt8] = []
    let flags: UInt16 = (checksum ? 0x8000 : 0) | (key != nil ? 0x2000 : 0) | (sequence != nil ? 0x1000 : 0)
    out.appendBigEndian(flags)
    out.appendBigEndian(protocolType)
    if checksum { out += [0xAB, 0xCD, 0, 0] }
    if let key { out.appendBigEndian(key) }
    if let sequence { out.appendBigEndian(sequence) }
    return out
}
