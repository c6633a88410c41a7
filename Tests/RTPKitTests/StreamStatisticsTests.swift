import Testing
import WireCore
@testable import RTPKit

@Suite("RFC 3550 A.8 jitter, skew and drift")
struct JitterTests {
    @Test func handComputedJitter() {
        // 8 kHz, 20 ms packets, the 3rd 5 ms late: transits (units) 0, 0, 40, 0, 0.
        // J after packets 2…5: 0, 40/16 = 2.5, 2.5 + (40 − 2.5)/16 = 4.84375, 4.84375 − 4.84375/16 = 4.541015625.
        var j = InterarrivalJitter()
        for (i, late) in [0.0, 0, 5, 0, 0].enumerated() {
            j.observe(arrival: at(ms: Double(i) * 20 + late), timestamp: UInt32(i * 160), clockRate: 8000)
        }
        #expect(j.jitter == 4.541015625)
        #expect(j.milliseconds(j.jitter) == 4.541015625 / 8)
        #expect(j.summary.count == 4)
        #expect(j.summary.maximum == 4.84375)
        #expect(j.summary.mean == (0 + 2.5 + 4.84375 + 4.541015625) / 4)
        #expect(abs(j.maxSkewMs - 5) < 1e-9)
    }

    @Test func timestampWrapIsModular() {
        // Timestamps 2^32 − 320, 2^32 − 160, 0, 160 at exact 20 ms spacing: J stays 0.
        var j = InterarrivalJitter()
        let start = UInt32.max - 319
        for i in 0..<4 { j.observe(arrival: at(ms: Double(i) * 20), timestamp: start &+ UInt32(i * 160), clockRate: 8000) }
        #expect(j.jitter == 0)
        #expect(abs(j.maxSkewMs) < 1e-9)
    }

    @Test func driftOfASlowSenderClock() {
        // Media clock 8000 Hz, but packets of 160 units arrive every 20.02 ms: arrival/media slope 1.001 → +1000 ppm.
        var j = InterarrivalJitter()
        for i in 0..<100 { j.observe(arrival: at(ms: Double(i) * 20.02), timestamp: UInt32(i * 160), clockRate: 8000) }
        #expect(abs((j.driftPPM ?? 0) - 1000) < 0.01)
    }
}

@Suite("Per-stream statistics")
struct RTPStreamStatisticsTests {
    let key = RTPStreamKey(source: Endpoint(IPAddress("192.0.2.1")!, 4000), destination: Endpoint(IPAddress("192.0.2.2")!, 5000),
                           ssrc: 0x1234_5678)

    func fields(_ seq: UInt16, _ ts: UInt32, pt: UInt8 = 0, marker: Bool = false) -> RTPPacketFields {
        RTPPacketFields(sequenceNumber: seq, timestamp: ts, ssrc: 0x1234_5678, payloadType: pt, marker: marker, payloadSize: 160)
    }

    @Test func lossDuplicatesReorderAndEvents() {
        var s = RTPStreamStatistics(key: key, timeOrigin: at(ms: 0))
        // Sequence numbers in arrival order: 65533, 65534, 0 (65535 lost), 2, 1 (late), 1 (duplicate), 3 (CN), 4 (marker).
        let plan: [(Double, UInt16, UInt32, UInt8, Bool, UInt8)] = [
            (0, 65533, 0, 0, false, 46), (20, 65534, 160, 0, false, 46), (60, 0, 480, 0, false, 46),
            (100, 2, 800, 0, false, 46), (101, 1, 640, 0, false, 46), (102, 1, 640, 0, false, 0),
            (120, 3, 960, 13, false, 46), (300, 4, 2400, 0, true, 46),
        ]
        for (ms, seq, ts, pt, marker, dscp) in plan {
            s.observe(arrival: at(ms: ms), packet: fields(seq, ts, pt: pt, marker: marker), packetSize: 172, dscp: dscp)
        }
        let r = s.summary()
        // Extended numbers 65533 … 65540: expected 8; received 8 incl. the duplicate → lost 0 (A.3),
        // although 65535 is missing: the duplicate hides it. The window still sees the hole.
        #expect(r.packets == 8)
        #expect(r.expected == 8)
        #expect(r.lost == 0)
        #expect(r.duplicates == 1)
        #expect(r.reordered == 1)
        #expect(r.burst.lossRunHistogram[0] == 1)
        #expect(r.comfortNoisePackets == 1)
        #expect(r.talkspurts == 1)
        #expect(r.payloadTypeChanges == 2)       // 0 → 13 → 0
        #expect(r.payloadTypes == [0, 13])
        #expect(r.dscpChanges == 2 && r.nonExpeditedPackets == 1 && r.dscpFlag)
        // Deltas: 20, 40, 40, 1, 1, 18, 180 → min 1, max 180, mean 300/7.
        #expect(r.minDeltaMs == 1 && r.maxDeltaMs == 180)
        #expect(abs(r.meanDeltaMs - 300.0 / 7) < 1e-9)
        // Per-second series: all in second 0 except the last (300 ms is still second 0) → one sample of 8 packets.
        #expect(r.series.count == 1)
        #expect(r.series[0].packets == 8)
        #expect(r.series[0].bytes == 8 * 172)
        #expect(r.wireshark.packets == 8)
    }

