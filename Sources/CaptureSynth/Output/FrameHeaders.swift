/// Writes Ethernet II + IPv4 + UDP headers (42 bytes) in front of a UDP payload.
///
/// MAC addresses are locally administered and derived from the IPv4 address (02:00:a.b.c.d), so
/// each host keeps one MAC. The IPv4 header checksum is computed (RFC 791); the UDP checksum is 0,
/// which RFC 768 allows over IPv4 ("no checksum").
enum FrameHeaders {
    /// Bytes before the UDP payload.
    static let length = 42

    @inline(__always)
    static func write(to frame: UnsafeMutableRawPointer, source: UInt32, sourcePort: UInt16,
                      destination: UInt32, destinationPort: UInt16, payloadLength: Int, identification: UInt16) {
        // Ethernet: destination MAC, source MAC, EtherType 0x0800.
        writeMAC(frame, destination)
        writeMAC(frame + 6, source)
        frame.storeBytes(of: UInt16(0x0800).bigEndian, toByteOffset: 12, as: UInt16.self)
        // IPv4: version 4, IHL 5, DSCP 0, DF set, TTL 64, protocol 17 (UDP).
        let ip = frame + 14
        let totalLength = UInt16(truncatingIfNeeded: 28 + payloadLength)
        ip.storeBytes(of: UInt16(0x4500).bigEndian, as: UInt16.self)
        ip.storeBytes(of: totalLength.bigEndian, toByteOffset: 2, as: UInt16.self)
        ip.storeBytes(of: identification.bigEndian, toByteOffset: 4, as: UInt16.self)
        ip.storeBytes(of: UInt16(0x4000).bigEndian, toByteOffset: 6, as: UInt16.self)   // DF
        ip.storeBytes(of: UInt16(0x4011).bigEndian, toByteOffset: 8, as: UInt16.self)   // TTL 64, UDP
        ip.storeBytes(of: source.bigEndian, toByteOffset: 12, as: UInt32.self)
        ip.storeBytes(of: destination.bigEndian, toByteOffset: 16, as: UInt32.self)
        // One's-complement sum of the ten 16-bit words, checksum word counted as 0.
        var sum: UInt32 = 0x4500 &+ UInt32(totalLength) &+ UInt32(identification) &+ 0x4000 &+ 0x4011
        sum &+= source >> 16 &+ (source & 0xFFFF) &+ destination >> 16 &+ (destination & 0xFFFF)
        sum = (sum & 0xFFFF) &+ (sum >> 16)
        sum = (sum & 0xFFFF) &+ (sum >> 16)
        ip.storeBytes(of: (~UInt16(truncatingIfNeeded: sum)).bigEndian, toByteOffset: 10, as: UInt16.self)
        // UDP.
        let udp = frame + 34
        udp.storeBytes(of: sourcePort.bigEndian, as: UInt16.self)
        udp.storeBytes(of: destinationPort.bigEndian, toByteOffset: 2, as: UInt16.self)
        udp.storeBytes(of: UInt16(truncatingIfNeeded: 8 + payloadLength).bigEndian, toByteOffset: 4, as: UInt16.self)
        udp.storeBytes(of: UInt16(0), toByteOffset: 6, as: UInt16.self)
    }

    @inline(__always)
    private static func writeMAC(_ at: UnsafeMutableRawPointer, _ address: UInt32) {
        at.storeBytes(of: UInt16(0x0200).bigEndian, as: UInt16.self)
        at.storeBytes(of: address.bigEndian, toByteOffset: 2, as: UInt32.self)
    }
}
