import CallAnalysis
import RTPKit

/// `callscope streams`: one row per RTP stream with CallScope's figures (RFC 3550 loss, duplicates,
/// reordering, A.8 jitter) and the headline MOS, or tshark's exact `-z rtp,streams` table.
public enum StreamTableText {
    /// Our columns. Jitter is RFC 3550 A.8 (max and mean of J after each packet from the second on),
    /// "-" when the clock rate is unknown; MOS is the conversational MOS through the reference buffer.
    public static func render(_ result: AnalysisResult) -> String {
        var table = TextTable([
            .init("id"), .init("call"), .init("src → dst"), .init("SSRC"), .init("codec"), .init("pkts", .right),
            .init("lost (loss %)", .right), .init("dups", .right), .init("reord", .right), .init("max Δ ms", .right),
            .init("jitter max/mean ms", .right), .init("MOS", .right), .init("flags"), .init("discovery"),
        ])
        for stream in result.streams {
            let s = stream.summary
            let loss = s.expected > 0 ? "\(s.lost) (\(fixedDecimals(s.lossPercent, 1)) %)" : "\(s.lost) (-)"
            let jitter = stream.clockRate != nil && s.packets > 0
                ? fixedDecimals(s.maxJitterMs, 3) + "/" + fixedDecimals(s.meanJitterMs, 3) : "-"
            table.append([
                stream.id, stream.callID.map { Cell.shortened($0, 20) } ?? "-",
                "\(s.key.source) → \(s.key.destination)", ssrcText(s.key.ssrc), stream.codec ?? "-", String(s.packets),
                loss, String(s.duplicates), String(s.reordered), s.packets > 1 ? fixedDecimals(s.maxDeltaMs, 3) : "-",
                jitter, Cell.number(stream.reference?.conversational.mos, 2),
                stream.flags.isEmpty ? "-" : stream.flags.joined(separator: ","), stream.discovery.rawValue,
            ])
        }
        return table.render()
    }

    /// Exactly what tshark 4.0.17 prints for `-q -z rtp,streams`: header, column titles, one row per
    /// stream newest first (reverse order of first packet), footer. Dynamic payload types are named by the
    /// stream's SDP encoding name when the analysis resolved its media type to one.
    public static func renderWireshark(_ result: AnalysisResult) -> String {
        var lines = [WiresharkStreamTable.header, WiresharkStreamTable.columnHeader]
        for stream in result.streams.reversed() {
            let s = stream.summary
            let payload = WiresharkStreamTable.payloadColumn(s.wireshark, dynamicNames: dynamicNames(stream))
            lines.append(WiresharkStreamTable.row(source: s.key.source, destination: s.key.destination, ssrc: s.key.ssrc,
                                                  payload: payload, analysis: s.wireshark,
                                                  captureStart: s.wireshark.timeOrigin))
        }
        lines.append(WiresharkStreamTable.footer)
        return lines.joined(separator: "\n")
    }

    /// The SDP name of the stream's media payload type when it is dynamic (≥ 96). The analysis resolves one
    /// media type per stream (`StreamResult.codec`): the lowest payload type seen that is neither comfort noise
    /// nor telephone-event; other dynamic types print as tshark prints unsignalled ones.
    static func dynamicNames(_ stream: StreamResult) -> [UInt8: String] {
        guard let codec = stream.codec, stream.clockRate != nil,
              let media = stream.summary.payloadTypes.first(where: { $0 != 13 && $0 != 19 }), media >= 96 else { return [:] }
        // With telephone-events and several dynamic types the media type is ambiguous here: name none.
        let dynamic = stream.summary.payloadTypes.filter { $0 >= 96 }
        if dynamic.count > 1 && stream.summary.telephoneEventPackets > 0 { return [:] }
        return [media: codec]
    }

    static func ssrcText(_ ssrc: UInt32) -> String {
        let hex = String(ssrc, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
