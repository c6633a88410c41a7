import Testing
import WireCore
@testable import RTPKit

@Suite("RTCP compound parsing, attribution and RTT")
struct RTCPTests {
    typealias B = PacketBytes

    static let mediaSSRC: UInt32 = 0xAAAA_0001
    static let peerSSRC: UInt32 = 0xBBBB_0002

    /// SR from mediaSSRC with one report block about peerSSRC, SDES CNAME, BYE.
    static func senderCompound(ntp: UInt64) -> [UInt8] {
        let block = B.reportBlock(ssrc: peerSSRC, fraction: 64, cumulative: -3, highest: 0x0001_0005, jitter: 80, lsr: 0, dlsr: 0)
        let sr = B.rtcp(type: 200, count: 1, body: B.be32(mediaSSRC) + B.be32(UInt32(ntp >> 32)) + B.be32(UInt32(ntp & 0xFFFF_FFFF))
                        + B.be32(160_000) + B.be32(1000) + B.be32(172_000) + block)
        // SDES: SSRC, CNAME "ab@x" (type 1, len 4), END, pad to 4 bytes: 4 + 2 + 4 + 1 + 1 pad = 12.
        let sdes = B.rtcp(type: 202, count: 1, body: B.be32(mediaSSRC) + [1, 4] + Array("ab@x".utf8) + [0, 0])
        let bye = B.rtcp(type: 203, count: 1, body: B.be32(mediaSSRC))
        return sr + sdes + bye
    }

    @Test func parsesSenderReportSDESAndBYE() {
        let ntp: UInt64 = 0xE000_0000_8000_0000
        let compound = Self.senderCompound(ntp: ntp).withBytes { RTCPParser.parse($0) }
        #expect(compound.error == nil)
        #expect(compound.packets.count == 3)
        guard case .senderReport(let sr) = compound.packets[0] else { Issue.record("not an SR"); return }
        #expect(sr.ssrc == Self.mediaSSRC && sr.ntpTimestamp == ntp && sr.packetCount == 1000 && sr.octetCount == 172_000)
        #expect(sr.compactNTP == 0x0000_8000)   // low 16 bits of seconds (0x0000) and high 16 of fraction (0x8000)
        #expect(sr.reports.count == 1)
        #expect(sr.reports[0].cumulativeLost == -3)          // 24-bit 0xFFFFFD sign-extended
        #expect(sr.reports[0].fractionLost == 64)             // 64/256 = 25 %
        #expect(sr.reports[0].fractionLostPercent == 25)
        #expect(sr.reports[0].extendedHighestSequence == 0x0001_0005)
        #expect(compound.packets[1] == .sourceDescription([SourceDescription(ssrc: Self.mediaSSRC, cname: "ab@x")]))
        #expect(compound.packets[2] == .goodbye(Goodbye(sources: [Self.mediaSSRC], reason: nil)))
    }

    @Test func truncatedPacketKeepsWhatCameBefore() {
        var bytes = Self.senderCompound(ntp: 1)
        // Claim 10 more words in the BYE header than present.
        let byeStart = bytes.count - 8
        bytes[byeStart + 3] = 11
        let compound = bytes.withBytes { RTCPParser.parse($0) }
        #expect(compound.packets.count == 2)
        #expect(compound.error == ParseError(.truncated, layer: .rtcp, offset: byeStart))
        #expect(compound.error?.offset == byeStart)
        // Report count larger than the packet: bad length.
        let rr = B.rtcp(type: 201, count: 2, body: B.be32(1) + B.reportBlock(ssrc: 2, fraction: 0, cumulative: 0, highest: 0, jitter: 0, lsr: 0, dlsr: 0))
        #expect(rr.withBytes { RTCPParser.parse($0) }.error == ParseError(.badLength, layer: .rtcp, offset: 8))
        // Not version 2.
        #expect([0x40, 201, 0, 1, 0, 0, 0, 1].withBytes { RTCPParser.parse($0) }.error == ParseError(.invalidValue, layer: .rtcp, offset: 0))
    }

    @Test func toleratesQuirksSeenInRealCaptures() {
        // CNAME "c0\0" (NUL inside the item length, as in heplify__sip_ipv4_tcp.pcap) and two zero bytes
        // after the compound (pcap2wav__SIP_CALL_RTP_G711.pcap frame 529): tshark shows "c0" and no error.
        let rr = B.rtcp(type: 201, count: 0, body: B.be32(1))
        let sdes = B.rtcp(type: 202, count: 1, body: B.be32(1) + [1, 3] + Array("c0".utf8) + [0] + [0, 0, 0])  // item "c0" + NUL, END, 2 pad
        let compound = (rr + sdes + [0, 0]).withBytes { RTCPParser.parse($0) }
        #expect(compound.error == nil)
        #expect(compound.trailingBytes == 2)
        #expect(compound.packets[1] == .sourceDescription([SourceDescription(ssrc: 1, cname: "c0")]))
        // Two non-zero trailing bytes are an error (a truncated header).
        #expect((rr + [0x80, 0xC9]).withBytes { RTCPParser.parse($0) }.error == ParseError(.truncated, layer: .rtcp, offset: 8))
    }

