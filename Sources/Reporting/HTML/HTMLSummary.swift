/// The summary block: counts, answer ratio, MOS distribution (G.107 Annex B satisfaction bands), worst calls.
struct HTMLSummary {
    let view: ReportView
    /// Calls that have a detailed section to link to.
    let detailed: Set<Int>

    /// G.107 Annex B: MOS lower bounds of the user-satisfaction bands (R 90/80/70/60/50).
    static let bands: [(label: String, lower: Double, colour: String)] = [
        ("very satisfied ≥ 4.34", 4.34, "#15803d"), ("satisfied 4.03–4.34", 4.03, "#65a30d"),
        ("some dissatisfied 3.60–4.03", 3.60, "#ca8a04"), ("many dissatisfied 3.10–3.60", 3.10, "#ea580c"),
        ("nearly all dissatisfied 2.58–3.10", 2.58, "#dc2626"), ("not recommended < 2.58", -.infinity, "#7f1d1d"),
    ]

    var html: String {
        let calls = view.calls
        let answered = calls.filter(ReportView.isAnswered).count
        let moses = calls.compactMap { $0.double(at: "mos") }
        var html = "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">"
        html += card("Calls", String(calls.count))
        html += card("Answered", calls.isEmpty ? "—" : "\(answered) (\(NumberText.fixed(100 * Double(answered) / Double(calls.count), 1)) %)")
        html += card("Streams", String(view.streams.count))
        html += card("Mean MOS", moses.isEmpty ? "—" : NumberText.fixed(moses.reduce(0, +) / Double(moses.count), 2))
        html += card("Problem streams", String(view.streams.filter { !$0.array(at: "flags").isEmpty }.count))
        html += "</div><div class=\"two\"><div><h3>MOS distribution (calls, worst direction)</h3>\(distribution(moses, unscored: calls.count - moses.count))</div>"
        html += "<div><h3>Worst calls</h3>\(worstCalls)</div></div></section>\n"
        return html
    }

    func card(_ title: String, _ value: String) -> String {
        "<div class=\"card\"><div class=\"cv\">\(value)</div><div class=\"ck\">\(title)</div></div>"
    }

    func distribution(_ moses: [Double], unscored: Int) -> String {
        var counts = Array(repeating: 0, count: Self.bands.count)
        for mos in moses { if let i = Self.bands.firstIndex(where: { mos >= $0.lower }) { counts[i] += 1 } }
        let rows = Self.bands.enumerated().map { ($0.element.label, counts[$0.offset], $0.element.colour) } + [("no MOS (no media or not scorable)", unscored, "#9ca3af")]
        let maximum = max(rows.map(\.1).max() ?? 0, 1)
        var html = "<table class=\"bars\">"
        for (label, count, colour) in rows {
            let width = NumberText.fixed(100 * Double(count) / Double(maximum), 1)
            html += "<tr><td>\(label)</td><td class=\"barcell\"><span class=\"bar\" style=\"width:\(width)%;background:\(colour)\"></span></td><td class=\"num\">\(count)</td></tr>"
        }
        return html + "</table>"
    }

    /// Up to five calls: scored calls by ascending MOS, then calls not answered.
    var worstCalls: String {
        let worst = view.callIndicesWorstFirst.prefix(5).map { ($0, view.calls[$0]) }
            .filter { $0.1.double(at: "mos") != nil || (!ReportView.isAnswered($0.1) && $0.1.string(at: "state") != "in_progress") }
        guard !worst.isEmpty else { return "<p class=\"muted\">No calls.</p>" }
        var html = "<ol class=\"worst\">"
        for (index, call) in worst {
            let reason = VerdictWriter.sentences(call: call, streams: view.streams(of: call)).first ?? ""
            let score = call.double(at: "mos").map { "MOS \(NumberText.fixed($0, 2))" } ?? HTMLText.escape(call.string(at: "state") ?? "")
            let name = "\(HTMLText.escape(call.string(at: "caller") ?? call.string(at: "from") ?? "?")) → \(HTMLText.escape(call.string(at: "callee") ?? call.string(at: "to") ?? "?"))"
            html += "<li>\(detailed.contains(index) ? "<a href=\"#call-\(index)\">\(name)</a>" : name) <span class=\"badge\">\(score)</span><br><span class=\"muted\">\(HTMLText.escape(reason))</span></li>"
        }
        return html + "</ol>"
    }
}