    @Test func ssrcRestartKeepsEarlierTotals() {
        var s = RTPStreamStatistics(key: key, timeOrigin: at(ms: 0))
        var t = 0.0
        for seq: UInt16 in [10, 11, 12, 40000, 40001, 40002] {
            s.observe(arrival: at(ms: t), packet: fields(seq, UInt32(t * 8)), packetSize: 172, dscp: 46)
            t += 20
        }
        let r = s.summary()
        // 10–12 (3 of 3), 40000 rejected, restart at 40001: 40001–40002 (2 of 2) → expected 5, lost 0.
        #expect(r.restarts == 1)
        #expect(r.expected == 5)
        #expect(r.lost == 0)
        #expect(r.sequenceErrors == 2)
    }

    @Test func telephoneEventsAreDecodedOncePerEventAndSkippedByJitter() {
        let map = PayloadTypeMap(signalled: [101: PayloadFormat(encodingName: "telephone-event", clockRate: 8000)])
        var s = RTPStreamStatistics(key: key, timeOrigin: at(ms: 0), payloadTypes: map)
        var seq: UInt16 = 1
        func send(_ ms: Double, _ ts: UInt32, pt: UInt8, event: TelephoneEventPayload? = nil, marker: Bool = false) {
            s.observe(arrival: at(ms: ms), packet: fields(seq, ts, pt: pt, marker: marker), packetSize: 16, dscp: 46, telephoneEvent: event)
            seq &+= 1
        }
        send(0, 0, pt: 0); send(20, 160, pt: 0)
        // Digit "1": timestamp 320, durations 160, 320, 480, then three end packets of 800 (RFC 4733 §2.5.1.4).
        send(40, 320, pt: 101, event: .init(event: 1, isEnd: false, volume: 10, duration: 160), marker: true)
        send(60, 320, pt: 101, event: .init(event: 1, isEnd: false, volume: 10, duration: 320))
        send(80, 320, pt: 101, event: .init(event: 1, isEnd: false, volume: 10, duration: 480))
        for ms in [100.0, 101, 102] { send(ms, 320, pt: 101, event: .init(event: 1, isEnd: true, volume: 10, duration: 800)) }
        // Digit "#" at timestamp 2000.
        send(300, 2000, pt: 101, event: .init(event: 11, isEnd: true, volume: 10, duration: 400), marker: true)
        send(320, 2160, pt: 0)
        let r = s.summary()
        #expect(r.dtmfDigits == "1#")
        #expect(r.telephoneEvents.count == 2)
        #expect(r.telephoneEvents[0].durationMs == 100)     // 800 units / 8 kHz
        #expect(r.telephoneEvents[0].ended)
        #expect(r.telephoneEvents[0].start == at(ms: 40))
        #expect(r.telephoneEvents[1].durationMs == 50)
        #expect(r.telephoneEventPackets == 7)
        // Jitter only over the three PT 0 packets: arrivals 0, 20, 320; timestamps 0, 160, 2160 →
        // D = 0, then |300 ms·8 − 2000| = 400 units → J = 25 units; summary over 2 values (0, 25).
        #expect(r.jitterUnits == 25)
        #expect(r.maxJitterMs == 25.0 / 8)
        // tshark: telephone-event has clock 0 when signalled, so its jitter stays on PT 0 packets too.
        #expect(r.wireshark.packets == 10)
    }

    @Test func arrivalRecordPacksFields() {
        let record = RTPArrivalRecord(arrival: at(ms: 5), packet: fields(7, 99, pt: 8, marker: true))
        #expect(MemoryLayout<RTPArrivalRecord>.size == 15)
        #expect(record.arrival == at(ms: 5))
        #expect(record.sequenceNumber == 7 && record.rtpTimestamp == 99)
        #expect(record.marker && record.payloadType == 8)
    }
}

@Suite("Signalled vs assumed payload types")
struct PayloadTypeKnowledgeTests {
    @Test func tsharkUsesClockZeroWhenTheFormatWasOnlyAssumed() {
        // PT 111 assumed to be Opus (48 kHz) by us, but no SDP in the capture: tshark has clock 0.
        let key = RTPStreamKey(source: Endpoint(IPAddress(ipv4: 1), 1), destination: Endpoint(IPAddress(ipv4: 2), 2), ssrc: 9)
        let assumed = PayloadTypeMap(signalled: [111: PayloadFormat(encodingName: "opus", clockRate: 48000)])
        var s = RTPStreamStatistics(key: key, timeOrigin: at(ms: 0), payloadTypes: assumed, wiresharkPayloadTypes: PayloadTypeMap())
        // 20 ms packets (960 units), the 2nd 4 ms late: strict D = 4 ms·48 = 192 units → J = 192/16 = 12;
        // the 3rd is on time, D = −192 → J = 12 + (192 − 12)/16 = 23.25 units = 0.484375 ms (the maximum).
        for (i, late) in [0.0, 4, 0].enumerated() {
            let f = RTPPacketFields(sequenceNumber: UInt16(i), timestamp: UInt32(i * 960), ssrc: 9, payloadType: 111, marker: false, payloadSize: 60)
            s.observe(arrival: at(ms: Double(i) * 20 + late), packet: f, packetSize: 72, dscp: nil)
        }
        let r = s.summary()
        #expect(r.clockRate == 48000)
        #expect(abs(r.maxJitterMs - 23.25 / 48) < 1e-9)
        #expect(r.wireshark.maxJitterMs == 0)
        #expect(r.wireshark.minJitterMs == -1)       // tshark prints −1: no jitter value ever computed
        #expect(r.dscpFlag == false && r.firstDSCP == nil)
    }
}
