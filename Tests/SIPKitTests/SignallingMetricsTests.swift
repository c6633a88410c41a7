import Testing
import SIPKit
import WireCore

@Suite struct SignallingMetricsTests {
    /// Six attempts in one capture:
    ///  c1 answered (180 at 100, 200 at 1000, BYE 11000, 200 at 11040) → completed
    ///  c2 486 at 300 → busy;  c3 302 at 50 only → redirected;  c4 503 at 80;
    ///  c5 180 at 200, CANCEL, 487 at 4000 → cancelled;  c6 INVITE only → unresolved (left out of ratios).
    static func capture() throws -> SIPAnalysisResult {
        var s = CallScenario()
        s.callID = "c1"
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 100, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1), at: 1000, fromCaller: false)
        try s.send(s.request("BYE", cseq: 2, toTag: "b-tag"), at: 11000, fromCaller: true)
        try s.send(s.response(200, "OK", cseq: 2, method: "BYE"), at: 11040, fromCaller: false)
        s.callID = "c2"
        try s.send(s.request("INVITE", cseq: 1), at: 20000, fromCaller: true)
        try s.send(s.response(486, "Busy Here", cseq: 1), at: 20300, fromCaller: false)
        s.callID = "c3"
        try s.send(s.request("INVITE", cseq: 1), at: 30000, fromCaller: true)
        try s.send(s.response(302, "Moved Temporarily", cseq: 1), at: 30050, fromCaller: false)
        s.callID = "c4"
        try s.send(s.request("INVITE", cseq: 1), at: 40000, fromCaller: true)
        try s.send(s.response(503, "Service Unavailable", cseq: 1), at: 40080, fromCaller: false)
        s.callID = "c5"
        try s.send(s.request("INVITE", cseq: 1), at: 50000, fromCaller: true)
        try s.send(s.response(180, "Ringing", cseq: 1), at: 50200, fromCaller: false)
        try s.send(s.request("CANCEL", cseq: 1), at: 53000, fromCaller: true)
        try s.send(s.response(487, "Request Terminated", cseq: 1), at: 54000, fromCaller: false)
        s.callID = "c6"
        try s.send(s.request("INVITE", cseq: 1), at: 60000, fromCaller: true)
        return s.finish(atMs: 61000)
    }

    @Test func rfc6076RatiosAndASRNER() throws {
        let result = try Self.capture()
        #expect(result.calls.map(\.callID) == ["c1", "c2", "c3", "c4", "c5", "c6"])
        #expect(result.calls.map(\.state) == [.completed, .failed, .failed, .failed, .cancelled, .inProgress])
        let m = result.metrics
        #expect(m.attempts == 5 && m.unresolvedAttempts == 1 && m.answered == 1 && m.redirected == 1)
        #expect(m.serPct == 25)   // 1 answered ÷ (5 − 1 redirected)
        #expect(m.seerPct == 50)  // (1 answered + 1 × 486) ÷ 4
        #expect(m.isaPct == 20)   // 1 × 503 ÷ 5
        #expect(m.scrPct == 20)   // 1 completed with BYE/200 ÷ 5
        #expect(m.asrPct == 20)   // 1 ÷ 5
        #expect(m.nerPct == 60)   // (1 answered + 486 + 487) ÷ 5
    }

    @Test func delayStatistics() throws {
        let m = try Self.capture().metrics
        // SRD per attempt: c1 100, c2 300, c3 50, c4 80, c5 200 → sorted 50 80 100 200 300.
        #expect(m.srdMs.count == 5 && m.srdMs.min == 50 && m.srdMs.max == 300 && m.srdMs.mean == 146)
        #expect(m.srdMs.p50 == 100)
        #expect(m.srdMs.p95 == 280)  // position 4 × 0.95 = 3.8 → 200 + 0.8 × (300 − 200)
        #expect(m.sddMs.count == 1 && m.sddMs.mean == 40)
        #expect(m.sdtS.count == 1 && m.sdtS.max == 10)  // 11000 − 1000 ms
    }

    @Test func emptyCaptureHasNullRatios() {
        let m = SignallingMetrics(calls: [], registrations: [])
        #expect(m.serPct == nil && m.asrPct == nil && m.iraPct == nil && m.srdMs.count == 0 && m.srdMs.mean == nil)
    }

    /// REGISTER with a 401 round (RRD 70 ms), a rejected one (403), and one unanswered for 40 s (timeout).
    @Test func registrationDelayAndIneffectiveAttempts() throws {
        var s = CallScenario()
        func register(_ callID: String, _ cseq: Int) -> String {
            SIPText.message(["REGISTER sip:reg.example SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK\(callID)\(cseq)",
                             "From: <sip:100@reg.example>;tag=r-\(callID)", "To: <sip:100@reg.example>",
                             "Call-ID: \(callID)", "CSeq: \(cseq) REGISTER"])
        }
        func reply(_ callID: String, _ cseq: Int, _ code: Int, _ reason: String) -> String {
            SIPText.message(["SIP/2.0 \(code) \(reason)", "From: <sip:100@reg.example>;tag=r-\(callID)",
                             "To: <sip:100@reg.example>;tag=srv", "Call-ID: \(callID)", "CSeq: \(cseq) REGISTER"])
        }
        try s.send(register("r1", 1), at: 0, fromCaller: true)
        try s.send(reply("r1", 1, 401, "Unauthorized"), at: 20, fromCaller: false)
        try s.send(register("r1", 2), at: 40, fromCaller: true)
        try s.send(reply("r1", 2, 200, "OK"), at: 70, fromCaller: false)
        try s.send(register("r2", 1), at: 1000, fromCaller: true)
        try s.send(reply("r2", 1, 403, "Forbidden"), at: 1010, fromCaller: false)
        try s.send(register("r3", 1), at: 2000, fromCaller: true)
        let m = s.finish(atMs: 42_000).metrics
        #expect(m.rrdMs.count == 1 && m.rrdMs.mean == 70)
        #expect(m.iraPct.map { ($0 * 1000).rounded() / 1000 } == 66.667)  // r2 403 + r3 timeout of 3 attempts
        // Finishing 10 s after an unanswered REGISTER leaves it unresolved (Timer F is 32 s).
        var t = CallScenario()
        try t.send(register("r3", 1), at: 0, fromCaller: true)
        try t.send(register("r2", 1), at: 1000, fromCaller: true)
        try t.send(reply("r2", 1, 403, "Forbidden"), at: 1010, fromCaller: false)
        #expect(t.finish(atMs: 10_000).metrics.iraPct == 100)  // r3 unresolved, r2 ineffective: 1 ÷ 1
    }
}

