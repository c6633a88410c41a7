import Foundation
import Testing
import SIPKit
import WireCore

/// Hand-built call flows. Times are ms after the scenario base; expectations are derived in comments.
@Suite struct CallTrackerTests {
    static let russia = CallTrackerConfiguration(numbers: E164Normalizer(defaultCountryCode: "7"))

    /// INVITE(SDP) 0, 100 at 10, 180 at 120, 200(SDP) at 2120, ACK 2130, BYE (caller) 62130, 200 at 62180.
    static func basicCall(_ s: inout CallScenario, byeFromCallee: Bool = false) throws {
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp(), extra: ["User-Agent: PhoneA"]), at: 0, fromCaller: true)
        try s.send(s.response(100, "Trying", cseq: 1, toTag: nil), at: 10, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1, extra: ["Server: PBX-B"]), at: 120, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2", port: 40002)), at: 2120, fromCaller: false)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 2130, fromCaller: true)
        if byeFromCallee {
            try s.send(s.request("BYE", cseq: 7, toTag: "b-tag", fromCallee: true), at: 62130, fromCaller: false)
            try s.send(s.response(200, "OK", cseq: 7, method: "BYE", toTag: "b-tag", toCallee: true), at: 62180, fromCaller: true)
        } else {
            try s.send(s.request("BYE", cseq: 2, toTag: "b-tag"), at: 62130, fromCaller: true)
            try s.send(s.response(200, "OK", cseq: 2, method: "BYE"), at: 62180, fromCaller: false)
        }
    }

    @Test func completedCallTimesAndDerivedMetrics() throws {
        var s = CallScenario(configuration: Self.russia)
        try Self.basicCall(&s)
        let expectations = s.tracker.drainMediaExpectations()
        let result = s.finish()
        let call = try #require(result.calls.first)
        #expect(result.calls.count == 1)
        #expect(call.state == .completed && call.finalStatus == 200 && call.finalReason == "OK")
        #expect(call.endedBy == .caller)
        #expect(call.inviteTime == s.time(0) && call.ringingTime == s.time(120) && call.answerTime == s.time(2120))
        #expect(call.ackTime == s.time(2130) && call.byeTime == s.time(62130) && call.byeResponseTime == s.time(62180))
        #expect(call.pddMs == 120 && call.srdMs == 120 && call.answerMs == 2120)
        #expect(call.durationS == 60.01)  // 62130 − 2120 = 60010 ms
        #expect(call.sddMs == 50)         // 62180 − 62130
        #expect(call.endTime == s.time(62130))
        // From user 89031234567: national "8" → country code 7; To user 89161234567 likewise.
        #expect(call.caller == "79031234567" && call.callee == "79161234567")
        #expect(call.fromDisplayName == "Alice" && call.toURI == "sip:89161234567@b.example")
        #expect(call.callerUserAgent == "PhoneA" && call.calleeUserAgent == "PBX-B")
        #expect(call.callerSignalling == CallScenario.caller && call.calleeSignalling == CallScenario.callee)
        #expect(call.messages.map(\.summary) == ["INVITE (SDP)", "100 Trying", "180 Ringing", "200 OK (SDP)", "ACK", "BYE", "200 OK"])
        #expect(call.media.map(\.role) == [.offer, .answer] && call.media.map(\.sender) == [.caller, .callee])
        #expect(call.media[1].streams.first?.codec == Codec(name: "PCMU", clockRate: 8000))
        #expect(call.media[1].streams.first?.ptime == 20)
        #expect(expectations.map(\.endpoint) == [Endpoint(IPAddress("10.0.0.1")!, 40000), Endpoint(IPAddress("10.0.0.2")!, 40002)])
        #expect(expectations.map(\.receiver) == [.caller, .callee])
        #expect(expectations[0].payloadTypes[101] == Codec(name: "telephone-event", clockRate: 8000))
        #expect(expectations[0].rtcpEndpoint == Endpoint(IPAddress("10.0.0.1")!, 40001))
        #expect(s.tracker.drainMediaExpectations().isEmpty)
    }

    @Test func byeFromCalleeIsMatchedThroughToTag() throws {
        var s = CallScenario()
        try Self.basicCall(&s, byeFromCallee: true)
        let call = try #require(s.finish().calls.first)
        #expect(call.endedBy == .callee && call.state == .completed && call.sddMs == 50)
        #expect(call.messages.count == 7)
    }

    @Test func retransmissionsAreFlaggedAndDoNotMoveEvents() throws {
        var s = CallScenario()
        let invite = s.request("INVITE", cseq: 1, sdp: SIPText.sdp())
        try s.send(invite, at: 0, fromCaller: true)
        try s.send(invite, at: 500, fromCaller: true)           // Timer A retransmission
        try s.send(s.response(180, "Ringing", cseq: 1), at: 700, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 800, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2")), at: 1000, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2")), at: 1500, fromCaller: false)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 1010, fromCaller: true)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 1510, fromCaller: true)
        let call = try #require(s.finish().calls.first)
        #expect(call.retransmissions == 4)
        #expect(call.messages.map(\.isRetransmission) == [false, true, false, true, false, true, false, true])
        // Events use first transmissions: pdd = 700 − 0, answer = 1000 − 0, ACK at 1010.
        #expect(call.pddMs == 700 && call.answerMs == 1000 && call.ackTime == s.time(1010))
        #expect(call.media.count == 2 && call.initialInviteCount == 1)
        #expect(call.state == .inProgress)  // answered, no BYE
    }

    @Test func forkingAnsweredBranchWins() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp()), at: 0, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 1, toTag: "fork-1"), at: 100, fromCaller: false)
        try s.send(s.response(183, "Session Progress", cseq: 1, toTag: "fork-2"), at: 150, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1, toTag: "fork-2", sdp: SIPText.sdp(address: "10.0.0.3")), at: 3000, fromCaller: false)
        try s.send(s.response(487, "Request Terminated", cseq: 1, toTag: "fork-1"), at: 3050, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.finalStatus == 200 && call.answerTime == s.time(3000))
        #expect(call.ringingTime == s.time(100))  // first 18x from any fork
        #expect(call.retransmissions == 0 && call.messages.count == 5)
        #expect(call.state == .inProgress)
    }

    @Test func cancelledWhileRinging() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(100, "Trying", cseq: 1, toTag: nil), at: 5, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 200, fromCaller: false)
        try s.send(s.request("CANCEL", cseq: 1), at: 5000, fromCaller: true)
        try s.send(s.response(200, "OK", cseq: 1, method: "CANCEL"), at: 5010, fromCaller: false)
        try s.send(s.response(487, "Request Terminated", cseq: 1), at: 5020, fromCaller: false)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 5030, fromCaller: true)
        let call = try #require(s.finish().calls.first)
        #expect(call.state == .cancelled && call.finalStatus == 487 && call.endedBy == .caller)
        #expect(call.cancelTime == s.time(5000) && call.endTime == s.time(5020))
        #expect(call.srdMs == 200 && call.pddMs == 200 && call.answerMs == nil && call.durationS == nil)
        #expect(call.ackTime == nil)  // the ACK for 487 is not the ACK of an answer
    }

    @Test func proxyAuthChallengeRetryIsTheSameAttempt() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp()), at: 0, fromCaller: true)
        try s.send(s.response(407, "Proxy Authentication Required", cseq: 1), at: 30, fromCaller: false)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 35, fromCaller: true)
        try s.send(s.request("INVITE", cseq: 2, sdp: SIPText.sdp(), extra: ["Proxy-Authorization: Digest x"]), at: 40, fromCaller: true)
        try s.send(s.response(100, "Trying", cseq: 2, toTag: nil), at: 50, fromCaller: false)
        try s.send(s.response(183, "Session Progress", cseq: 2, sdp: SIPText.sdp(address: "10.0.0.2")), at: 400, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 2, sdp: SIPText.sdp(address: "10.0.0.2")), at: 1400, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        // Measured from the FIRST INVITE (t = 0), so the challenge round counts.
        #expect(call.pddMs == 400 && call.srdMs == 400 && call.answerMs == 1400)
        #expect(call.authChallenges == 1 && call.initialInviteCount == 2)
        #expect(call.finalStatus == 200 && call.retransmissions == 0)
        // Early media: the 183 carries the answer; the 200 repeats it (same media, so one expectation per side).
        #expect(call.media.map(\.role) == [.offer, .offer, .answer, .answer])
        #expect(s.tracker.drainMediaExpectations().count == 2)
    }

    @Test func challengeWithoutRetryFails() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(401, "Unauthorized", cseq: 1), at: 20, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.state == .failed && call.finalStatus == 401 && call.srdMs == 20 && call.pddMs == nil)
    }

    @Test(arguments: [(486, "Busy Here", CallState.failed), (480, "Temporarily Unavailable", .noAnswer),
                      (408, "Request Timeout", .noAnswer), (503, "Service Unavailable", .failed),
                      (603, "Decline", .failed)])
    func finalFailures(code: Int, reason: String, state: CallState) throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(100, "Trying", cseq: 1, toTag: nil), at: 10, fromCaller: false)
        try s.send(s.response(code, reason, cseq: 1), at: 900, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        // No provisional other than 100: SRD runs to the failure response (RFC 6076 §4.3).
        #expect(call.state == state && call.finalStatus == code && call.finalReason == reason)
        #expect(call.srdMs == 900 && call.pddMs == nil && call.endedBy == nil && call.endTime == s.time(900))
    }

    @Test func redirectThenNewInviteIsOneAttempt() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(302, "Moved Temporarily", cseq: 1, extra: ["Contact: <sip:c@10.0.0.3>"]), at: 50, fromCaller: false)
        try s.send(s.request("INVITE", cseq: 2), at: 60, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 2), at: 260, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 2), at: 1260, fromCaller: false)
        let result = s.finish()
        let call = try #require(result.calls.first)
        #expect(result.calls.count == 1 && call.redirects == 1 && call.finalStatus == 200)
        #expect(call.srdMs == 260 && call.answerMs == 1260)
    }

    @Test func reInviteHoldAndResumeRecordMediaChanges() throws {
        var s = CallScenario()
        try Self.basicCallWithoutBye(&s)
        _ = s.tracker.drainMediaExpectations()
        // Callee puts the call on hold: offer sendonly, caller answers recvonly.
        try s.send(s.request("INVITE", cseq: 101, toTag: "b-tag", fromCallee: true,
                             sdp: SIPText.sdp(address: "10.0.0.2", port: 40002, direction: "sendonly")), at: 10_000, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 101, toTag: "b-tag", toCallee: true,
                              sdp: SIPText.sdp(direction: "recvonly")), at: 10_020, fromCaller: true)
        try s.send(s.request("ACK", cseq: 101, toTag: "b-tag", fromCallee: true), at: 10_030, fromCaller: false)
        // Caller resumes with a new port and only PCMA.
        try s.send(s.request("INVITE", cseq: 2, toTag: "b-tag", sdp: SIPText.sdp(port: 40010, payloads: "8 101")), at: 20_000, fromCaller: true)
        try s.send(s.response(200, "OK", cseq: 2, sdp: SIPText.sdp(address: "10.0.0.2", port: 40002, payloads: "8 101")), at: 20_030, fromCaller: false)
        let expectations = s.tracker.drainMediaExpectations()
        let call = try #require(s.finish().calls.first)
        #expect(call.sessionModifications == 2)
        #expect(call.media.count == 6)
        #expect(call.media[2].sender == .callee && call.media[2].role == .offer && call.media[2].streams[0].direction == .sendonly)
        #expect(call.media[3].sender == .caller && call.media[3].role == .answer && call.media[3].streams[0].direction == .recvonly)
        #expect(call.media[4].streams[0].port == 40010 && call.media[4].streams[0].codec == Codec(name: "PCMA", clockRate: 8000))
        #expect(call.media[5].role == .answer)
        // Changed media only: hold (callee sendonly, caller recvonly), resume (caller new port, callee new codec list).
        #expect(expectations.map(\.direction) == [.sendonly, .recvonly, .sendrecv, .sendrecv])
        #expect(expectations[2].endpoint == Endpoint(IPAddress("10.0.0.1")!, 40010))
        // The original 200 and ACK times are unchanged by the re-INVITEs.
        #expect(call.answerTime == s.time(2120) && call.ackTime == s.time(2130))
    }

    static func basicCallWithoutBye(_ s: inout CallScenario) throws {
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp()), at: 0, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 120, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2", port: 40002)), at: 2120, fromCaller: false)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag"), at: 2130, fromCaller: true)
    }

    @Test func earlyMediaWithPrack() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp(), extra: ["Supported: 100rel"]), at: 0, fromCaller: true)
        try s.send(s.response(183, "Session Progress", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2"),
                              extra: ["Require: 100rel", "RSeq: 1"]), at: 300, fromCaller: false)
        try s.send(s.request("PRACK", cseq: 2, toTag: "b-tag", extra: ["RAck: 1 1 INVITE"]), at: 310, fromCaller: true)
        try s.send(s.response(200, "OK", cseq: 2, method: "PRACK"), at: 320, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1, extra: ["Require: 100rel", "RSeq: 2"]), at: 900, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1), at: 4000, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.ringingTime == s.time(300) && call.pddMs == 300 && call.answerMs == 4000)
        #expect(call.media.map(\.role) == [.offer, .answer] && call.media[1].carriedBy == "183 Session Progress")
        #expect(call.retransmissions == 0 && call.messages.count == 6)
    }

    @Test func unfinishedCallsKeepNullTimes() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 100, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.state == .inProgress && call.finalStatus == nil && call.finalReason == nil)
        #expect(call.answerTime == nil && call.answerMs == nil && call.durationS == nil && call.sddMs == nil)
        #expect(call.endTime == nil && call.endedBy == nil && call.pddMs == 100)
    }

    @Test func malformedAndUnmatchedMessagesBecomeDiagnostics() throws {
        var s = CallScenario()
        try s.send(SIPText.message(["OPTIONS sip:x@y SIP/2.0", "CSeq: 1 OPTIONS", "From: <sip:a@b>;tag=1"]), at: 0, fromCaller: true)
        try s.send(SIPText.message(["OPTIONS sip:x@y SIP/2.0", "Call-ID: z", "CSeq: one OPTIONS", "From: <sip:a@b>;tag=1"]), at: 1, fromCaller: true)
        try s.send(s.request("BYE", cseq: 9, toTag: "nobody"), at: 2, fromCaller: true)  // no INVITE seen
        s.tracker.recordParseError(ParseError(.sipBadHeader, layer: .sip, offset: 24), packetNumber: 4)
        let result = s.finish()
        #expect(result.calls.isEmpty && result.unmatchedMessages == 1)
        #expect(result.diagnostics.map(\.code) == ["sip_missing_call_id", "sip_bad_cseq", "sip_bad_header"])
        #expect(result.diagnostics.map(\.packetNumber) == [1, 2, 4])
        #expect(result.sipStatistics.messages == 3)
    }

    @Test func tcpSegmentsThroughTheFramer() throws {
        var s = CallScenario()
        let invite = s.request("INVITE", cseq: 1, sdp: SIPText.sdp())
        let trying = s.response(100, "Trying", cseq: 1, toTag: nil)
        let ok = Array(s.response(200, "OK", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2")).utf8)
        var toCallee = SIPStreamFramer(), toCaller = SIPStreamFramer()
        var packet = 0
        func deliver(_ framer: inout SIPStreamFramer, _ bytes: [UInt8], ms: Int, fromCaller: Bool) {
            packet += 1
            framer.append(bytes)
            while case .message(let m)? = framer.next() {
                s.tracker.ingest(m, time: s.time(ms), source: fromCaller ? CallScenario.caller : CallScenario.callee,
                                 destination: fromCaller ? CallScenario.callee : CallScenario.caller,
                                 transport: .tcp, packetNumber: packet)
            }
        }
        deliver(&toCallee, Array(invite.utf8), ms: 0, fromCaller: true)
        deliver(&toCaller, Array(trying.utf8) + Array(ok[..<50]), ms: 20, fromCaller: false)  // coalesced + split
        deliver(&toCaller, Array(ok[50...]), ms: 900, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.transport == .tcp && call.answerMs == 900 && call.messages.map(\.packetNumber) == [1, 2, 3])
    }
}

/// Captures taken at a proxy, B2BUA quirks, hold with 0.0.0.0, and table eviction.
@Suite struct CallTrackerProxyTests {
    static let proxy = Endpoint(IPAddress("10.0.0.9")!, 5060)

    @Test func copiesForwardedByAProxyAreNotRetransmissions() throws {
        var s = CallScenario()
        let invite = try SIPText.parse(s.request("INVITE", cseq: 1, sdp: SIPText.sdp()))
        let ringing = try SIPText.parse(s.response(180, "Ringing", cseq: 1))
        func feed(_ m: SIPMessage, _ ms: Int, _ from: Endpoint, _ to: Endpoint, _ packet: Int) {
            s.tracker.ingest(m, time: s.time(ms), source: from, destination: to, transport: .udp, packetNumber: packet)
        }
        feed(invite, 0, CallScenario.caller, Self.proxy, 1)     // A → P
        feed(invite, 5, Self.proxy, CallScenario.callee, 2)     // P → B (forwarded)
        feed(invite, 505, Self.proxy, CallScenario.callee, 3)   // P → B again: a real retransmission
        feed(ringing, 600, CallScenario.callee, Self.proxy, 4)  // B → P
        feed(ringing, 603, Self.proxy, CallScenario.caller, 5)  // P → A (forwarded)
        let call = try #require(s.finish().calls.first)
        #expect(call.messages.map(\.isRetransmission) == [false, false, true, false, false])
        #expect(call.retransmissions == 1 && call.initialInviteCount == 1)
        #expect(call.pddMs == 600)  // first sighting of the 180, on the B → P hop
        #expect(call.media.count == 1)
        #expect(call.calleeSignalling == Self.proxy)
    }

    @Test func retryWithANewFromTagAfterAChallengeIsTheSameAttempt() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(407, "Proxy Authentication Required", cseq: 1), at: 10, fromCaller: false)
        // A B2BUA that changes its From tag on the retry (seen in real traffic).
        let retry = s.request("INVITE", cseq: 2).replacing("tag=a-tag", with: "tag=a-tag-2")
        try s.send(retry, at: 20, fromCaller: true)
        let ok = s.response(200, "OK", cseq: 2).replacing("tag=a-tag", with: "tag=a-tag-2")
        try s.send(ok, at: 900, fromCaller: false)
        let bye = s.request("BYE", cseq: 5, toTag: "b-tag", fromCallee: true).replacing("tag=a-tag", with: "tag=a-tag-2")
        try s.send(bye, at: 5900, fromCaller: false)
        let result = s.finish()
        #expect(result.calls.count == 1)
        let call = try #require(result.calls.first)
        #expect(call.answerMs == 900 && call.authChallenges == 1 && call.endedBy == .callee && call.durationS == 5)
    }

    @Test func holdWithUnspecifiedAddressExpectsNoMedia() throws {
        var s = CallScenario()
        try CallTrackerTests.basicCallWithoutBye(&s)
        _ = s.tracker.drainMediaExpectations()
        try s.send(s.request("INVITE", cseq: 2, toTag: "b-tag", sdp: SIPText.sdp(address: "0.0.0.0", direction: "sendonly")),
                   at: 5000, fromCaller: true)
        #expect(s.tracker.drainMediaExpectations().isEmpty)
        let call = try #require(s.finish().calls.first)
        #expect(call.media.last?.streams.first?.address == IPAddress("0.0.0.0"))
    }

    @Test func endedCallsLeaveTheActiveTable() throws {
        var s = CallScenario()
        try CallTrackerTests.basicCall(&s)
        #expect(s.tracker.activeCallCount == 1)
        // 256 unrelated messages 70 s after the BYE response trigger a sweep (linger 64 s).
        for i in 0..<256 {
            try s.send(SIPText.message(["OPTIONS sip:x@y SIP/2.0", "Call-ID: ping-\(i)", "CSeq: 1 OPTIONS",
                                        "From: <sip:m@x>;tag=m\(i)"]), at: 62_180 + 70_000, fromCaller: true)
        }
        #expect(s.tracker.activeCallCount == 0)
        let result = s.finish()
        #expect(result.calls.count == 1 && result.calls[0].state == .completed && result.unmatchedMessages == 256)
    }
}

