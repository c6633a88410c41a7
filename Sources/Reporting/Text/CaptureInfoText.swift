import CallAnalysis
import PcapIngest

extension CaptureInfo {
    /// The human-readable summary printed by `callscope info`.
    public var text: String {
        let s = summary
        var lines: [String] = []
        lines.append("File:            \(s.path)")
        lines.append("Format:          \(s.format.rawValue)   link types: \(s.linkTypes.map(\.name).joined(separator: ", "))")
        lines.append("Packets:         \(s.packets)   bytes: \(s.bytes) on the wire, \(s.capturedBytes) captured")
        lines.append("First packet:    \(s.firstPacket?.iso8601 ?? "-")")
        lines.append("Last packet:     \(s.lastPacket?.iso8601 ?? "-")")
        lines.append("Duration:        \(s.durationSeconds.map { String(format3: $0) + " s" } ?? "-")")
        switch s.end {
        case .endOfFile: break
        case .truncated(let d): lines.append("TRUNCATED:       \(d)")
        case .corrupt(let d): lines.append("CORRUPT:         \(d) (reading stopped)")
        }
        let c = counts
        lines.append("Protocols:       SIP \(c.sipMessages), RTP \(c.rtpCandidates), RTCP \(c.rtcpCandidates), STUN/DTLS/ZRTP \(c.stunDtlsZrtp), other UDP \(c.otherUDP), TCP \(c.tcpSegments), other IP \(c.otherIP), non-IP \(c.nonIP)")
        lines.append("Network:         IPv4 \(c.ipv4), IPv6 \(c.ipv6), VLAN-tagged \(c.vlanTagged), tunnelled \(c.tunnelled)")
        lines.append("Fragments:       \(c.fragments) received, \(c.fragmentsReassembled) datagrams reassembled")
        if skipped.entries.isEmpty {
            lines.append("Skipped:         none")
        } else {
            lines.append("Skipped:         \(skipped.total) packets")
            for reason in skipped.entries.keys.sorted() {
                guard let e = skipped.entries[reason] else { continue }
                lines.append("  \(reason): \(e.count) (first at packet \(e.firstPacket): \(e.example))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Fixed three decimals without Foundation.
    public init(format3 value: Double) {
        self = fixedDecimals(value, 3)
    }
}

/// Formats `value` with exactly `digits` decimals (round half away from zero), without Foundation.
public func fixedDecimals(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int64(scaled / scale)
    let fraction = Int64(scaled - Double(whole) * scale)
    let sign = value < 0 && scaled != 0 ? "-" : ""
    if digits == 0 { return sign + String(whole) }
    let f = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
}
