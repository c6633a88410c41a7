import WireCore

/// What a UDP payload on a media port is, judged from its first bytes.
public enum MediaPacketKind: Sendable, Hashable {
    case stun, zrtp, dtls, turnChannel, rtp, rtcp, unknown
}

/// Tells RTP, RTCP, STUN, ZRTP, DTLS and TURN channel data apart on one port.
///
/// First byte ranges per RFC 7983 §7 (updated by RFC 9443): 0–3 STUN, 16–19 ZRTP,
/// 20–63 DTLS, 64–79 TURN channel, 128–191 RTP/RTCP. Within 128–191, RTCP is recognised
/// per RFC 5761 §4: the second byte (marker bit included) in 192–223, i.e. RTCP packet
/// types 192–223 (SR 200, RR 201, SDES 202, BYE 203, APP 204, RTPFB 205, PSFB 206, XR 207 …).
public enum MediaPortDemultiplexer {
    @inlinable public static func classify(_ payload: UnsafeRawBufferPointer) -> MediaPacketKind {
        guard let first = payload.u8(at: 0) else { return .unknown }
        switch first {
        case 0...3: return .stun
        case 16...19: return .zrtp
        case 20...63: return .dtls
        case 64...79: return .turnChannel
        case 128...191:
            guard let second = payload.u8(at: 1) else { return .unknown }
            return (192...223).contains(second) ? .rtcp : .rtp
        default: return .unknown
        }
    }
}
