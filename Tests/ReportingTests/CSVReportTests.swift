import Testing
@testable import Reporting

@Suite struct CSVReportTests {
    @Test func flattensQuotesAndLeavesNullsEmpty() {
        let rows: [JSONValue] = [
            .object([("id", .string("a")), ("wireshark", .object([("max_jitter_ms", .double(9.5)), ("problems", .bool(true))])),
                     ("payload_types", .array([.int(8), .int(101)])), ("note", .string("say \"hi\", then\nleave")),
                     ("rtcp", .null), ("messages", .array([.object([("x", .int(1))])]))]),
            .object([("id", .string("b")), ("wireshark", .object([("max_jitter_ms", .null), ("problems", .bool(false))])),
                     ("payload_types", .array([])), ("note", .null),
                     ("rtcp", .object([("rtt_ms", .int(42))])), ("extra", .int(7))]),
        ]
        // Columns: first-seen order; `rtcp` (null in row a, an object in row b) only as rtcp.rtt_ms;
        // the array of unnamed objects (`messages`) is omitted; `extra` only in row b.
        #expect(CSVReport.table(rows) == """
            id,wireshark.max_jitter_ms,wireshark.problems,payload_types,note,rtcp.rtt_ms,extra\r
            a,9.5,true,8;101,"say ""hi"", then
            leave",,\r
            b,,false,,,42,7\r

            """)
    }

    /// Text from the network that a spreadsheet would evaluate (CSV injection) is neutralised with a leading
    /// `'`; numbers, including negative ones, are left alone.
    @Test func formulaLikeTextIsNeutralised() {
        let rows: [JSONValue] = [
            .object([("from", .string("=HYPERLINK(\"http://x\",\"y\")")), ("ua", .string("@SUM(1+1)")),
                     ("to", .string("+15551234567")), ("note", .string("-2+3")), ("tab", .string("\tcmd")),
                     ("plain", .string("alice")), ("skew_ms", .double(-1.5)), ("codes", .array([.string("=1"), .int(-4)]))]),
        ]
        #expect(CSVReport.table(rows) == """
            from,ua,to,note,tab,plain,skew_ms,codes\r
            "'=HYPERLINK(""http://x"",""y"")",'@SUM(1+1),'+15551234567,'-2+3,'\tcmd,alice,-1.5,'=1;-4\r

            """)
    }

    @Test func fixtureTablesUseJSONNames() throws {
        let report = try ReportFixture.sample()
        let calls = CSVReport.calls(report).components(separatedBy: "\r\n")
        // Header + 2 calls + the empty string after the final CRLF.
        #expect(calls.count == 4)
        let callHeader = calls[0].split(separator: ",").map(String.init)
        #expect(callHeader.prefix(3) == ["call_id", "from", "to"])
        #expect(callHeader.contains("user_agents.caller"))
        #expect(!callHeader.contains("messages") && !callHeader.contains { $0.hasPrefix("media") })

        let streams = CSVReport.streams(report).components(separatedBy: "\r\n")
        #expect(streams.count == 5)
        let header = streams[0].split(separator: ",").map(String.init)
        for name in ["wireshark.max_jitter_ms", "burst.burst_density", "rtcp.rtt_ms", "quality.mos",
                     "quality.jitter_buffers.fixed:200.mos", "payload_types"] {
            #expect(header.contains(name), "missing column \(name)")
        }
        #expect(!header.contains("rtcp") && !header.contains { $0.hasPrefix("time_series") })
        // s3 has rtcp null → its rtcp.rtt_ms cell is empty; s1's is 42.
        let rtt = try #require(header.firstIndex(of: "rtcp.rtt_ms"))
        #expect(streams[1].hasPrefix("s1,") && streams[3].hasPrefix("s3,"))
        #expect(cells(streams[3])[rtt] == "")
        #expect(cells(streams[1])[rtt] == "42")
    }

    /// Splits one CSV line (test helper for lines whose only quoted field contains commas but no newlines).
    func cells(_ line: String) -> [String] {
        var out: [String] = [], current = "", quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() } else if c == "," && !quoted { out.append(current); current = "" } else { current.append(c) }
        }
        return out + [current]
    }
}
