import WireCore

/// One-call builders for whole frames (link + IP + transport), the form most tests need.
///
/// The IP version follows the address family of `src` (both addresses must be the same family).
public enum PacketBuilder {
    /// A UDP datagram in a default IPv4/IPv6 header, wrapped in `link`.
    public static func udpPacket(src: IPAddress, dst: IPAddress, sport: UInt16, dport: UInt16, payload: [UInt8],
                                 link: LinkLayer = .ethernet()) -> [UInt8] {
        udpPacket(ip: IPHeader(source: src, destination: dst), sport: sport, dport: dport, payload: payload, link: link)
    }

    /// A UDP datagram in the given IP header (set TTL, DSCP, extension headers …), wrapped in `link`.
    public static func udpPacket(ip: IPHeader, sport: UInt16, dport: UInt16, payload: [UInt8],
                                 checksum: ChecksumMode = .computed, link: LinkLayer = .ethernet()) -> [UInt8] {
        link.frame(udpIPPacket(ip: ip, sport: sport, dport: dport, payload: payload, checksum: checksum))
    }

    /// The IP packet (no link layer) carrying a UDP datagram.
    public static func udpIPPacket(ip: IPHeader, sport: UInt16, dport: UInt16, payload: [UInt8],
                                   checksum: ChecksumMode = .computed) -> [UInt8] {
        let udp = UDPDatagram(sourcePort: sport, destinationPort: dport, payload: payload, checksum: checksum)
        return ip.packet(protocol: IPProtocolNumber.udp, payload: udp.bytes(source: ip.source, destination: ip.destination))
    }

    /// A TCP segment in a default IPv4/IPv6 header, wrapped in `link`.
    public static func tcpSegment(src: IPAddress, dst: IPAddress, sport: UInt16, dport: UInt16, seq: UInt32, ack: UInt32 = 0,
                                  flags: TCPFlags = [.ack, .psh], options: [UInt8] = [], payload: [UInt8] = [],
                                  link: LinkLayer = .ethernet()) -> [UInt8] {
        let segment = TCPSegment(sourcePort: sport, destinationPort: dport, sequence: seq, acknowledgment: ack,
                                 flags: flags, options: options, payload: payload)
        return tcpSegment(ip: IPHeader(source: src, destination: dst), segment: segment, link: link)
    }

    /// A TCP segment in the given IP header, wrapped in `link`.
    public static func tcpSegment(ip: IPHeader, segment: TCPSegment, link: LinkLayer = .ethernet()) -> [UInt8] {
        link.frame(ip.packet(protocol: IPProtocolNumber.tcp, payload: segment.bytes(source: ip.source, destination: ip.destination)))
    }

    /// A UDP datagram fragmented at the IP layer: one frame per fragment, in order, each at most
    /// `maxPieceLength` payload bytes. For IPv4 the header's identification is used; for IPv6 `identification`.
    public static func fragmentedUDP(ip: IPHeader, sport: UInt16, dport: UInt16, payload: [UInt8], maxPieceLength: Int,
                                     identification: UInt32 = 1, link: LinkLayer = .ethernet()) -> [[UInt8]] {
        let udp = UDPDatagram(sourcePort: sport, destinationPort: dport, payload: payload)
            .bytes(source: ip.source, destination: ip.destination)
        let specs = IPFragmenter.split(udp, maxPieceLength: maxPieceLength)
        let packets: [[UInt8]]
        switch ip {
        case .v4(let header):
            packets = IPFragmenter.ipv4Fragments(header: header, protocol: IPProtocolNumber.udp, specs: specs)
        case .v6(let header):
            packets = IPFragmenter.ipv6Fragments(header: header, protocol: IPProtocolNumber.udp, identification: identification, specs: specs)
        }
        return packets.map { link.frame($0) }
    }
}

extension PacketBuilder {
    /// A byte stream sent over TCP as frames: optionally the SYN first, then `data` cut into segments of at most
    /// `maxSegmentSize` bytes, in order, the first data byte at `initialSequence + 1` (the SYN takes one number).
    /// Reorder, drop or duplicate the returned frames to build reassembly scenarios.
    public static func tcpStream(src: IPAddress, dst: IPAddress, sport: UInt16, dport: UInt16, data: [UInt8],
                                 initialSequence: UInt32 = 1_000, maxSegmentSize: Int = 1_460, includeSYN: Bool = true,
                                 link: LinkLayer = .ethernet()) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        if includeSYN {
            frames.append(tcpSegment(src: src, dst: dst, sport: sport, dport: dport, seq: initialSequence, flags: .syn,
                                     options: TCPSegment.mssOption(UInt16(clamping: maxSegmentSize)), link: link))
        }
        var offset = 0
        while offset < data.count {
            let end = min(data.count, offset + max(1, maxSegmentSize))
            frames.append(tcpSegment(src: src, dst: dst, sport: sport, dport: dport,
                                     seq: initialSequence &+ 1 &+ UInt32(truncatingIfNeeded: offset),
                                     payload: Array(data[offset..<end]), link: link))
            offset = end
        }
        return frames
    }
}
