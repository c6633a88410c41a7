/// The call table: every call with its key figures; the page script sorts on header click (by each cell's
/// `data-v`) and filters by text and state.
struct HTMLCallTable {
    let view: ReportView
    /// Calls that have a detailed section to link to.
    let detailed: Set<Int>

    var html: String {
        var html = "<section id=\"calls\"><h2>Calls</h2><div class=\"filters no-print\">"
        html += "<input id=\"filter\" type=\"search\" placeholder=\"Filter calls (number, Call-ID, status…)\" aria-label=\"Filter calls\">"
        html += "<select id=\"state-filter\" aria-label=\"State\"><option value=\"\">all states</option>"
        for state in ["completed", "failed", "cancelled", "no_answer", "in_progress"] { html += "<option value=\"\(state)\">\(state.replacingUnderscores())</option>" }
        html += "</select> <span id=\"shown\" class=\"muted\"></span></div>"
        html += "<table class=\"data sortable\" id=\"call-table\"><thead><tr>"
        for (title, type) in [("Start", "text"), ("Caller", "text"), ("Callee", "text"), ("State", "text"), ("Final", "num"),
                              ("PDD ms", "num"), ("Duration s", "num"), ("MOS", "num"), ("Streams", "num"), ("Call-ID", "text")] {
            html += "<th data-type=\"\(type)\" tabindex=\"0\">\(title)</th>"
        }
        html += "</tr></thead><tbody>"
        for (index, call) in view.calls.enumerated() {
            let state = call.string(at: "state") ?? ""
            let mos = call.double(at: "mos")
            html += "<tr data-state=\"\(HTMLText.escape(state))\">"
            html += textCell(call.string(at: "invite_time"), display: call.string(at: "invite_time").map(timeOfDay))
            let name = HTMLText.escape(call.string(at: "caller") ?? call.string(at: "from"))
            html += "<td data-v=\"\(HTMLText.escape(call.string(at: "caller") ?? ""))\">\(detailed.contains(index) ? "<a href=\"#call-\(index)\">\(name)</a>" : name)</td>"
            html += textCell(call.string(at: "callee") ?? call.string(at: "to"))
            html += "<td data-v=\"\(HTMLText.escape(state))\"><span class=\"state s-\(HTMLText.escape(state))\">\(HTMLText.escape(state.replacingUnderscores()))</span></td>"
            html += numberCell(call.double(at: "final_status"), digits: 0)
            html += numberCell(call.double(at: "pdd_ms"), digits: 0)
            html += numberCell(call.double(at: "duration_s"), digits: 1)
            html += numberCell(mos, digits: 2, cls: mos.map { $0 < 3.1 ? "bad" : $0 < 3.6 ? "warn" : "" } ?? "")
            html += numberCell(Double(call.array(at: "stream_ids").count), digits: 0)
            html += textCell(call.string(at: "call_id"), cls: "cid")
            html += "</tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    func textCell(_ text: String?, display: String? = nil, cls: String = "") -> String {
        "<td data-v=\"\(HTMLText.escape(text ?? ""))\"\(cls.isEmpty ? "" : " class=\"\(cls)\"")>\(HTMLText.escape(display ?? text))</td>"
    }

    func numberCell(_ value: Double?, digits: Int, cls: String = "") -> String {
        "<td class=\"num \(cls)\" data-v=\"\(value.map { NumberText.fixed($0, 3) } ?? "")\">\(NumberText.fixed(value, digits))</td>"
    }

    /// `HH:MM:SS.mmm` from an ISO time (the date is in the header).
    func timeOfDay(_ iso: String) -> String {
        let parts = iso.split(separator: "T")
        guard parts.count == 2 else { return iso }
        return String(parts[1].prefix(12))
    }
}
