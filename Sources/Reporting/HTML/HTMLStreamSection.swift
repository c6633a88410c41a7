/// One RTP stream: figures (ours, Wireshark's, the peer's RTCP), quality, charts over time,
/// the jitter-buffer what-if table and DTMF.
struct HTMLStreamSection {
    let stream: JSONValue

    var html: String {
        let flags = stream.array(at: "flags").compactMap(\.stringValue)
        var html = "<div class=\"stream\" id=\"stream-\(HTMLText.escape(stream.string(at: "id") ?? ""))\"><h3>Stream \(HTMLText.escape(stream.string(at: "id"))): "
        html += "\(HTMLText.escape(stream.string(at: "src_ip"))):\(port("src_port")) → \(HTMLText.escape(stream.string(at: "dst_ip"))):\(port("dst_port"))</h3>"
        html += "<p class=\"muted\">SSRC \(HTMLText.escape(stream.string(at: "ssrc"))) · \(HTMLText.escape(stream.string(at: "codec") ?? "unknown codec")) @ \(stream.int(at: "clock_rate").map(String.init) ?? "?") Hz"
        html += " · found by \(HTMLText.escape(stream.string(at: "discovery") ?? "?")) · \(HTMLText.escape(stream.string(at: "first_packet"))) – \(HTMLText.escape(stream.string(at: "last_packet")))"
        html += flags.map { " <span class=\"flag\">\(HTMLText.escape($0.replacingUnderscores()))</span>" }.joined() + "</p>"
        html += "<div class=\"two\"><div>\(figures)</div><div>\(quality)</div></div>"
        html += charts
        html += jitterBuffers
        html += dtmf
        return html + "</div>"
    }

    func port(_ key: String) -> String { stream.int(at: key).map(String.init) ?? "?" }

    /// Our RFC 3550 figures next to Wireshark-compatible ones and what the peer reported in RTCP.
    var figures: String {
        func cell(_ path: String, _ digits: Int = 2) -> String {
            guard let value = stream.value(at: path), !value.isNull else { return "<td class=\"num\">—</td>" }
            return "<td class=\"num\">\(NumberText.compact(value.doubleValue, digits))</td>"
        }
        let none = "<td class=\"num\">—</td>"
        let rows: [(String, String, String, String)] = [
            ("Packets", cell("packets"), cell("wireshark.packets"), none),
            ("Expected", cell("expected"), none, none),
            ("Lost", cell("lost"), cell("wireshark.lost"), none),
            ("Loss %", cell("loss_pct"), none, cell("rtcp.reported_loss_pct")),
            ("Duplicates / reordered", "<td class=\"num\">\(NumberText.compact(stream.double(at: "duplicates"), 0)) / \(NumberText.compact(stream.double(at: "reordered"), 0))</td>", none, none),
            ("Min delta ms", none, cell("wireshark.min_delta_ms"), none),
            ("Mean delta ms", cell("mean_delta_ms"), cell("wireshark.mean_delta_ms"), none),
            ("Max delta ms", cell("max_delta_ms"), cell("wireshark.max_delta_ms"), none),
            ("Mean jitter ms", cell("mean_jitter_ms"), cell("wireshark.mean_jitter_ms"), none),
            ("Max jitter ms", cell("max_jitter_ms"), cell("wireshark.max_jitter_ms"), cell("rtcp.reported_jitter_ms")),
            ("RTT ms", none, none, cell("rtcp.rtt_ms")),
        ]
        var html = "<table class=\"data\"><thead><tr><th></th><th>CallScope (RFC 3550)</th><th>Wireshark</th><th>RTCP (peer)</th></tr></thead><tbody>"
        for row in rows { html += "<tr><th>\(row.0)</th>\(row.1)\(row.2)\(row.3)</tr>" }
        html += "</tbody></table>"
        if stream.value(at: "rtcp")?.isNull ?? true { html += "<p class=\"muted\">No RTCP seen for this stream.</p>" }
        if let burst = stream.value(at: "burst"), !burst.isNull {
            html += "<p class=\"muted\">RFC 3611 bursts (Gmin 16): burst density \(NumberText.compact(burst.double(at: "burst_density"), 3)), gap density \(NumberText.compact(burst.double(at: "gap_density"), 3)), burst \(NumberText.compact(burst.double(at: "burst_duration_ms"), 0)) ms, gap \(NumberText.compact(burst.double(at: "gap_duration_ms"), 0)) ms</p>"
        }
        return html
    }

