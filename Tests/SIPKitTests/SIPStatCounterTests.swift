import Testing
import SIPKit
import WireCore

/// Wireshark `-z sip,stat` semantics (packet-sip.c sip_is_packet_resend / sip_find_invite).
@Suite struct SIPStatCounterTests {
    @Test func resentRequestsAndFinalResponsesOverUDP() throws {
        var s = CallScenario()
        let invite = s.request("INVITE", cseq: 1)
        try s.send(invite, at: 0, fromCaller: true)
        try s.send(invite, at: 500, fromCaller: true)                                   // resent request
        try s.send(s.response(100, "Trying", cseq: 1, toTag: nil), at: 510, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 600, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 700, fromCaller: false)     // provisional: never resent
        try s.send(s.response(200, "OK", cseq: 1), at: 2000, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1), at: 2500, fromCaller: false)         // resent final response
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 2130, fromCaller: true)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 2630, fromCaller: true) // ACK: never resent
        try s.send(s.response(188, "Odd", cseq: 1), at: 2700, fromCaller: false)        // unlisted → 199 bucket
        let stats = s.finish().sipStatistics
        #expect(stats.messages == 10 && stats.resentMessages == 2)
        #expect(stats.responsesByCode == [100: 1, 180: 2, 200: 2, 199: 1])
        #expect(stats.requestsByMethod == ["INVITE": 2, "ACK": 2])
        // Setup time at each ACK: ACK − time of the last non-resent request on that key:
        // first ACK 2130 − 0 (the first INVITE) = 2130; second ACK 2630 − 2130 (the first ACK) = 500;
        // average (2130 + 500) / 2 = 1315 (integer division, as tshark prints).
        #expect(stats.setupTimeCount == 2 && stats.minSetupTimeMs == 500 && stats.maxSetupTimeMs == 2130)
        #expect(stats.averageSetupTimeMs == 1315)
    }

    @Test func tcpIsNeverResent() throws {
        var s = CallScenario()
        let invite = s.request("INVITE", cseq: 1)
        try s.send(invite, at: 0, fromCaller: true, transport: .tcp)
        try s.send(invite, at: 500, fromCaller: true, transport: .tcp)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 900, fromCaller: true, transport: .tcp)
        let stats = s.finish().sipStatistics
        #expect(stats.resentMessages == 0 && stats.setupTimeCount == 0 && stats.averageSetupTimeMs == 0)
    }

    @Test func cancelWithTheInviteCSeqIsNotResent() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.request("CANCEL", cseq: 1), at: 100, fromCaller: true)
        try s.send(s.request("CANCEL", cseq: 1), at: 200, fromCaller: true)
        try s.send(s.request("INVITE", cseq: 1), at: 300, fromCaller: true)  // still the INVITE method on record → resent
        #expect(s.finish().sipStatistics.resentMessages == 1)
    }
}

@Suite struct SIPStatisticsTextTests {
    /// Lines as tshark 4.0.17 printed them for rtp-pcap__nb6-telephone.pcap (same counts, sorted order).
    @Test func tsharkLayout() {
        let stats = SIPStatistics(messages: 7, resentMessages: 0, responsesByCode: [200: 2, 100: 1, 183: 1],
                                  requestsByMethod: ["INVITE": 1, "ACK": 1, "BYE": 1], setupTimeCount: 1,
                                  averageSetupTimeMs: 541, minSetupTimeMs: 541, maxSetupTimeMs: 541)
        let lines = stats.tsharkText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("Number of SIP messages: 7"))
        #expect(lines.contains("  SIP 183 Session Progress :     1 Packets"))
        #expect(lines.contains("  SIP 200 OK              :     2 Packets"))
        #expect(lines.contains("  INVITE          :     1 Packets"))
        #expect(lines.contains("* Average setup time 541 ms"))
        #expect(lines.contains(" Max 541 ms"))
    }
}
