/// What a payload type carries, as far as stream analysis needs to know.
public struct PayloadFormat: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case audio, video, telephoneEvent, comfortNoise, other }

    /// Encoding name as in SDP a=rtpmap or the RFC 3551 table (e.g. "PCMU", "telephone-event").
    public var encodingName: String
    /// RTP clock rate in Hz (timestamp units per second); 0 when unknown.
    public var clockRate: UInt32
    public var channels: UInt8
    public var kind: Kind

    public init(encodingName: String, clockRate: UInt32, channels: UInt8 = 1, kind: Kind? = nil) {
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
        self.kind = kind ?? PayloadFormat.kind(ofEncoding: encodingName)
    }

    /// Whether this is RFC 4733 telephone-event (DTMF) whose timestamps do not advance per packet.
    public var isTelephoneEvent: Bool { kind == .telephoneEvent }

    static func kind(ofEncoding name: String) -> Kind {
        switch name.lowercased() {
        case "telephone-event": return .telephoneEvent
        case "cn": return .comfortNoise
        case "h261", "h263", "h263-1998", "h263-2000", "h264", "h265", "vp8", "vp9", "av1", "jpeg", "mpv", "mp2t",
             "celb", "nv", "mp4v-es":
            return .video
        default: return .audio
        }
    }
}

/// RFC 3551 §6 static payload types (Table 4 audio, Table 5 video).
///
/// G.722 (PT 9) has an RTP clock of 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).
public enum StaticPayloadTypes {
    public static func format(_ payloadType: UInt8) -> PayloadFormat? {
        switch payloadType {
        case 0: return PayloadFormat(encodingName: "PCMU", clockRate: 8000)
        case 3: return PayloadFormat(encodingName: "GSM", clockRate: 8000)
        case 4: return PayloadFormat(encodingName: "G723", clockRate: 8000)
        case 5: return PayloadFormat(encodingName: "DVI4", clockRate: 8000)
        case 6: return PayloadFormat(encodingName: "DVI4", clockRate: 16000)
        case 7: return PayloadFormat(encodingName: "LPC", clockRate: 8000)
        case 8: return PayloadFormat(encodingName: "PCMA", clockRate: 8000)
        case 9: return PayloadFormat(encodingName: "G722", clockRate: 8000)
        case 10: return PayloadFormat(encodingName: "L16", clockRate: 44100, channels: 2)
        case 11: return PayloadFormat(encodingName: "L16", clockRate: 44100)
        case 12: return PayloadFormat(encodingName: "QCELP", clockRate: 8000)
        case 13: return PayloadFormat(encodingName: "CN", clockRate: 8000)
        case 14: return PayloadFormat(encodingName: "MPA", clockRate: 90000)
        case 15: return PayloadFormat(encodingName: "G728", clockRate: 8000)
        case 16: return PayloadFormat(encodingName: "DVI4", clockRate: 11025)
        case 17: return PayloadFormat(encodingName: "DVI4", clockRate: 22050)
        case 18: return PayloadFormat(encodingName: "G729", clockRate: 8000)
        case 25: return PayloadFormat(encodingName: "CelB", clockRate: 90000)
        case 26: return PayloadFormat(encodingName: "JPEG", clockRate: 90000)
        case 28: return PayloadFormat(encodingName: "nv", clockRate: 90000)
        case 31: return PayloadFormat(encodingName: "H261", clockRate: 90000)
        case 32: return PayloadFormat(encodingName: "MPV", clockRate: 90000)
        case 33: return PayloadFormat(encodingName: "MP2T", clockRate: 90000)
        case 34: return PayloadFormat(encodingName: "H263", clockRate: 90000)
        default: return nil
        }
    }
}

/// Payload type → format for one stream: the RFC 3551 static table, overridden/extended by a
/// caller-supplied dynamic map (from SDP a=rtpmap; RFC 4566 §6).
public struct PayloadTypeMap: Sendable, Hashable {
    /// Formats signalled for dynamic (or re-mapped) payload types.
    public var signalled: [UInt8: PayloadFormat]

    public init(signalled: [UInt8: PayloadFormat] = [:]) { self.signalled = signalled }

    /// The signalled format, else the static one, else nil (dynamic type without rtpmap).
    @inlinable public func format(_ payloadType: UInt8) -> PayloadFormat? {
        signalled[payloadType] ?? StaticPayloadTypes.format(payloadType)
    }

    /// Clock rate in Hz used for RFC 3550 jitter; 0 when unknown.
    @inlinable public func clockRate(_ payloadType: UInt8) -> UInt32 { format(payloadType)?.clockRate ?? 0 }

    @inlinable public func isTelephoneEvent(_ payloadType: UInt8) -> Bool {
        format(payloadType)?.isTelephoneEvent ?? false
    }

    /// Whether the payload type is comfort noise (RFC 3389 PT 13, the old PT 19, or a signalled CN).
    @inlinable public func isComfortNoise(_ payloadType: UInt8) -> Bool {
        payloadType == 13 || payloadType == 19 || format(payloadType)?.kind == .comfortNoise
    }
}