    @Test func parsesXRVoIPMetricsAndStatisticsSummary() {
        // VoIP metrics (BT 7, length 8 words): loss 12, discard 3, burst density 75, gap density 6, burst 340 ms,
        // gap 760 ms, RTT 120, end system delay 40, signal −20, noise −70, RERL 127, Gmin 16, R 88, ext R 127,
        // MOS-LQ 41, MOS-CQ 40, RX config 0xA8, reserved, JB nominal 60, max 120, abs max 300.
        let voip: [UInt8] = [7, 0] + B.be16(8) + B.be32(Self.mediaSSRC) + [12, 3, 75, 6] + B.be16(340) + B.be16(760)
            + B.be16(120) + B.be16(40) + [UInt8(bitPattern: -20), UInt8(bitPattern: -70), 127, 16, 88, 127, 41, 40, 0xA8, 0]
            + B.be16(60) + B.be16(120) + B.be16(300)
        // Statistics summary (BT 6, flags L|D|J = 0xE0, ToH 1 IPv4 → 0x08; length 9 words).
        let summary: [UInt8] = [6, 0xE8] + B.be16(9) + B.be32(Self.mediaSSRC) + B.be16(100) + B.be16(200) + B.be32(5) + B.be32(2)
            + B.be32(1) + B.be32(90) + B.be32(20) + B.be32(7) + [60, 64, 63, 1]
        let unknown: [UInt8] = [42, 0] + B.be16(1) + B.be32(0)
        let xr = B.rtcp(type: 207, count: 0, body: B.be32(Self.peerSSRC) + voip + summary + unknown)
        let compound = xr.withBytes { RTCPParser.parse($0) }
        #expect(compound.error == nil)
        guard case .extendedReport(let report) = compound.packets.first else { Issue.record("not XR"); return }
        #expect(report.ssrc == Self.peerSSRC)
        #expect(report.blocks.count == 3)
        guard case .voipMetrics(let m) = report.blocks[0], case .statisticsSummary(let s) = report.blocks[1] else {
            Issue.record("blocks"); return
        }
        #expect(m.lossRate == 12 && m.burstDensity == 75 && m.gapDensity == 6)
        #expect(m.burstDurationMs == 340 && m.gapDurationMs == 760 && m.roundTripDelayMs == 120)
        #expect(m.signalLevel == -20 && m.noiseLevel == -70 && m.gMin == 16 && m.rFactor == 88 && m.mosLQ == 41)
        #expect(m.jitterBufferNominalMs == 60 && m.jitterBufferAbsoluteMaximumMs == 300)
        #expect(s.beginSequence == 100 && s.endSequence == 200 && s.lostPackets == 5 && s.duplicatePackets == 2)
        #expect(s.minJitter == 1 && s.maxJitter == 90 && s.meanJitter == 20 && s.deviationJitter == 7)
        #expect(s.ttlOrHopLimitKind == 1 && s.maxTTL == 64)
        #expect(report.blocks[2] == .other(blockType: 42, length: 8))
        // A VoIP block cut short is a bad length.
        let short = B.rtcp(type: 207, count: 0, body: B.be32(1) + [7, 0] + B.be16(2) + B.be32(1) + B.be32(0))
        #expect(short.withBytes { RTCPParser.parse($0) }.error == ParseError(.badLength, layer: .rtcp, offset: 8))
    }

    @Test func compactNTPOfACaptureTime() {
        // Unix 0.5 s → NTP seconds 2 208 988 800 (low 16 bits 0x7E80? computed below), fraction 0x8000_0000.
        let seconds = UInt32(truncatingIfNeeded: RTCPRoundTrip.ntpUnixOffset)
        let expected = (seconds & 0xFFFF) << 16 | 0x8000
        #expect(RTCPRoundTrip.compactNTP(Timestamp(nanoseconds: 500_000_000)) == expected)
    }

