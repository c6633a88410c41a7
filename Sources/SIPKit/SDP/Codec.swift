/// An RTP payload format: encoding name, RTP clock rate (Hz) and channel count.
public struct Codec: Sendable, Hashable, CustomStringConvertible {
    /// Encoding name as in SDP `a=rtpmap` or RFC 3551 Tables 4–5 (e.g. `PCMU`, `opus`).
    public var name: String
    /// RTP timestamp clock rate in Hz (not the audio sampling rate: G.722 uses 8000).
    public var clockRate: Int
    public var channels: Int

    public init(name: String, clockRate: Int, channels: Int = 1) {
        self.name = name; self.clockRate = clockRate; self.channels = channels
    }

    public var description: String { channels == 1 ? "\(name)/\(clockRate)" : "\(name)/\(clockRate)/\(channels)" }

    /// Static payload types of RFC 3551 §6, Tables 4 and 5. G.722 keeps clock rate 8000
    /// (RFC 3551 §4.5.2: the value was set erroneously in RFC 1890 and kept for compatibility).
    public static func staticPayloadType(_ pt: UInt8) -> Codec? {
        switch pt {
        case 0: Codec(name: "PCMU", clockRate: 8000)
        case 3: Codec(name: "GSM", clockRate: 8000)
        case 4: Codec(name: "G723", clockRate: 8000)
        case 5: Codec(name: "DVI4", clockRate: 8000)
        case 6: Codec(name: "DVI4", clockRate: 16000)
        case 7: Codec(name: "LPC", clockRate: 8000)
        case 8: Codec(name: "PCMA", clockRate: 8000)
        case 9: Codec(name: "G722", clockRate: 8000)
        case 10: Codec(name: "L16", clockRate: 44100, channels: 2)
        case 11: Codec(name: "L16", clockRate: 44100)
        case 12: Codec(name: "QCELP", clockRate: 8000)
        case 13: Codec(name: "CN", clockRate: 8000)
        case 14: Codec(name: "MPA", clockRate: 90000)
        case 15: Codec(name: "G728", clockRate: 8000)
        case 16: Codec(name: "DVI4", clockRate: 11025)
        case 17: Codec(name: "DVI4", clockRate: 22050)
        case 18: Codec(name: "G729", clockRate: 8000)
        case 25: Codec(name: "CelB", clockRate: 90000)
        case 26: Codec(name: "JPEG", clockRate: 90000)
        case 28: Codec(name: "nv", clockRate: 90000)
        case 31: Codec(name: "H261", clockRate: 90000)
        case 32: Codec(name: "MPV", clockRate: 90000)
        case 33: Codec(name: "MP2T", clockRate: 90000)
        case 34: Codec(name: "H263", clockRate: 90000)
        default: nil
        }
    }
}

/// SDP media direction attribute (RFC 4566 §6; RFC 3264 §5.1, absent means sendrecv).
public enum MediaDirection: String, Sendable, Hashable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// The direction seen from the other side (sendonly ↔ recvonly).
    public var reversed: MediaDirection {
        switch self {
        case .sendonly: .recvonly
        case .recvonly: .sendonly
        default: self
        }
    }
}

/// One ICE candidate (RFC 8839 §5.1, `a=candidate`).
public struct ICECandidate: Sendable, Hashable {
    public var foundation: String
    public var component: Int
    public var transport: String
    public var priority: UInt32
    public var address: String
    public var port: UInt16
    /// `host`, `srflx`, `prflx` or `relay`.
    public var type: String
}
