import CallAnalysis
import QualityModel

/// `callscope jitterbuffer`: per stream, what each simulated jitter buffer would have done and how the
/// E-model scores the result. "*" marks the reference buffer (the stream's headline score).
///
/// Columns: played packets; late = discarded after their playout deadline; overflow = discarded for waiting longer
/// than the buffer's capacity; effective loss = (network + late + overflow) / expected; mean and 95th percentile of
/// the wait of played packets (ms); conversational R and MOS (mouth-to-ear delay included) and MOS-LQ (listening,
/// no delay impairment). "-" when the stream has no scorable audio codec.
public enum JitterBufferTableText {
    public static func render(_ result: AnalysisResult, streams: [StreamResult]) -> String {
        var blocks: [String] = []
        for stream in streams {
            let s = stream.summary
            var title = "\(stream.id)  \(s.key.source) → \(s.key.destination)  \(stream.codec ?? "unknown codec")  "
                + "\(s.packets) packets, network loss \(s.expected > 0 ? fixedDecimals(s.lossPercent, 1) + " %" : "-")"
            if let model = stream.reference?.model { title += ", E-model \(model.rawValue)" }
            if stream.buffers.allSatisfy({ $0.outcome.received == 0 }) {
                blocks.append(title + "\n  (not simulated: no media packet with a known clock rate; codec "
                              + (stream.codec ?? "unknown") + ")")
                continue
            }
            var table = TextTable([
                .init("buffer"), .init("played", .right), .init("late", .right), .init("overflow", .right),
                .init("eff. loss %", .right), .init("mean ms", .right), .init("p95 ms", .right), .init("R", .right),
                .init("MOS", .right), .init("MOS-LQ", .right),
            ])
            for (index, buffer) in stream.buffers.enumerated() {
                let o = buffer.outcome
                let a = buffer.assessment
                table.append([
                    (index == stream.referenceIndex ? "* " : "  ") + o.name, String(o.played), String(o.discardedLate),
                    String(o.discardedOverflow), o.expected > 0 ? fixedDecimals(o.effectiveLossPercent, 2) : "-",
                    o.played > 0 ? fixedDecimals(o.meanDelayMs, 1) : "-", o.played > 0 ? fixedDecimals(o.p95DelayMs, 1) : "-",
                    Cell.number(a?.conversational.rFactor, 1), Cell.number(a?.conversational.mos, 2),
                    Cell.number(a?.listening.mos, 2),
                ])
            }
            var block = title + "\n" + table.render()
            if stream.buffers.allSatisfy({ $0.assessment == nil }) {
                block += "\n  (not scored: " + (stream.codec.map { "\($0) is not an audio codec" } ?? "codec unknown") + ")"
            }
            blocks.append(block)
        }
        return blocks.joined(separator: "\n\n")
    }
}