    var quality: String {
        guard let quality = stream.value(at: "quality"), !quality.isNull else { return "<p class=\"muted\">No quality score.</p>" }
        var html = "<div class=\"mos\"><span class=\"big\">\(NumberText.fixed(quality.double(at: "mos"), 2))</span> MOS (conversational)"
        html += "<br>R \(NumberText.fixed(quality.double(at: "r_factor"), 1)) · MOS-LQ \(NumberText.fixed(quality.double(at: "mos_lq"), 2)) · model \(HTMLText.escape(quality.string(at: "model")))</div>"
        let assumptions = quality.array(at: "assumptions").compactMap(\.stringValue)
        if !assumptions.isEmpty {
            html += "<ul class=\"assume\">" + assumptions.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        }
        return html
    }

    var charts: String {
        guard let series = stream.value(at: "time_series"), !series.isNull else { return "" }
        let interval = series.double(at: "interval_s") ?? 1
        func values(_ key: String) -> [Double?] { series.array(at: key).map(\.doubleValue) }
        let charts = [
            TimeSeriesChart(title: "Jitter (RFC 3550)", unit: "ms", values: values("jitter_ms"), interval: interval, colour: "#2563eb"),
            TimeSeriesChart(title: "Max inter-packet delta", unit: "ms", values: values("max_delta_ms"), interval: interval, colour: "#7c3aed"),
            TimeSeriesChart(title: "Lost packets", unit: "per interval", values: values("lost"), interval: interval, style: .bars, colour: "#dc2626"),
            TimeSeriesChart(title: "Bitrate", unit: "kbit/s", values: values("bitrate_kbps"), interval: interval, colour: "#059669"),
        ]
        return "<div class=\"charts\">" + charts.map(\.svg).joined() + "</div>"
    }

    /// The jitter-buffer what-if: each simulated buffer with its late discards, effective loss, delay and MOS.
    var jitterBuffers: String {
        let buffers = stream.array(at: "quality.jitter_buffers")
        guard !buffers.isEmpty else { return "" }
        let best = buffers.compactMap { $0.double(at: "mos") }.max()
        var html = "<h4>Jitter buffer what-if</h4><table class=\"data\"><thead><tr><th>Buffer</th><th>Late discards</th><th>Effective loss %</th><th>Mean delay ms</th><th>p95 delay ms</th><th>R</th><th>MOS</th></tr></thead><tbody>"
        for buffer in buffers {
            let mos = buffer.double(at: "mos")
            let isBest = mos != nil && mos == best
            html += "<tr\(isBest ? " class=\"best\"" : "")><td><code>\(HTMLText.escape(buffer.string(at: "name")))</code></td>"
            html += "<td class=\"num\">\(NumberText.compact(buffer.double(at: "discarded"), 0))</td><td class=\"num\">\(NumberText.fixed(buffer.double(at: "effective_loss_pct"), 2))</td>"
            html += "<td class=\"num\">\(NumberText.compact(buffer.double(at: "mean_delay_ms"), 1))</td><td class=\"num\">\(NumberText.compact(buffer.double(at: "p95_delay_ms"), 1))</td>"
            html += "<td class=\"num\">\(NumberText.fixed(buffer.double(at: "r_factor"), 1))</td><td class=\"num\">\(NumberText.fixed(mos, 2))\(isBest ? " ★" : "")</td></tr>"
        }
        return html + "</tbody></table>"
    }

    var dtmf: String {
        let digits = stream.string(at: "dtmf") ?? ""
        let events = stream.array(at: "dtmf_events")
        guard !digits.isEmpty || !events.isEmpty else { return "" }
        var html = "<h4>DTMF (RFC 4733)</h4><p class=\"dtmf\">\(HTMLText.escape(digits))</p>"
        if !events.isEmpty {
            let origin = stream.string(at: "first_packet").flatMap(ReportTime.seconds)
            html += "<table class=\"data\"><thead><tr><th>Digit</th><th>At</th><th>Duration ms</th></tr></thead><tbody>"
            for event in events {
                let time = event.string(at: "time").flatMap(ReportTime.seconds)
                let at = time.flatMap { t in origin.map { ReportTime.clock(t - $0) + "." + String(Int(((t - $0) * 1000).rounded()) % 1000 + 1000).dropFirst() } } ?? HTMLText.escape(event.string(at: "time"))
                html += "<tr><td>\(HTMLText.escape(event.string(at: "digit")))</td><td>\(at)</td><td class=\"num\">\(NumberText.compact(event.double(at: "duration_ms"), 0))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }
}