@Suite struct CallIdentityTests {
    @Test func calleeUserAgentIgnoresProxy100Trying() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(100, "Trying", cseq: 1, toTag: nil, extra: ["Server: EdgeProxy"]), at: 5, fromCaller: false)
        try s.send(s.response(180, "Ringing", cseq: 1, extra: ["User-Agent: DeskPhone 3"]), at: 90, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.calleeUserAgent == "DeskPhone 3")
    }
}

@Suite struct CallDiagnosticsTests {
    @Test func badSDPAndTruncatedBodiesAreReportedButTheCallGoesOn() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1, sdp: "not sdp at all\r\n", extra: ["Content-Type: application/sdp"]),
                   at: 0, fromCaller: true)
        let cut = SIPText.message(["SIP/2.0 180 Ringing", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-INVITE-1",
                                   "From: \"Alice\" <sip:89031234567@a.example>;tag=a-tag",
                                   "To: <sip:89161234567@b.example>;tag=b-tag", "Call-ID: call-1@a", "CSeq: 1 INVITE"])
            .replacing("Content-Length: 0", with: "Content-Length: 40")
        try s.send(cut, at: 100, fromCaller: false)
        let result = s.finish()
        #expect(result.diagnostics.map(\.code) == ["sdp_invalid_value", "sip_body_truncated"])
        #expect(result.diagnostics.map(\.packetNumber) == [1, 2])
        #expect(result.calls.first?.pddMs == 100 && result.calls.first?.media.isEmpty == true)
    }
}

@Suite struct DisconnectDelayTests {
    @Test func byeAnsweredWithAFailureHasNoSDD() throws {
        var s = CallScenario()
        try CallTrackerTests.basicCallWithoutBye(&s)
        try s.send(s.request("BYE", cseq: 2, toTag: "b-tag"), at: 9000, fromCaller: true)
        try s.send(s.response(481, "Call/Transaction Does Not Exist", cseq: 2, method: "BYE"), at: 9010, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.byeResponseStatus == 481 && call.byeResponseTime == s.time(9010))
        #expect(call.sddMs == nil && call.state == .completed)
    }
}
