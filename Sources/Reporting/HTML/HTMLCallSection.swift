/// One call: identity, verdict, SIP ladder, SDP offers/answers, then each of its streams.
struct HTMLCallSection {
    let view: ReportView
    let call: JSONValue
    let index: Int

    var html: String {
        let streams = view.streams(of: call)
        let state = call.string(at: "state") ?? "?"
        var html = "<section class=\"call\" id=\"call-\(index)\"><h2>Call \(index + 1): \(HTMLText.escape(call.string(at: "caller") ?? call.string(at: "from") ?? "?")) → \(HTMLText.escape(call.string(at: "callee") ?? call.string(at: "to") ?? "?")) <span class=\"state s-\(HTMLText.escape(state))\">\(HTMLText.escape(state.replacingUnderscores()))</span></h2>"
        let verdict = VerdictWriter.sentences(call: call, streams: streams)
        if !verdict.isEmpty {
            html += "<div class=\"verdict\"><strong>Verdict</strong><ul>" + verdict.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul></div>"
        }
        html += facts
        html += "<h3>SIP ladder</h3><div class=\"scroll\">\(LadderDiagram(call: call, id: "ladder-\(index)").svg)</div>"
        html += sdp
        for stream in streams { html += HTMLStreamSection(stream: stream).html }
        return html + "<p class=\"no-print\"><a href=\"#calls\">↑ back to the call table</a></p></section>\n"
    }

    var facts: String {
        let rows: [(String, String)] = [
            ("Call-ID", HTMLText.escape(call.string(at: "call_id"))),
            ("From", HTMLText.escape(call.string(at: "from"))),
            ("To", HTMLText.escape(call.string(at: "to"))),
            ("Final response", call.int(at: "final_status").map { "\($0) " + HTMLText.escape(call.string(at: "final_reason") ?? "") } ?? "—"),
            ("Signalling", "\(HTMLText.escape(call.string(at: "caller_signalling"))) → \(HTMLText.escape(call.string(at: "callee_signalling"))) \(HTMLText.escape(call.string(at: "transport") ?? ""))"),
            ("User agents", "\(HTMLText.escape(call.string(at: "user_agents.caller"))) / \(HTMLText.escape(call.string(at: "user_agents.callee")))"),
            ("INVITE", HTMLText.escape(call.string(at: "invite_time"))),
            ("PDD / SRD / answer", "\(NumberText.compact(call.double(at: "pdd_ms"), 1)) / \(NumberText.compact(call.double(at: "srd_ms"), 1)) / \(NumberText.compact(call.double(at: "answer_ms"), 1)) ms"),
            ("Duration / SDD", "\(NumberText.compact(call.double(at: "duration_s"), 1)) s / \(NumberText.compact(call.double(at: "sdd_ms"), 1)) ms"),
            ("Ended by", HTMLText.escape(call.string(at: "ended_by"))),
            ("Retransmissions / auth challenges", "\(call.int(at: "retransmissions").map(String.init) ?? "—") / \(call.int(at: "auth_challenges").map(String.init) ?? "—")"),
            ("MOS (worst direction)", NumberText.fixed(call.double(at: "mos"), 2)),
        ]
        return "<table class=\"facts\">" + rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined() + "</table>"
    }

    /// The SDP offers and answers, one row per media line.
    var sdp: String {
        let media = call.array(at: "media")
        guard !media.isEmpty else { return "" }
        var html = "<h3>SDP</h3><table class=\"data\"><thead><tr><th>Time</th><th>Sender</th><th>Role</th><th>In</th><th>Media</th><th>Address</th><th>Codec (PT)</th><th>ptime</th><th>Direction</th><th>SRTP</th></tr></thead><tbody>"
        let origin = call.string(at: "invite_time").flatMap(ReportTime.seconds)
        for description in media {
            let time = description.string(at: "time").flatMap(ReportTime.seconds)
            let relative = time.flatMap { t in origin.map { "+" + NumberText.fixed(t - $0, 3) + " s" } } ?? HTMLText.escape(description.string(at: "time"))
            for s in description.array(at: "streams") {
                html += "<tr><td>\(relative)</td><td>\(HTMLText.escape(description.string(at: "sender")))</td><td>\(HTMLText.escape(description.string(at: "role")))</td><td>\(HTMLText.escape(description.string(at: "carried_by")))</td>"
                html += "<td>\(HTMLText.escape(s.string(at: "kind")))</td><td>\(HTMLText.escape(s.string(at: "address"))):\(s.int(at: "port").map(String.init) ?? "?")</td>"
                html += "<td>\(HTMLText.escape(s.string(at: "codec"))) (\(s.int(at: "payload_type").map(String.init) ?? "?"))</td><td class=\"num\">\(NumberText.compact(s.double(at: "ptime"), 0))</td>"
                html += "<td>\(HTMLText.escape(s.string(at: "direction")))</td><td>\(s.bool(at: "encrypted").map { $0 ? "yes" : "no" } ?? "—")</td></tr>"
            }
        }
        return html + "</tbody></table>"
    }
}