    @Test func roundTripFromLSRAndDLSR() {
        // SR captured at T; RR about mediaSSRC captured at T + 300 ms with DLSR 0.25 s (16384/65536):
        // RTT = 300 − 250 = 50 ms on the capture clock.
        let srTime = at(ms: 0)
        let ntp = UInt64(UInt32(truncatingIfNeeded: srTime.wholeSeconds + RTCPRoundTrip.ntpUnixOffset)) << 32
        var tracker = RTCPReportTracker()
        Self.senderCompound(ntp: ntp).withBytes { tracker.observe($0, arrival: srTime) }
        let lsr = UInt32(truncatingIfNeeded: ntp >> 16)
        let rr = B.rtcp(type: 201, count: 1, body: B.be32(Self.peerSSRC)
                        + B.reportBlock(ssrc: Self.mediaSSRC, fraction: 0, cumulative: 7, highest: 500, jitter: 40, lsr: lsr, dlsr: 16384))
        rr.withBytes { tracker.observe($0, arrival: at(ms: 300)) }
        let far = tracker.farEnd[Self.mediaSSRC]
        #expect(far?.reporter == Self.peerSSRC)
        #expect(far?.block.cumulativeLost == 7)
        #expect(far?.jitterMs(clockRate: 8000) == 5)       // 40 units / 8 kHz
        #expect(abs((far?.roundTripMs ?? -1) - 50) < 1e-9)
        // The SR here carried NTP = capture time (fraction 0, srTime has whole seconds), so the
        // pure §6.4.1 formula with A from the capture clock agrees to 1/65536 s.
        #expect(abs((far?.roundTripNTPMs ?? -1) - 50) < 1000.0 / 65536)
        #expect(tracker.cnames[Self.mediaSSRC] == "ab@x")
        #expect(tracker.goodbyes[Self.mediaSSRC] == srTime)
        // The SR's own block about peerSSRC has LSR 0: no RTT.
        #expect(tracker.farEnd[Self.peerSSRC]?.roundTripMs == nil)
        #expect(RTCPRoundTrip.roundTripMs(arrivalCompactNTP: 100, lastSR: 0, delaySinceLastSR: 0) == nil)
    }

    @Test func rtcpMuxWithSTUNOnOnePort() {
        // One port carrying STUN, RTP, RTCP SR and DTLS: each goes to the right consumer.
        let stun: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42] + Array(repeating: 0, count: 12)
        let rtp1 = B.rtp(sequence: 1, timestamp: 0), rtp2 = B.rtp(sequence: 2, timestamp: 160)
        let rtcp = Self.senderCompound(ntp: 1)
        let dtls: [UInt8] = [0x16, 0xFE, 0xFD, 0, 0]
        var stats = RTPStreamStatistics(key: RTPStreamKey(source: Endpoint(IPAddress("192.0.2.1")!, 5000),
                                                          destination: Endpoint(IPAddress("192.0.2.2")!, 5000), ssrc: 0x1234_5678), timeOrigin: at(ms: 0))
        var tracker = RTCPReportTracker()
        var kinds: [MediaPacketKind] = []
        for (i, datagram) in [stun, rtp1, rtcp, dtls, rtp2].enumerated() {
            datagram.withBytes { raw in
                let kind = MediaPortDemultiplexer.classify(raw)
                kinds.append(kind)
                switch kind {
                case .rtp: if let header = try? RTPHeaderView(raw) { stats.observe(arrival: at(ms: Double(i) * 10), header: header, dscp: 46) }
                case .rtcp: tracker.observe(raw, arrival: at(ms: Double(i) * 10))
                default: break
                }
            }
        }
        #expect(kinds == [.stun, .rtp, .rtcp, .dtls, .rtp])
        #expect(stats.packets == 2)
        #expect(tracker.latestSenderReport[Self.mediaSSRC] != nil)
    }
}

@Suite("Unsignalled RTP detection")
struct RTPFlowDetectorTests {
    @Test func promotesAfterFourConsistentPackets() {
        var d = RTPFlowDetector()
        var verdicts: [RTPFlowDetector.Verdict] = []
        for seq: UInt16 in [65534, 65535, 0, 1] {
            verdicts.append(PacketBytes.rtp(sequence: seq, timestamp: UInt32(seq) * 160, ssrc: 77, payloadType: 8).withBytes { d.observe($0) })
        }
        #expect(verdicts == [.undecided, .undecided, .undecided, .rtp(ssrc: 77)])
    }

    @Test func stunInBetweenDoesNotResetButSSRCChangeDoes() {
        var d = RTPFlowDetector(required: 3)
        let stun: [UInt8] = [0x01, 0x01, 0, 0]
        _ = PacketBytes.rtp(sequence: 1, timestamp: 0, ssrc: 1).withBytes { d.observe($0) }
        _ = stun.withBytes { d.observe($0) }
        _ = PacketBytes.rtp(sequence: 2, timestamp: 160, ssrc: 2).withBytes { d.observe($0) }   // new SSRC: run restarts
        _ = PacketBytes.rtp(sequence: 3, timestamp: 320, ssrc: 2).withBytes { d.observe($0) }
        #expect(d.verdict == .undecided)
        _ = PacketBytes.rtp(sequence: 4, timestamp: 480, ssrc: 2).withBytes { d.observe($0) }
        #expect(d.verdict == .rtp(ssrc: 2))
    }

    @Test func rejectsImplausibleTrafficAfterPatience() {
        var d = RTPFlowDetector(patience: 5)
        for i in 0..<5 {
            // Version 2 but payload type 50 (unassigned) — e.g. a game protocol with a 0x80 first byte.
            _ = PacketBytes.rtp(sequence: UInt16(i), timestamp: 0, payloadType: 50).withBytes { d.observe($0) }
        }
        #expect(d.verdict == .notRTP)
        #expect(!RTPFlowDetector.isPlausiblePayloadType(72))
        #expect(RTPFlowDetector.isPlausiblePayloadType(101))
    }
}
