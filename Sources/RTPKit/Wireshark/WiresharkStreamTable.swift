#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WireCore

/// Renders streams as tshark 4.0.17 prints `-q -z rtp,streams` (same columns, widths and rounding).
///
/// tshark lists streams newest first (reverse order of each stream's first packet); pass the
/// rows in the order you want them printed.
public enum WiresharkStreamTable {
    public static let header = "========================= RTP Streams ========================"
    public static let footer = "=============================================================="
    public static var columnHeader: String {
        let titles: [(String, Int)] = [
            ("Start time", 13), ("End time", 13), ("Src IP addr", 15), ("Port", 5), ("Dest IP addr", 15), ("Port", 5),
            ("SSRC", 10), ("Payload", 16), ("Pkts", 5), ("Lost", 12), ("Min Delta(ms)", 15), ("Mean Delta(ms)", 15),
            ("Max Delta(ms)", 15), ("Min Jitter(ms)", 15), ("Mean Jitter(ms)", 15), ("Max Jitter(ms)", 15),
        ]
        return titles.map { pad($0.0, $0.1) }.joined(separator: " ") + " Problems?"
    }

    /// The "Payload" column: names of every payload type seen, in payload-type order, ", "-joined.
    /// - Parameter dynamicNames: encoding names tshark knows for dynamic types (from SDP).
    public static func payloadColumn(_ analysis: WiresharkStreamAnalysis, dynamicNames: [UInt8: String]) -> String {
        var names: [String] = []
        for pt in UInt8(0)...127 where analysis.payloadTypesSeen & (UInt128(1) << UInt128(pt)) != 0 {
            names.append(WiresharkPayloadTypes.shortName(pt, dynamicName: dynamicNames[pt]))
        }
        return names.joined(separator: ", ")
    }

    /// One row. Times are printed relative to `captureStart` (tshark's first frame), in seconds.
    public static func row(source: Endpoint, destination: Endpoint, ssrc: UInt32, payload: String,
                           analysis a: WiresharkStreamAnalysis, captureStart: Timestamp) -> String {
        let columns: [String] = [
            pad(fixed(a.firstArrival.seconds(since: captureStart), 6), 13),
            pad(fixed(a.lastArrival.seconds(since: captureStart), 6), 13),
            pad(source.address.description, 15), pad(String(source.port), 5),
            pad(destination.address.description, 15), pad(String(destination.port), 5),
            "0x" + hex8(ssrc), pad(payload, 16), pad(String(a.packets), 5),
            pad(String(a.lost), 5) + " (" + fixed(a.lostPercent, 1) + "%)",
            pad(fixed(a.minDeltaMs, 3), 15), pad(fixed(a.meanDeltaMs, 3), 15), pad(fixed(a.maxDeltaMs, 3), 15),
            pad(fixed(a.minJitterMs, 3), 15), pad(fixed(a.meanJitterMs, 3), 15), pad(fixed(a.maxJitterMs, 3), 15),
            a.problem ? "X" : "",
        ]
        return columns.joined(separator: " ")
    }

    static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Right-aligns like printf "%Ns" (never truncates).
    static func pad(_ text: String, _ width: Int) -> String {
        let count = text.utf8.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    /// printf "%.Nf" through the C library, so rounding is exactly tshark's.
    static func fixed(_ value: Double, _ decimals: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([decimals, value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        guard written > 0, written < buffer.count else { return String(value) }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
