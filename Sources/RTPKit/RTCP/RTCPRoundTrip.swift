import WireCore

/// RFC 3550 §6.4.1 round-trip time from a reception report's LSR/DLSR.
public enum RTCPRoundTrip {
    /// Seconds between the NTP era (1900-01-01) and the Unix epoch.
    public static let ntpUnixOffset: Int64 = 2_208_988_800

    /// The middle 32 bits of the NTP timestamp of `time` (16.16 fixed-point seconds), the unit of LSR.
    public static func compactNTP(_ time: Timestamp) -> UInt32 {
        let seconds = UInt64(bitPattern: time.wholeSeconds &+ ntpUnixOffset)
        let fraction = UInt64(time.subsecondNanoseconds) << 32 / 1_000_000_000  // 32-bit NTP fraction
        return UInt32(truncatingIfNeeded: (seconds << 16) | (fraction >> 16))
    }

    /// RTT = A − LSR − DLSR in ms, where A is the compact NTP time the report arrived.
    /// Returns nil when LSR is 0 (no SR received yet, per §6.4.1) or the result is negative
    /// (clocks disagree).
    public static func roundTripMs(arrivalCompactNTP a: UInt32, lastSR: UInt32, delaySinceLastSR: UInt32) -> Double? {
        guard lastSR != 0 else { return nil }
        let rtt = a &- lastSR &- delaySinceLastSR
        guard Int32(bitPattern: rtt) >= 0 else { return nil }
        return Double(rtt) * 1000 / 65536
    }

    /// RTT with A taken from the capture clock (`arrival`) — right when the capture was taken on
    /// the host that sent the SR (its NTP clock is the capture clock).
    public static func roundTripMs(arrival: Timestamp, block: ReceptionReportBlock) -> Double? {
        roundTripMs(arrivalCompactNTP: compactNTP(arrival), lastSR: block.lastSR, delaySinceLastSR: block.delaySinceLastSR)
    }
}
