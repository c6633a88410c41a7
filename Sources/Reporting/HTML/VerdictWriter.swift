/// Plain-language verdict sentences generated from a report's numbers, used when the report carries no
/// `verdict` of its own. Times (`mm:ss`) are offsets from the stream's `time_series.start`.
public enum VerdictWriter {
    /// Loss (%) above which a stream's loss is worth a sentence.
    static let lossWorthMentioningPct = 1.0
    /// RFC 3550 jitter (ms) above which jitter is worth a sentence.
    static let jitterWorthMentioningMs = 30.0
    /// G.107 Annex B: below MOS 3.6 "many users dissatisfied".
    static let poorMOS = 3.6

    /// The verdict for a call: the report's own `verdict` when present, otherwise generated sentences.
    public static func sentences(call: JSONValue, streams: [JSONValue]) -> [String] {
        let given = call.array(at: "verdict").compactMap(\.stringValue)
        if !given.isEmpty { return given }
        var out: [String] = []
        let state = call.string(at: "state") ?? "unknown"
        if state != "completed" && state != "in_progress" {
            var sentence = state.replacingUnderscores()
            if let status = call.int(at: "final_status") {
                sentence += ": \(status)" + (call.string(at: "final_reason").map { " \($0)" } ?? "")
            }
            if let srd = call.double(at: "srd_ms") { sentence += " after \(NumberText.compact(srd, 0)) ms" }
            out.append(sentence)
        }
        for stream in streams { out += sentences(stream: stream) }
        if out.isEmpty {
            if let mos = call.double(at: "mos") {
                out.append("no impairment found: MOS \(NumberText.fixed(mos, 2))")
            } else if streams.isEmpty && state == "completed" {
                out.append("answered, but no RTP stream was seen")
            }
        }
        return out
    }

    /// Sentences about one stream: loss (with its worst window and whether a bigger buffer helps), jitter, flags.
    public static func sentences(stream: JSONValue) -> [String] {
        var out: [String] = []
        let direction = "\(stream.string(at: "src_ip") ?? "?") → \(stream.string(at: "dst_ip") ?? "?")"
        let flags = Set(stream.array(at: "flags").compactMap(\.stringValue))
        if flags.contains("one_way") { out.append("one-way audio: only \(direction) carried media") }
        if let loss = stream.double(at: "loss_pct"), loss >= lossWorthMentioningPct {
            let bursty = flags.contains("bursty_loss") || (stream.double(at: "burst.burst_density") ?? 0) > 0
            var sentence = "\(NumberText.compact(loss, 1)) % \(bursty ? "bursty " : "")loss from \(direction)"
            if let window = worstWindow(stream.array(at: "time_series.lost").map { $0.doubleValue ?? 0 },
                                        interval: stream.double(at: "time_series.interval_s") ?? 1) {
                sentence += " between \(ReportTime.clock(window.start)) and \(ReportTime.clock(window.end))"
            }
            if let buffer = bufferClause(stream) { sentence += "; " + buffer }
            out.append(sentence)
        }
        if let jitter = stream.double(at: "max_jitter_ms"), jitter >= jitterWorthMentioningMs {
            var sentence = "jitter peaked at \(NumberText.compact(jitter, 1)) ms from \(direction)"
            let series = stream.array(at: "time_series.jitter_ms").map { $0.doubleValue ?? 0 }
            if let peak = series.indices.max(by: { series[$0] < series[$1] }), series[peak] > 0 {
                sentence += " at \(ReportTime.clock(Double(peak) * (stream.double(at: "time_series.interval_s") ?? 1)))"
            }
            out.append(sentence)
        }
        if out.isEmpty, let mos = stream.double(at: "quality.mos"), mos < poorMOS {
            let r = stream.double(at: "quality.r_factor").map { " (R \(NumberText.fixed($0, 1)))" } ?? ""
            out.append("low MOS \(NumberText.fixed(mos, 2)) from \(direction)\(r) without notable loss or jitter: codec and delay limit it")
        }
        return out
    }

    /// The longest run of intervals with loss (ties: the first), as offsets in seconds [start, end).
    static func worstWindow(_ lost: [Double], interval: Double) -> (start: Double, end: Double)? {
        var best: Range<Int>?
        var runStart: Int?
        for i in 0...lost.count {
            if i < lost.count, lost[i] > 0 {
                if runStart == nil { runStart = i }
            } else if let start = runStart {
                if best == nil || (i - start) > (best?.count ?? 0) { best = start..<i }
                runStart = nil
            }
        }
        return best.map { (Double($0.lowerBound) * interval, Double($0.upperBound) * interval) }
    }

    /// Whether the deepest simulated fixed buffer would have raised MOS by at least 0.1 over the stream's reference.
    static func bufferClause(_ stream: JSONValue) -> String? {
        let buffers = stream.array(at: "quality.jitter_buffers")
        guard let reference = stream.double(at: "quality.mos") else { return nil }
        let candidates = buffers.filter { ($0.string(at: "name") ?? "").hasPrefix("fixed") && $0.double(at: "mos") != nil }
        guard let deepest = candidates.max(by: { ($0.double(at: "mean_delay_ms") ?? 0) < ($1.double(at: "mean_delay_ms") ?? 0) }),
              let mos = deepest.double(at: "mos"), let delay = deepest.double(at: "mean_delay_ms") else { return nil }
        if mos - reference >= 0.1 {
            return "a \(NumberText.compact(delay, 0)) ms buffer would have raised MOS from \(NumberText.fixed(reference, 2)) to \(NumberText.fixed(mos, 2))"
        }
        return "a \(NumberText.compact(delay, 0)) ms buffer would not have helped"
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
