/// Per-payload-type facts resolved once per stream (128 entries), so the per-packet path does
/// no dictionary lookups or string work.
struct ResolvedPayloadTypes: Sendable {
    static let telephoneEventFlag: UInt8 = 1, comfortNoiseFlag: UInt8 = 2

    /// RFC 3550 clock rate per payload type, Hz (0 unknown).
    private(set) var clockRates: [UInt32]
    /// The clock rate tshark 4.0 would use, Hz (0 unknown or telephone-event).
    private(set) var wiresharkClockRates: [UInt32]
    private(set) var flags: [UInt8]

    /// Each entry depends only on its own payload type's signalled format (or the static table), so the
    /// tables start from those of an empty map (resolved once per process) and only signalled types are
    /// resolved again: creating a stream costs a few lookups instead of 384.
    init(_ map: PayloadTypeMap, wireshark: PayloadTypeMap) {
        self = Self.unsignalled
        for pt in map.signalled.keys where pt < 128 { resolve(pt, map: map) }
        for pt in wireshark.signalled.keys where pt < 128 { resolveWireshark(pt, map: wireshark) }
    }

    private init(resolvingAll map: PayloadTypeMap) {
        clockRates = Array(repeating: 0, count: 128)
        wiresharkClockRates = Array(repeating: 0, count: 128)
        flags = Array(repeating: 0, count: 128)
        for pt in 0..<128 as Range<UInt8> {
            resolve(pt, map: map)
            resolveWireshark(pt, map: map)
        }
    }

    private static let unsignalled = ResolvedPayloadTypes(resolvingAll: PayloadTypeMap())

    private mutating func resolve(_ pt: UInt8, map: PayloadTypeMap) {
        clockRates[Int(pt)] = map.clockRate(pt)
        flags[Int(pt)] = (map.isTelephoneEvent(pt) ? Self.telephoneEventFlag : 0) | (map.isComfortNoise(pt) ? Self.comfortNoiseFlag : 0)
    }

    private mutating func resolveWireshark(_ pt: UInt8, map: PayloadTypeMap) {
        wiresharkClockRates[Int(pt)] = WiresharkPayloadTypes.analysisClockRate(pt, map: map).clockRate
    }

    @inlinable func isTelephoneEvent(_ pt: UInt8) -> Bool { flags[Int(pt & 0x7F)] & Self.telephoneEventFlag != 0 }
    @inlinable func isComfortNoise(_ pt: UInt8) -> Bool { flags[Int(pt & 0x7F)] & Self.comfortNoiseFlag != 0 }
    @inlinable func clockRate(_ pt: UInt8) -> UInt32 { clockRates[Int(pt & 0x7F)] }
    @inlinable func wiresharkClockRate(_ pt: UInt8) -> UInt32 { wiresharkClockRates[Int(pt & 0x7F)] }
}