@Suite struct RegistrationAttemptTests {
    static func register(_ cseq: Int, tag: String) -> String {
        SIPText.message(["REGISTER sip:reg.example SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKr\(cseq)",
                         "From: <sip:100@reg.example>;tag=\(tag)", "To: <sip:100@reg.example>",
                         "Call-ID: reg-1", "CSeq: \(cseq) REGISTER"])
    }
    static func reply(_ cseq: Int, tag: String, _ code: Int) -> String {
        SIPText.message(["SIP/2.0 \(code) X", "From: <sip:100@reg.example>;tag=\(tag)",
                         "To: <sip:100@reg.example>;tag=srv", "Call-ID: reg-1", "CSeq: \(cseq) REGISTER"])
    }

    /// A UA that changes its From tag on every REGISTER (seen in real captures): attempts follow the Call-ID.
    @Test func challengeRetryWithinTimerFIsOneAttempt() throws {
        var s = CallScenario()
        try s.send(Self.register(1, tag: "t1"), at: 0, fromCaller: true)
        try s.send(Self.reply(1, tag: "t1", 401), at: 100, fromCaller: false)
        try s.send(Self.register(2, tag: "t2"), at: 17_000, fromCaller: true)      // 16.9 s after the 401
        try s.send(Self.reply(2, tag: "t2", 200), at: 17_150, fromCaller: false)
        let result = s.finish(atMs: 20_000)
        #expect(result.registrations.map(\.result) == [.registered])
        #expect(result.metrics.rrdMs.mean == 17_150 && result.metrics.iraPct == 0)
    }

