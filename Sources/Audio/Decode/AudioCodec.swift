/// Codecs the Audio module can decode.
public enum AudioCodec: Sendable, Equatable {
    /// G.711 µ-law, 8 kHz.
    case pcmu
    /// G.711 A-law, 8 kHz.
    case pcma
    /// Opus (RTP clock always 48 kHz, RFC 7587); decoded to mono 48 kHz.
    case opus

    /// Resolves an SDP encoding name (`a=rtpmap`, case-insensitive) or throws `unsupportedCodec`.
    public init(encodingName: String) throws(AudioError) {
        switch encodingName.lowercased() {
        case "pcmu", "g711u", "ulaw": self = .pcmu
        case "pcma", "g711a", "alaw": self = .pcma
        case "opus": self = .opus
        default: throw .unsupportedCodec(name: encodingName)
        }
    }

    /// Resolves a static RTP payload type (RFC 3551): 0 PCMU, 8 PCMA; anything else is unsupported.
    public init(staticPayloadType pt: UInt8) throws(AudioError) {
        switch pt {
        case 0: self = .pcmu
        case 8: self = .pcma
        default: throw .unsupportedCodec(name: "payload type \(pt)")
        }
    }

    /// RTP clock rate (Hz).
    public var clockRate: Int { self == .opus ? 48_000 : 8_000 }
    /// Output sample rate of the decoded PCM (Hz).
    public var outputSampleRate: Int { clockRate }
}
