import Testing
@testable import QualityModel

@Suite struct CodecTableTests {
    @Test(arguments: ["PCMU", "pcma", "G.711", "G.729", "g729a", "G.723.1", "GSM", "iLBC", "G.722", "AMR-WB", "opus"])
    func requiredCodecsArePresent(name: String) {
        #expect(CodecImpairmentTable.lookup(name) != nil)
    }

    /// Every name offered in help texts resolves, each to a different entry.
    @Test func commonNamesResolve() {
        let entries = CodecImpairmentTable.commonNames.compactMap(CodecImpairmentTable.lookup)
        #expect(entries.count == CodecImpairmentTable.commonNames.count)
        #expect(Set(entries.map(\.name)).count == CodecImpairmentTable.all.count)
    }

    @Test func valuesAndFlags() throws {
        let pcmu = try #require(CodecImpairmentTable.lookup("G.711 µ-law"))
        #expect(pcmu.ie == 0 && pcmu.bplWithPLC == 25.1 && pcmu.bplWithoutPLC == 4.3 && pcmu.ituPublished)
        #expect(pcmu.bpl(concealment: false) == 4.3)
        let g729a = try #require(CodecImpairmentTable.lookup("G729A"))
        #expect(g729a.ie == 11 && g729a.bplWithPLC == 19 && g729a.bpl(concealment: false) == 19)
        #expect(CodecImpairmentTable.lookup("iLBC")?.ituPublished == false)
        #expect(CodecImpairmentTable.lookup("opus")?.ituPublished == false)
        #expect(CodecImpairmentTable.lookup("opus")?.scale == .wideband)
        #expect(CodecImpairmentTable.lookup("G722")?.scale == .wideband)
        #expect(CodecImpairmentTable.lookup(staticPayloadType: 8)?.name == "G.711 A-law (PCMA)")
        #expect(CodecImpairmentTable.lookup(staticPayloadType: 96) == nil)
    }

    @Test func unknownCodecFallsBackExplicitly() {
        let (codec, assumption) = CodecImpairmentTable.resolve("speex")
        #expect(codec == CodecImpairmentTable.fallback)
        #expect(assumption?.contains("speex") == true)
        #expect(CodecImpairmentTable.resolve("PCMU").assumption == nil)
    }
}

@Suite struct LossMarkovCounterTests {
    /// Pattern F F L L F F F L F F (10 packets): transitions FF 3 (1-2, 5-6, 6-7 … counted below),
    /// found→lost 2 (2-3, 7-8), lost→found 2 (4-5, 8-9), lost→lost 1 (3-4), found→found 4 (1-2, 5-6, 6-7, 9-10).
    /// p = 2/6, q = 2/3 → BurstR = 1/(1/3 + 2/3) = 1.
    @Test func countsTransitions() {
        var c = LossMarkovCounter()
        for lost in [false, false, true, true, false, false, false, true, false, false] { c.record(lost: lost) }
        #expect(c.foundToFound == 4 && c.foundToLost == 2 && c.lostToFound == 2 && c.lostToLost == 1)
        #expect(c.lost == 3 && c.found == 7 && c.lossRuns == 2)
        #expect(abs(c.lossPercent - 30) < 1e-12)
        #expect(abs((c.burstRatio ?? 0) - 1) < 1e-12)
    }

    /// 20 found, 4 lost in one run, 20 found: p = 1/(19+1+19) ... found→found 38, found→lost 1 → p = 1/39;
    /// lost→lost 3, lost→found 1 → q = 1/4; BurstR = 1/(1/39 + 1/4) = 156/43 ≈ 3.628.
    @Test func burstyLoss() {
        var c = LossMarkovCounter()
        for _ in 0..<20 { c.record(lost: false) }
        for _ in 0..<4 { c.record(lost: true) }
        for _ in 0..<20 { c.record(lost: false) }
        #expect(abs((c.burstRatio ?? 0) - 156.0 / 43.0) < 1e-12)
    }

    @Test func edgeCases() {
        var none = LossMarkovCounter()
        for _ in 0..<5 { none.record(lost: false) }
        #expect(none.burstRatio == 1)
        var allLost = LossMarkovCounter()
        for _ in 0..<5 { allLost.record(lost: true) }
        #expect(allLost.burstRatio == nil)
        var tailLoss = LossMarkovCounter()   // F F F L L: p = 1/3, q = 0 (no lost→found) → BurstR 3
        for lost in [false, false, false, true, true] { tailLoss.record(lost: lost) }
        #expect(abs((tailLoss.burstRatio ?? 0) - 3) < 1e-12)
    }
}

