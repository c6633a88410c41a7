/// Per-payload-type facts resolved once per stream (128 entries), so the per-packet path does
/// no dictionary lookups or string work.
struct ResolvedPayloadTypes: Sendable {
    static let telephoneEventFlag: UInt8 = 1, comfortNoiseFlag: UInt8 = 2

    /// RFC 3550 clock rate per payload type, Hz (0 unknown).
    private(set) var clockRates: [UInt32]
    /// The clock rate tshark 4.0 would use, Hz (0 unknown or telephone-event).
    private(set) var wiresharkClockRates: [UInt32]
    private(set) var flags: [UInt8]

    init(_ map: PayloadTypeMap, wireshark: PayloadTypeMap) {
        clockRates = (0..<128).map { map.clockRate(UInt8($0)) }
        wiresharkClockRates = (0..<128).map { WiresharkPayloadTypes.analysisClockRate(UInt8($0), map: wireshark).clockRate }
        flags = (0..<128).map { pt in
            (map.isTelephoneEvent(UInt8(pt)) ? Self.telephoneEventFlag : 0) | (map.isComfortNoise(UInt8(pt)) ? Self.comfortNoiseFlag : 0)
        }
    }

    @inlinable func isTelephoneEvent(_ pt: UInt8) -> Bool { flags[Int(pt & 0x7F)] & Self.telephoneEventFlag != 0 }
    @inlinable func isComfortNoise(_ pt: UInt8) -> Bool { flags[Int(pt & 0x7F)] & Self.comfortNoiseFlag != 0 }
    @inlinable func clockRate(_ pt: UInt8) -> UInt32 { clockRates[Int(pt & 0x7F)] }
    @inlinable func wiresharkClockRate(_ pt: UInt8) -> UInt32 { wiresharkClockRates[Int(pt & 0x7F)] }
}