    @Test func retryAfterTimerFStartsANewAttempt() throws {
        var s = CallScenario()
        try s.send(Self.register(1, tag: "t1"), at: 0, fromCaller: true)
        try s.send(Self.reply(1, tag: "t1", 401), at: 100, fromCaller: false)
        try s.send(Self.register(2, tag: "t2"), at: 40_000, fromCaller: true)      // 39.9 s later: new attempt
        try s.send(Self.reply(2, tag: "t2", 200), at: 40_050, fromCaller: false)
        let result = s.finish(atMs: 50_000)
        #expect(result.registrations.map(\.result) == [.ineffective, .registered])
        #expect(result.metrics.rrdMs.mean == 50 && result.metrics.iraPct == 50)
    }
}

@Suite struct CallEdgeCaseTests {
    @Test func updateBeforeAnswerChangesMedia() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1, sdp: SIPText.sdp()), at: 0, fromCaller: true)
        try s.send(s.response(183, "Session Progress", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2")), at: 200, fromCaller: false)
        try s.send(s.request("UPDATE", cseq: 2, toTag: "b-tag", sdp: SIPText.sdp(port: 41000, payloads: "8")), at: 300, fromCaller: true)
        try s.send(s.response(200, "OK", cseq: 2, method: "UPDATE", sdp: SIPText.sdp(address: "10.0.0.2", payloads: "8")),
                   at: 310, fromCaller: false)
        try s.send(s.response(200, "OK", cseq: 1), at: 2000, fromCaller: false)
        let call = try #require(s.finish().calls.first)
        #expect(call.sessionModifications == 1)
        #expect(call.media.map(\.role) == [.offer, .answer, .offer, .answer])
        #expect(call.media[2].carriedBy == "UPDATE" && call.media[2].streams[0].port == 41000)
        #expect(call.media[3].streams[0].codec == Codec(name: "PCMA", clockRate: 8000))
        #expect(call.answerMs == 2000 && call.pddMs == 200)  // the UPDATE's 200 is not the answer
    }

    @Test func byeWithoutResponseStillEndsTheCall() throws {
        var s = CallScenario()
        try CallTrackerTests.basicCallWithoutBye(&s)
        try s.send(s.request("BYE", cseq: 2, toTag: "b-tag"), at: 9120, fromCaller: true)
        let call = try #require(s.finish().calls.first)
        // SDT = 9120 − 2120 ms; no response to the BYE: SDD unknown, not 0.
        #expect(call.state == .completed && call.durationS == 7 && call.sddMs == nil && call.byeResponseStatus == nil)
        #expect(SignallingMetrics(calls: [call], registrations: []).scrPct == 0)  // SCR needs the BYE answered
    }

    @Test func offerlessInviteGetsOfferIn200AndAnswerInACK() throws {
        var s = CallScenario()
        try s.send(s.request("INVITE", cseq: 1), at: 0, fromCaller: true)
        try s.send(s.response(200, "OK", cseq: 1, sdp: SIPText.sdp(address: "10.0.0.2")), at: 500, fromCaller: false)
        try s.send(s.request("ACK", cseq: 1, toTag: "b-tag", sdp: SIPText.sdp()), at: 510, fromCaller: true)
        let call = try #require(s.finish().calls.first)
        #expect(call.media.map(\.role) == [.offer, .answer] && call.media.map(\.sender) == [.callee, .caller])
        #expect(call.srdMs == 500)  // no provisional: the 2xx is the status-indicative response
    }
}
