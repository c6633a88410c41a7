/// The SIP ladder of a call as inline SVG: one column per signalling endpoint (in order of appearance),
/// one arrow per message in time order, labelled with its summary and time relative to the first message.
/// Retransmissions are drawn dashed in red.
struct LadderDiagram {
    var call: JSONValue
    /// Unique within the page: prefixes the arrow-marker ids.
    var id: String

    static let columnGap = 230.0, leftMargin = 100.0, rowHeight = 34.0, headerHeight = 52.0

    struct Message {
        var time: Double?
        var src: String
        var dst: String
        var summary: String
        var retransmission: Bool
        var order: Int
        /// The report's `time` text, to find the SDP this message carried.
        var timeText: String?
    }

    /// Longest label drawn on an arrow; longer summaries are cut with "…" (the full text is in a tooltip).
    static let maximumLabelLength = 42

    /// One-line SDP summaries (`offer: audio 10.0.0.5:40000 PCMA/8000 sendrecv`) keyed by the message time they came with.
    var sdpByTime: [String: String] {
        var result: [String: String] = [:]
        for description in call.array(at: "media") {
            guard let time = description.string(at: "time") else { continue }
            let streams = description.array(at: "streams").map { s in
                var parts = [s.string(at: "kind") ?? "?", "\(s.string(at: "address") ?? "?"):\(s.int(at: "port").map(String.init) ?? "?")"]
                if let codec = s.string(at: "codec") { parts.append(codec) }
                if let direction = s.string(at: "direction"), direction != "sendrecv" { parts.append(direction) }
                if s.bool(at: "encrypted") == true { parts.append("SRTP") }
                return parts.joined(separator: " ")
            }
            result[time] = "\(description.string(at: "role") ?? "sdp"): " + streams.joined(separator: ", ")
        }
        return result
    }

    var messages: [Message] {
        call.array(at: "messages").enumerated().map { order, m in
            Message(time: m.string(at: "time").flatMap(ReportTime.seconds),
                    src: m.string(at: "src") ?? "?", dst: m.string(at: "dst") ?? "?",
                    summary: m.string(at: "summary") ?? "?",
                    retransmission: m.bool(at: "retransmission") ?? false, order: order, timeText: m.string(at: "time"))
        }.sorted { ($0.time ?? .infinity, $0.order) < ($1.time ?? .infinity, $1.order) }
    }

    var svg: String {
        let messages = messages
        guard !messages.isEmpty else { return "<p class=\"muted\">No SIP messages recorded for this call.</p>" }
        var hosts: [String] = []
        for m in messages { for h in [m.src, m.dst] where !hosts.contains(h) { hosts.append(h) } }
        let caller = call.string(at: "caller_signalling"), callee = call.string(at: "callee_signalling")
        let width = Self.leftMargin + Double(max(hosts.count - 1, 1)) * Self.columnGap + 110
        let height = Self.headerHeight + Double(messages.count) * Self.rowHeight + 16
        func column(_ host: String) -> Double { Self.leftMargin + Double(hosts.firstIndex(of: host) ?? 0) * Self.columnGap }
        let origin = messages.compactMap(\.time).min()
        let sdp = sdpByTime

        var svg = "<svg class=\"ladder\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" role=\"img\" aria-label=\"SIP ladder diagram\">"
        svg += "<defs>"
        for (kind, colour) in [("req", "#1d4ed8"), ("resp", "#047857"), ("retx", "#dc2626")] {
            svg += "<marker id=\"\(id)-\(kind)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(colour)\"/></marker>"
        }
        svg += "</defs>"
        for host in hosts {
            let x = column(host)
            let role = host == caller ? "caller" : host == callee ? "callee" : ""
            svg += "<text x=\"\(n(x))\" y=\"16\" text-anchor=\"middle\" class=\"host\">\(HTMLText.escape(host))</text>"
            if !role.isEmpty { svg += "<text x=\"\(n(x))\" y=\"32\" text-anchor=\"middle\" class=\"role\">\(role)</text>" }
            svg += "<line x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"40\" y2=\"\(n(height - 6))\" class=\"life\"/>"
        }
        for (row, m) in messages.enumerated() {
            let y = Self.headerHeight + Double(row) * Self.rowHeight + 14
            let x1 = column(m.src), x2 = column(m.dst)
            let relative = m.time.flatMap { t in origin.map { "+" + NumberText.fixed(t - $0, 3) + " s" } } ?? "?"
            svg += "<text x=\"6\" y=\"\(n(y + 4))\" class=\"time\">\(relative)</text>"
            let kind = m.retransmission ? "retx" : (m.summary.first?.isNumber == true ? "resp" : "req")
            let cls = "msg " + kind
            if x1 == x2 {
                svg += "<path d=\"M\(n(x1)),\(n(y - 6)) h40 v12 h-38\" class=\"\(cls)\" fill=\"none\" marker-end=\"url(#\(id)-\(kind))\"/>"
            } else {
                svg += "<line x1=\"\(n(x1))\" x2=\"\(n(x2))\" y1=\"\(n(y))\" y2=\"\(n(y))\" class=\"\(cls)\" marker-end=\"url(#\(id)-\(kind))\"/>"
            }
            let full = m.summary + (m.retransmission ? " ↻ retransmission" : "")
            let shown = full.count > Self.maximumLabelLength ? String(full.prefix(Self.maximumLabelLength - 1)) + "…" : full
            let labelX = n((x1 + x2) / 2 + (x1 == x2 ? 46 : 0)), anchor = x1 == x2 ? "start" : "middle"
            svg += "<text x=\"\(labelX)\" y=\"\(n(y - 5))\" text-anchor=\"\(anchor)\" class=\"label\(m.retransmission ? " retx-label" : "")\"><title>\(HTMLText.escape(full))</title>\(HTMLText.escape(shown))</text>"
            if !m.retransmission, let time = m.timeText, let summary = sdp[time] {
                let cut = summary.count > Self.maximumLabelLength + 8 ? String(summary.prefix(Self.maximumLabelLength + 7)) + "…" : summary
                svg += "<text x=\"\(labelX)\" y=\"\(n(y + 11))\" text-anchor=\"\(anchor)\" class=\"sdp\"><title>\(HTMLText.escape(summary))</title>\(HTMLText.escape(cut))</text>"
            }
        }
        svg += "</svg>"
        return svg
    }

    private func n(_ v: Double) -> String { NumberText.fixed(v, 1) }
}
