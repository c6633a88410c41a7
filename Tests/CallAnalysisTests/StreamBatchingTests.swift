@testable import CallAnalysis
import QualityModel
import RTPKit
import Testing
import TestSupport
import WireCore

/// The per-stream batching of `StreamState.observe` (packets reach the statistics and the simulated buffers
/// in batches) must give exactly the figures of feeding every packet at once, and the stream table must find
/// every stream it was given and nothing else.
struct StreamBatchingTests {
    private let key = RTPStreamKey(source: Endpoint(IPAddress(ipv4: 0x0A00_0001), 4000),
                                   destination: Endpoint(IPAddress(ipv4: 0x0A00_0002), 5000), ssrc: 0x1234_5678)

    /// 20 ms G.711 packets with jitter, loss, reordering, duplicates, a talkspurt gap and a DSCP change.
    private func packets(count: Int, seed: UInt64) -> [(Timestamp, RTPPacketFields, UInt8)] {
        var random = SplitMix64(state: seed)
        var out: [(Timestamp, RTPPacketFields, UInt8)] = []
        var sequence: UInt16 = 65_500   // wraps
        var timestamp: UInt32 = 4_294_960_000   // wraps
        for i in 0..<count {
            let jitterNs = Int64(random.next() % 30_000_000)
            let arrival = Timestamp(nanoseconds: 1_000_000_000 + Int64(i) * 20_000_000 + jitterNs)
            let fields = RTPPacketFields(sequenceNumber: sequence, timestamp: timestamp, ssrc: key.ssrc, payloadType: 0,
                                         marker: i == 300, payloadSize: 160)
            let roll = random.next() % 100
            if roll >= 3 { out.append((arrival, fields, i < 500 ? 46 : 0)) }            // 3 % lost
            if roll == 4 { out.append((arrival, fields, 46)) }                           // duplicate
            if roll == 5, out.count >= 2 { out.swapAt(out.count - 1, out.count - 2) }   // reordered
            sequence &+= 1
            timestamp &+= i == 299 ? 160 * 50 : 160                                      // 1 s of silence
        }
        return out
    }

    @Test(arguments: [1, 31, 32, 33, 1000, 4321])
    func batchedFiguresEqualPacketByPacket(count: Int) {
        let specs = JitterBufferSpec.defaultSet
        var state = StreamState(ordinal: 0, statistics: RTPStreamStatistics(key: key, timeOrigin: .zero),
                                buffers: JitterBufferBank(specs: specs), callID: nil, discovery: .sdp, encrypted: false)
        var statistics = RTPStreamStatistics(key: key, timeOrigin: .zero)
        var bank = JitterBufferBank(specs: specs)
        for (arrival, fields, dscp) in packets(count: count, seed: UInt64(count)) {
            state.observe(arrival: arrival, packet: fields, packetSize: 172, dscp: dscp, telephoneEvent: nil)
            statistics.observe(arrival: arrival, packet: fields, packetSize: 172, dscp: dscp)
            bank.feed(JitterBufferPacket(arrivalNanoseconds: arrival.nanoseconds, rtpTimestamp: fields.timestamp,
                                         sequence: fields.sequenceNumber, marker: fields.marker, payloadType: 0, clockRate: 8000))
        }
        #expect(state.pendingCount == packets(count: count, seed: UInt64(count)).count % StreamState.batchSize)
        state.applyPending()
        #expect(state.pendingCount == 0)
        #expect(String(reflecting: state.statistics.summary()) == String(reflecting: statistics.summary()))
        #expect(state.statistics.packets == statistics.packets)
        #expect(state.buffers.finish() == bank.finish())
    }

    @Test func streamTableFindsEveryKeyAndNothingElse() {
        var table = StreamIndexTable()
        var random = SplitMix64(state: 99)
        var keys: [RTPStreamKey] = []
        var seen = Set<RTPStreamKey>()
        while keys.count < 5000 {
            let v6 = random.next() % 4 == 0
            func address() -> IPAddress {
                v6 ? IPAddress(ipv6: UInt128(random.next()) << 64 | UInt128(random.next() % 16))
                   : IPAddress(ipv4: 0x0A00_0000 | UInt32(random.next() % 256))
            }
            let key = RTPStreamKey(source: Endpoint(address(), UInt16(random.next() % 4 + 10_000)),
                                   destination: Endpoint(address(), 20_000), ssrc: UInt32(random.next() % 64))
            guard seen.insert(key).inserted else { continue }
            #expect(table.position(of: key) == nil)
            table.append(key)
            keys.append(key)
        }
        #expect(table.count == keys.count)
        for (position, key) in keys.enumerated() { #expect(table.position(of: key) == position) }
        // Same address bits as an IPv4 key but IPv6: a different stream.
        let v4 = keys.first { !$0.source.address.isIPv6 && !$0.destination.address.isIPv6 }
        if let v4 {
            let twin = RTPStreamKey(source: Endpoint(IPAddress(ipv6: v4.source.address.bits), v4.source.port),
                                    destination: v4.destination, ssrc: v4.ssrc)
            #expect(table.position(of: twin) == nil)
        }
    }

    /// A batch slot keeps everything the statistics read back (32 bytes; the SSRC is the stream's).
    @Test func pendingPacketRoundTrip() {
        #expect(MemoryLayout<PendingPacket>.stride == 32)
        let events: [TelephoneEventPayload?] = [nil, TelephoneEventPayload(event: 11, isEnd: true, volume: 63, duration: 65_535),
                                                 TelephoneEventPayload(event: 0, isEnd: false, volume: 0, duration: 0)]
        for (i, event) in events.enumerated() {
            for dscp in [nil, 0, 46, 63] as [UInt8?] {
                let fields = RTPPacketFields(sequenceNumber: UInt16(65_535 - i), timestamp: 4_294_967_295 - UInt32(i), ssrc: 0xDEAD_BEEF,
                                             payloadType: UInt8(127 - i), marker: i % 2 == 0, payloadSize: 65_000 + i)
                let arrival = Timestamp(nanoseconds: -1_234_567_890_123 * Int64(i + 1))
                let slot = PendingPacket(arrival: arrival, fields: fields, packetSize: 65_507, dscp: dscp, telephoneEvent: event)
                #expect(slot.arrival == arrival && slot.packetSize == 65_507 && slot.dscp == dscp && slot.telephoneEvent == event)
                #expect(slot.fields(ssrc: 0xDEAD_BEEF) == fields)
            }
        }
    }
}
