import Foundation
import Testing
@testable import Reporting

@Suite struct HTMLReportTests {
    @Test func rendersEverySectionOfTheFixture() throws {
        let html = HTMLReport.render(try ReportFixture.sample())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("id=\"summary\""))
        #expect(html.contains("id=\"call-table\""))
        // Two calls → two call sections; the unlinked heuristic stream s3 gets its own section.
        #expect(html.contains("id=\"call-0\"") && html.contains("id=\"call-1\"") && !html.contains("id=\"call-2\""))
        #expect(html.contains("id=\"unlinked\"") && html.contains("id=\"stream-s3\""))
        // Call 1's ladder: 8 messages, one retransmission; its relative time 02.9 − 00.0 = +2.900 s.
        #expect(html.contains("↻ retransmission"))
        // The INVITE's and 200 OK's SDP summarised under their arrows.
        #expect(html.contains("class=\"sdp\"><title>offer: audio 10.0.0.5:40000 PCMA/8000</title>"))
        #expect(html.contains("answer: audio 192.0.2.20:30000 PCMA/8000"))
        #expect(html.contains("+2.900 s"))
        // Stream charts: 4 per stream × 3 streams.
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 12)
        // The jitter-buffer table of s2 marks neteq (MOS 3.70, the highest) as best.
        #expect(html.contains("<tr class=\"best\"><td><code>neteq:max=500</code>"))
        #expect(html.contains("12#"))
        #expect(html.contains("3.2 % bursty loss from 192.0.2.20 → 10.0.0.5"))
        // Element ids are unique (arrow markers are per ladder), so every anchor and marker reference resolves.
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count)
        #expect(html.contains("url(#ladder-1-resp)"))
        // Ladder rows are in time order: ACK (+2.450 s) comes before the retransmitted 200 OK (+2.900 s),
        // although the report lists the retransmission first.
        let ack = try #require(html.range(of: "+2.450 s")), retx = try #require(html.range(of: "+2.900 s"))
        #expect(ack.lowerBound < retx.lowerBound)
        // Self-contained: no external resources.
        for external in ["src=\"http", "href=\"http", "@import", "url(http", "<link "] { #expect(!html.contains(external)) }
    }

    @Test func escapesHostileStringsFromTheCapture() throws {
        let hostile = "\"><script>alert(1)</script>"
        let call = ReportFixture.call("<img src=x onerror=alert(2)>", [
            ("from", .string("\"Eve\" <sip:\(hostile)@evil>")), ("caller", .string(hostile)),
            ("state", .string("failed\"><b>")), ("final_status", .int(486)), ("final_reason", .string("<i>Busy</i>")),
            ("messages", .array([.object([("time", .string("2026-01-01T00:00:00Z")), ("src", .string("<a>")),
                                          ("dst", .string("b&c")), ("summary", .string("INVITE <script>"))])])),
        ])
        let html = HTMLReport.render(ReportFixture.report(calls: [call]))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>Busy"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("b&amp;c"))
        // Exactly one script element: ours.
        #expect(html.components(separatedBy: "<script>").count - 1 == 1)
    }

    @Test func generatesVerdictsWhenTheReportHasNone() throws {
        // The fixture's s2 without a `verdict` on its call: loss 3.2 %, bursty, lost in intervals 10…13
        // → window 00:10–00:14; fixed:200 MOS 3.5 vs reference 3.7 → "would not have helped".
        let report = try ReportFixture.sample()
        let view = ReportView(report)
        let call = view.calls[0].setting("verdict", to: .array([]))
        #expect(VerdictWriter.sentences(call: call, streams: view.streams(of: call)) == [
            "3.2 % bursty loss from 192.0.2.20 → 10.0.0.5 between 00:10 and 00:14; a 200 ms buffer would not have helped",
        ])
        let failed = view.calls[1].setting("verdict", to: .array([]))
        #expect(VerdictWriter.sentences(call: failed, streams: []) == ["failed: 486 Busy Here after 600 ms"])
    }

    @Test func verdictSaysWhenADeeperBufferWouldHelp() {
        // Reference MOS 3.2; fixed:200 reaches 3.9 (≥ 0.1 better) → "would have raised".
        let stream = ReportFixture.stream("x", callID: nil, [
            ("loss_pct", .double(5)), ("max_jitter_ms", .double(45)),
            ("time_series", .object([("interval_s", .int(1)), ("lost", .array([0, 3, 0, 2, 2, 0].map(JSONValue.int))),
                                     ("jitter_ms", .array([1, 2, 45, 3].map(JSONValue.int)))])),
            ("quality", .object([("mos", .double(3.2)), ("jitter_buffers", .array([
                .object([("name", .string("fixed:60")), ("mean_delay_ms", .int(60)), ("mos", .double(3.0))]),
                .object([("name", .string("fixed:200")), ("mean_delay_ms", .int(200)), ("mos", .double(3.9))]),
            ]))])),
        ])
        // Longest loss run is intervals 3–4 → 00:03–00:05; jitter peak in interval 2 → 00:02.
        #expect(VerdictWriter.sentences(stream: stream) == [
            "5 % loss from 10.0.0.1 → 10.0.0.2 between 00:03 and 00:05; a 200 ms buffer would have raised MOS from 3.20 to 3.90",
            "jitter peaked at 45 ms from 10.0.0.1 → 10.0.0.2 at 00:02",
        ])
    }

    @Test func verdictExplainsALowScoreWithoutLoss() {
        let stream = ReportFixture.stream("x", callID: nil, [("quality", .object([("mos", .double(3.4)), ("r_factor", .double(68))]))])
        #expect(VerdictWriter.sentences(stream: stream) == ["low MOS 3.40 from 10.0.0.1 → 10.0.0.2 (R 68.0) without notable loss or jitter: codec and delay limit it"])
        let good = ReportFixture.stream("y", callID: nil, [("quality", .object([("mos", .double(4.3))]))])
        #expect(VerdictWriter.sentences(stream: good).isEmpty)
    }

    @Test func formatsNumbersWithoutFoundation() {
        #expect(NumberText.fixed(3.14159, 2) == "3.14")
        #expect(NumberText.fixed(-0.004, 2) == "0.00")
        #expect(NumberText.fixed(-1.25, 1) == "-1.3")
        #expect(NumberText.fixed(nil) == "—")
        #expect(NumberText.compact(800.0) == "800")
        #expect(TimeSeriesChart.niceCeiling(9.5) == 10)
        #expect(TimeSeriesChart.niceCeiling(64) == 100)
        #expect(TimeSeriesChart.niceCeiling(21.3) == 25)
    }

    @Test func limitsDetailedSectionsToTheWorstCalls() throws {
        // Call 0 (MOS 3.7) and call 1 (failed, no MOS): with a limit of 1 only call 0 gets a section; call 1 is
        // still in the table, without a link.
        let html = HTMLReport.render(try ReportFixture.sample(), maxDetailedCalls: 1)
        #expect(html.contains("id=\"call-0\"") && !html.contains("id=\"call-1\""))
        #expect(!html.contains("href=\"#call-1\""))
        #expect(html.contains("74957654321"))
        #expect(html.contains("Detailed sections for the 1 worst of 2 calls"))
        #expect(ReportView(try ReportFixture.sample()).callIndicesWorstFirst == [0, 1])
    }

    @Test func rendersAnEmptyReport() {
        let html = HTMLReport.render(ReportFixture.report(calls: []))
        #expect(html.contains("No calls."))
        #expect(html.hasSuffix("</html>\n"))
    }
}
