import Testing
import SIPKit
import WireCore

@Suite struct LadderRendererTests {
    @Test func longLabelsAreCutToTheColumnGap() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(183, "Session Progress With A Long Reason", cseq: 1), at: 1, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        // Room between columns 12 and 24 (width 12): 24 − 12 − 5 = 7 characters.
        let lines = LadderRenderer(columnWidth: 12).render(call).split(separator: "\n")
        #expect(lines[2] == "+0.000000   |--INVITE-->|")
        #expect(lines[3] == "+0.001000   |<-183 Ses--|")
    }

    @Test func rendersColumnsArrowsAndRelativeTimes() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp()), at: 0, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 120, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 620, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        // Columns at 12 and 40 (time width 12, column width 28); names centred (13 chars → start 6 and 34);
        // labels start 3 after the left column; '>' sits just before the right column.
        let text = LadderRenderer(columnWidth: 28).render(call)
        let expected = """
        Call-ID: call-1@a
              10.0.0.1:5060               10.0.0.2:5060
        +0.000000   |--INVITE (SDP)------------>|
        +0.120000   |<-180 Ringing--------------|
        +0.620000   |<-180 Ringing [retrans]----|

        """
        #expect(text == expected)
    }
}