@Suite struct QualityAssessmentTests {
    /// G.711 µ-law, 0 % loss, RTT/2 = 0, buffer 0, 20 ms packets: d = 0 + 0 + max(0.125, 20) + 0 = 20 ms.
    /// Listening = defaults R 93.2062; conversational = planning delay 20 ms (Idd 0, small echo terms).
    @Test func g711NoLoss() {
        let a = QualityAssessment.assess(QualityAssessmentInput(codec: "PCMU", effectiveLossPercent: 0, burstRatio: 1,
                                                                rtcpRoundTripMs: 0, jitterBufferDelayMs: 0,
                                                                packetDurationMs: 20))
        #expect(a.model == .narrowband)
        #expect(a.mouthToEarDelayMs == 20)
        #expect(abs(a.listening.rFactor - 93.2062) < 1e-4)
        var x = EModelInput(); x.applyPlanningDelay(20)
        #expect(abs(a.conversational.rFactor - EModel.evaluate(x).rFactor) < 1e-12)
        #expect(a.conversational.rFactor < a.listening.rFactor)
    }

    @Test func assumedDelayAndUnknownCodecAreStated() {
        let a = QualityAssessment.assess(QualityAssessmentInput(codec: "speex", effectiveLossPercent: 1, burstRatio: nil,
                                                                rtcpRoundTripMs: nil, jitterBufferDelayMs: 40))
        // fallback frame 20 ms, look-ahead 0 → d = 20 (assumed network) + 40 + 20 = 80 ms
        #expect(a.mouthToEarDelayMs == 80)
        #expect(a.assumptions.contains { $0.contains("speex") })
        #expect(a.assumptions.contains { $0.contains("assumed 20 ms") })
        #expect(a.assumptions.contains { $0.contains("BurstR = 1") })
    }

    /// The texts are written when read, from the values the assessment used: every case in order, by hand.
    @Test func assumptionTextsInOrder() {
        let override = CodecImpairment(name: "custom", scale: .narrowband, ie: 11, bplWithPLC: 19, bplWithoutPLC: nil,
                                       frameMs: 10, lookaheadMs: 5, source: "given", ituPublished: false)
        let a = QualityAssessment.assess(QualityAssessmentInput(codec: "x", codecOverride: override, concealment: false,
                                                                effectiveLossPercent: 0, burstRatio: nil, rtcpRoundTripMs: 30,
                                                                jitterBufferDelayMs: 12.345, packetDurationMs: 20))
        #expect(a.assumptions == [
            "codec values given explicitly: Ie 11, Bpl 19",
            "no Bpl without PLC is published for custom; the built-in-PLC value 19 is used",
            "burst ratio undefined for this loss pattern; BurstR = 1 (random loss) assumed",
            "network one-way delay 15 ms = RTCP round-trip time 30 ms / 2",
            "mouth-to-ear delay 52.35 ms = network 15 + jitter buffer 12.35 + codec frame/packet and look-ahead 25",
            "G.107 (06/2015) narrowband E-model, Table 3 defaults for all terminal parameters, delay applied as T = Ta = d, Tr = 2d",
            "MOS from R per G.107 Annex B, clamped to 1…4.5",
        ])
        let table = QualityAssessment.assess(QualityAssessmentInput(codec: "PCMA", effectiveLossPercent: 0, burstRatio: 1,
                                                                    rtcpRoundTripMs: nil, jitterBufferDelayMs: 0))
        #expect(table.assumptions.first == "codec \(table.codec.name): \(table.codec.source)")
        #expect(table.assumptions.contains("no RTCP round-trip time: network one-way delay assumed 20 ms"))
        #expect(table.assumptions.count == 5)
    }

    @Test func widebandCodecUsesG1071() {
        let a = QualityAssessment.assess(QualityAssessmentInput(codec: "AMR-WB", effectiveLossPercent: 2, burstRatio: 1,
                                                                rtcpRoundTripMs: 100, jitterBufferDelayMs: 40))
        #expect(a.model == .wideband)
        #expect(a.assumptions.contains { $0.contains("= RTCP round-trip time 100 ms / 2") })
        #expect(abs(a.listening.mos - 3.4062) < 1e-4)
        // d = 50 + 40 + 20 + 5 = 115 ms > 100 → Idd > 0 → conversational below listening
        #expect(a.conversational.rFactor < a.listening.rFactor)
    }
}
