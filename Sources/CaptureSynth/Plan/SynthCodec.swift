/// The audio codec of the synthetic calls and its RTP framing at 20 ms packetisation.
public enum SynthCodec: String, Sendable, Hashable, CaseIterable {
    /// G.711 µ-law, static payload type 0 (RFC 3551 table 4), 8000 Hz.
    case pcmu
    /// G.711 A-law, static payload type 8, 8000 Hz.
    case pcma
    /// G.722, static payload type 9; RTP clock 8000 Hz although sampled at 16 kHz (RFC 3551 4.5.2).
    case g722
    /// Opus (RFC 7587), dynamic payload type 111, RTP clock always 48000 Hz.
    case opus

    /// RTP payload type number.
    public var payloadType: UInt8 {
        switch self {
        case .pcmu: 0
        case .pcma: 8
        case .g722: 9
        case .opus: 111
        }
    }

    /// RTP timestamp clock rate in Hz (also used for the telephone-event stream).
    public var clockRate: UInt32 { self == .opus ? 48_000 : 8_000 }

    /// RTP timestamp increment per 20 ms packet.
    public var samplesPerPacket: UInt32 { clockRate / 50 }

    /// Payload bytes per 20 ms packet: 160 for G.711 and G.722 (64 kbit/s), 80 for Opus (32 kbit/s CBR).
    public var payloadBytes: Int { self == .opus ? 80 : 160 }

    /// The SDP rtpmap encoding, e.g. `PCMU/8000`, `opus/48000/2`.
    var rtpmap: String {
        switch self {
        case .pcmu: "PCMU/8000"
        case .pcma: "PCMA/8000"
        case .g722: "G722/8000"
        case .opus: "opus/48000/2"
        }
    }
}
