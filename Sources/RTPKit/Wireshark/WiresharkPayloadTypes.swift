/// Payload type names and clock rates exactly as tshark 4.0 uses them in `-z rtp,streams`.
///
/// Wireshark derives the clock rate for static types (< 96) from its own table (no SDP
/// override); for dynamic types from the SDP rtpmap rate, else from the encoding name, and it
/// treats telephone-event and any dynamic type without a name as clock rate 0 (no jitter).
public enum WiresharkPayloadTypes {
    /// tshark's rtpevent dissector claims this dynamic type by default (preference
    /// `rtpevent.event_payload_type_value`), so without SDP it is printed "rtpevent".
    public static let defaultEventPayloadType: UInt8 = 101

    /// The short names printed in the "Payload" column (rtp_payload_type_short_vals); dynamic
    /// types print their SDP encoding name, "rtpevent" for an unsignalled PT 101, else "RTPType-N".
    public static func shortName(_ payloadType: UInt8, dynamicName: String?) -> String {
        if payloadType >= 96 {
            if let dynamicName { return dynamicName }
            return payloadType == defaultEventPayloadType ? "rtpevent" : "RTPType-\(payloadType)"
        }
        switch payloadType {
        case 0: return "g711U"
        case 1: return "fs-1016"
        case 2: return "g721"
        case 3: return "GSM"
        case 4: return "g723"
        case 5: return "DVI4 8k"
        case 6: return "DVI4 16k"
        case 7: return "Exp. from Xerox PARC"
        case 8: return "g711A"
        case 9: return "g722"
        case 10: return "16-bit audio, stereo"
        case 11: return "16-bit audio, monaural"
        case 12: return "Qualcomm"
        case 13: return "CN"
        case 14: return "MPEG-I/II Audio"
        case 15: return "g728"
        case 16: return "DVI4 11k"
        case 17: return "DVI4 22k"
        case 18: return "g729"
        case 19: return "CN(old)"
        case 25: return "CellB"
        case 26: return "JPEG"
        case 28: return "NV"
        case 31: return "h261"
        case 32: return "MPEG-I/II Video"
        case 33: return "MPEG-II streams"
        case 34: return "h263"
        case 72...76: return "Reserved for RTCP conflict avoidance"
        default: return "Unassigned"
        }
    }

    /// Static clock map (tap-rtp-analysis.c clock_map); 0 for types it does not list.
    public static func staticClockRate(_ payloadType: UInt8) -> UInt32 {
        switch payloadType {
        case 0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18, 19: return 8000
        case 6: return 16000
        case 10, 11: return 44100
        case 16: return 11025
        case 17: return 22050
        case 14, 25, 26, 28, 31, 32, 33, 34: return 90000
        default: return 0
        }
    }

    /// Encoding-name prefixes → clock (mimetype_and_clock_map), searched last-to-first by prefix.
    static let mimeClock: [(String, UInt32)] = [
        ("amr", 8000), ("amr-wb", 16000), ("bmpeg", 90000), ("bt656", 90000), ("dv", 90000),
        ("evrc", 8000), ("evrc0", 8000), ("evrc1", 8000), ("evrcb", 8000), ("evrcb0", 8000), ("evrcb1", 8000),
        ("evrcwb", 16000), ("evrcwb0", 16000), ("evrcwb1", 16000), ("evs", 16000), ("g7221", 16000),
        ("g726-16", 8000), ("g726-24", 8000), ("g726-32", 8000), ("g726-40", 8000), ("g729d", 8000),
        ("g729e", 8000), ("gsm-efr", 8000), ("h263-1998", 90000), ("h263-2000", 90000), ("h264", 90000),
        ("mp1s", 90000), ("mp2p", 90000), ("mp4v-es", 90000), ("mpa-robust", 90000), ("opus", 48000),
        ("pointer", 90000), ("raw", 90000), ("red", 1000), ("smv", 8000), ("smv0", 8000), ("t140", 1000),
        ("telephone-event", 8000),
    ]

    /// The clock rate tshark 4.0 uses for jitter, and whether it flags the packet as telephone-event.
    /// - Parameters:
    ///   - dynamicName: the encoding name tshark knows for a dynamic type (SDP rtpmap), or nil.
    ///   - signalledRate: the rtpmap clock rate, 0 when absent.
    public static func analysisClockRate(_ payloadType: UInt8, dynamicName: String?, signalledRate: UInt32)
        -> (clockRate: UInt32, isTelephoneEvent: Bool)
    {
        if payloadType < 96 { return (staticClockRate(payloadType), false) }
        guard let name = dynamicName else { return (0, false) }
        let lower = name.lowercased()
        if lower.hasPrefix("telephone-event") { return (0, true) }
        if signalledRate != 0 { return (signalledRate, false) }
        for (prefix, rate) in mimeClock.reversed() where lower.hasPrefix(prefix) { return (rate, false) }
        return (0, false)
    }

    /// Convenience for a stream's payload map: dynamic types use their signalled format.
    public static func analysisClockRate(_ payloadType: UInt8, map: PayloadTypeMap) -> (clockRate: UInt32, isTelephoneEvent: Bool) {
        let signalled = payloadType >= 96 ? map.signalled[payloadType] : nil
        return analysisClockRate(payloadType, dynamicName: signalled?.encodingName, signalledRate: signalled?.clockRate ?? 0)
    }
}
