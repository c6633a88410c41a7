/// The SIP ladder of a call as inline SVG: one column per signalling endpoint (in order of appearance),
/// one arrow per message in time order, labelled with its summary and time relative to the first message.
/// Retransmissions are drawn dashed in red.
struct LadderDiagram {
    var call: JSONValue
    /// Unique within the page: prefixes the arrow-marker ids.
    var id: String

    static let columnGap = 230.0, leftMargin = 100.0, rowHeight = 30.0, headerHeight = 52.0

    struct Message {
        var time: Double?
        var src: String
        var dst: String
        var summary: String
        var retransmission: Bool
        var order: Int
    }

    var messages: [Message] {
        call.array(at: "messages").enumerated().map { order, m in
            Message(time: m.string(at: "time").flatMap(ReportTime.seconds),
                    src: m.string(at: "src") ?? "?", dst: m.string(at: "dst") ?? "?",
                    summary: m.string(at: "summary") ?? "?",
                    retransmission: m.bool(at: "retransmission") ?? false, order: order)
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
            let label = HTMLText.escape(m.summary) + (m.retransmission ? " ↻ retransmission" : "")
            svg += "<text x=\"\(n((x1 + x2) / 2 + (x1 == x2 ? 46 : 0)))\" y=\"\(n(y - 5))\" text-anchor=\"\(x1 == x2 ? "start" : "middle")\" class=\"label\(m.retransmission ? " retx-label" : "")\">\(label)</text>"
        }
        svg += "</svg>"
        return svg
    }

    private func n(_ v: Double) -> String { NumberText.fixed(v, 1) }
}
