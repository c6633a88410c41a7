import WireCore

/// A parsed SDP session description (RFC 4566), reduced to what media analysis needs.
public struct SessionDescription: Sendable, Hashable {
    /// `o=` line text.
    public var origin: String?
    /// Session-level `c=` address (nil when absent or not an IP literal).
    public var connectionAddress: IPAddress?
    /// Session-level direction attribute, nil when absent.
    public var direction: MediaDirection?
    public var media: [SDPMedia]
}

/// One `m=` section with its attributes; session-level `c=`, direction and
/// fingerprint are already applied where the media section has none (RFC 4566 §5).
public struct SDPMedia: Sendable, Hashable {
    /// `audio`, `video`, `application`, `image` …
    public var kind: String
    /// Transport port; 0 means the stream is rejected or disabled (RFC 3264 §6).
    public var port: UInt16
    public var portCount: Int
    /// `RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF` …
    public var proto: String
    /// Format list as written (payload type numbers for RTP).
    public var formats: [String]
    /// Effective connection address (media-level `c=`, else session-level).
    public var connectionAddress: IPAddress?
    /// Payload types from `a=rtpmap` (RFC 4566 §6).
    public var rtpmap: [UInt8: Codec]
    /// `a=fmtp` parameter text per payload type.
    public var fmtp: [UInt8: String]
    /// `a=ptime` in milliseconds.
    public var ptime: Int?
    /// `a=maxptime` in milliseconds.
    public var maxPtime: Int?
    /// Effective direction (media-level, else session-level, else sendrecv).
    public var direction: MediaDirection
    /// `a=rtcp` port (RFC 3605).
    public var rtcpPort: UInt16?
    /// `a=rtcp` address when given.
    public var rtcpAddress: IPAddress?
    /// `a=rtcp-mux` present (RFC 5761).
    public var rtcpMux: Bool
    /// `a=crypto` suites (RFC 4568), e.g. `AES_CM_128_HMAC_SHA1_80`.
    public var cryptoSuites: [String]
    /// A DTLS `a=fingerprint` applies (media or session level, RFC 8122).
    public var hasFingerprint: Bool
    /// `a=candidate` lines (ICE, RFC 8839).
    public var candidates: [ICECandidate]

    /// RTP payload type numbers of the format list, in preference order.
    public var payloadTypes: [UInt8] { formats.compactMap { UInt8($0) }.filter { $0 < 128 } }

    /// Encrypted media: SRTP profiles (SAVP/SAVPF), SDES crypto or a DTLS fingerprint.
    public var isEncrypted: Bool {
        proto.containsIgnoringASCIICase("SAVP") || !cryptoSuites.isEmpty || hasFingerprint
    }

    /// The codec of a payload type: `a=rtpmap`, else the RFC 3551 static table.
    public func codec(for payloadType: UInt8) -> Codec? { rtpmap[payloadType] ?? Codec.staticPayloadType(payloadType) }

    /// Every listed payload type with a known codec.
    public var payloadMap: [UInt8: Codec] {
        var map: [UInt8: Codec] = [:]
        for pt in payloadTypes { if let c = codec(for: pt) { map[pt] = c } }
        return map
    }

    /// The first listed payload type that is not comfort noise or telephone-event (the voice codec).
    public var primaryPayloadType: UInt8? {
        payloadTypes.first { pt in
            guard let name = codec(for: pt)?.name.lowercased() else { return true }
            return name != "telephone-event" && name != "cn"
        } ?? payloadTypes.first
    }

    /// Where RTP is expected to arrive; nil when rejected (port 0) or the address is unknown.
    public var rtpEndpoint: Endpoint? {
        guard port != 0, let address = connectionAddress else { return nil }
        return Endpoint(address, port)
    }

    /// Where RTCP is expected: the RTP endpoint with rtcp-mux, `a=rtcp`, else RTP port + 1 (RFC 3550 §11).
    public var rtcpEndpoint: Endpoint? {
        guard let rtp = rtpEndpoint else { return nil }
        if rtcpMux { return rtp }
        if let p = rtcpPort { return Endpoint(rtcpAddress ?? rtp.address, p) }
        return rtp.port == UInt16.max ? nil : Endpoint(rtp.address, rtp.port + 1)
    }
}
