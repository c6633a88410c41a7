/// Packet counts per protocol for `callscope info` and the report's capture entries.
public struct ProtocolCounts: Sendable, Hashable, Codable {
    public var ipv4 = 0
    public var ipv6 = 0
    /// Frames with at least one 802.1Q/802.1ad tag.
    public var vlanTagged = 0
    /// Packets whose innermost IP datagram was inside a tunnel (IP-in-IP, GRE, ERSPAN).
    public var tunnelled = 0
    public var nonIP = 0
    /// SIP messages (UDP datagrams and messages framed from TCP streams).
    public var sipMessages = 0
    public var rtpCandidates = 0
    public var rtcpCandidates = 0
    /// STUN, DTLS and ZRTP packets (RFC 7983 demultiplexing).
    public var stunDtlsZrtp = 0
    public var otherUDP = 0
    public var tcpSegments = 0
    /// IP packets that are neither UDP nor TCP (ICMP, ESP, SCTP …).
    public var otherIP = 0
    /// IP fragments received, and datagrams rebuilt from them.
    public var fragments = 0
    public var fragmentsReassembled = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case ipv4, ipv6, vlanTagged = "vlan_tagged", tunnelled, nonIP = "non_ip", sipMessages = "sip_messages",
             rtpCandidates = "rtp_candidates", rtcpCandidates = "rtcp_candidates", stunDtlsZrtp = "stun_dtls_zrtp",
             otherUDP = "other_udp", tcpSegments = "tcp_segments", otherIP = "other_ip", fragments,
             fragmentsReassembled = "fragments_reassembled"
    }
}
