import Testing
@testable import QualityModel
import TestSupport

/// A bank computes the packet-only part (placement, timestamps, transit, talkspurts) once for all its
/// buffers: each buffer's outcome must be exactly what that buffer gives when simulated alone.
@Suite struct JitterBufferBankTests {
    /// Every algorithm and option, so each decision path shares the one timeline.
    static let specs = ["fixed:50", "fixed:200", "fixed-reanchor:40", "fixed:60,cap=62", "fixed-reanchor:30,cap=40", "neteq:max=500,continuous",
                        "neteq", "asterisk", "asterisk:adapt=continuous", "ideal"]

    /// A rough stream: jitter with spikes, loss, duplicates, reordering, talkspurt gaps (some with the
    /// marker bit), a sender timestamp reset, a sequence restart, and long enough to slide the window.
    static func roughStream(seed: UInt64, count: Int) -> [JitterBufferPacket] {
        var random = SplitMix64(state: seed)
        var planned: [(arrival: Double, packet: JitterBufferPacket)] = []
        var sequence: UInt16 = UInt16.random(in: 0 ... .max, using: &random)
        var timestamp: UInt32 = UInt32.random(in: 0 ... .max, using: &random)
        var mediaMs = 0.0
        for i in 0 ..< count {
            var marker = false
            if i > 0 && i % 250 == 0 {   // silence, sometimes flagged with the marker bit
                let frames = UInt32.random(in: 2 ... 40, using: &random)
                timestamp &+= 160 * frames
                mediaMs += 20 * Double(frames)
                marker = Bool.random(using: &random)
            }
            if i == count / 2 { timestamp &+= 900_000_000 }        // sender timestamp reset
            if i == 3 * count / 4 { sequence &+= 20_000 }          // sender restart
            var delay = Double.random(in: 0 ... 30, using: &random)
            if Int.random(in: 0 ..< 40, using: &random) == 0 { delay += Double.random(in: 50 ... 400, using: &random) }
            let arrival = 1_000 + mediaMs + delay
            let packet = JitterBufferPacket(arrivalMs: arrival, rtpTimestamp: timestamp, sequence: sequence,
                                            marker: marker, payloadType: 0, clockRate: 8000)
            if Int.random(in: 0 ..< 50, using: &random) != 0 { planned.append((arrival, packet)) }   // 2 % lost
            if Int.random(in: 0 ..< 100, using: &random) == 0 {                                              // 1 % duplicated
                planned.append((arrival + Double.random(in: 0 ... 100, using: &random), packet))
            }
            sequence &+= 1
            timestamp &+= 160
            mediaMs += 20
        }
        return planned.sorted { $0.arrival < $1.arrival }.map(\.packet)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func bankEqualsEachBufferAlone(seed: UInt64) throws {
        let specs = try Self.specs.map { try JitterBufferSpec(parsing: $0) }
        let packets = Self.roughStream(seed: seed, count: 5_000)
        var bank = JitterBufferBank(specs: specs)
        for packet in packets { bank.feed(packet) }
        let together = bank.finish()
        let alone = specs.map { JitterBufferSimulator.run($0, packets: packets) }
        #expect(together.count == specs.count)
        for (shared, single) in zip(together, alone) {
            #expect(shared == single, "\(single.name)")
        }
        // The stream really exercises the shared paths.
        let reference = alone[0]
        #expect(reference.duplicates > 0 && reference.networkLost > 0 && reference.timestampResets == 1)
        #expect(reference.sequenceResets == 1 && reference.talkspurts > 10)
        #expect(alone.contains { $0.discardedLate > 0 } && alone.contains { $0.discardedOverflow > 0 })
    }

    /// Per-packet fates from a one-buffer simulator follow the same shared timeline.
    @Test func simulatorReportsFatesOfItsOnlyBuffer() throws {
        var simulator = JitterBufferSimulator(spec: try JitterBufferSpec(parsing: "fixed:40"))
        let first = JitterBufferPacket(arrivalMs: 0, rtpTimestamp: 0, sequence: 10, clockRate: 8000)
        #expect(simulator.feed(first) == .played(waitMs: 40))
        #expect(simulator.feed(first) == .duplicate)
        #expect(simulator.feed(JitterBufferPacket(arrivalMs: 75, rtpTimestamp: 160, sequence: 11, clockRate: 8000)) == .discardedLate)
        #expect(simulator.feed(JitterBufferPacket(arrivalMs: 45, rtpTimestamp: 320, sequence: 12, clockRate: 8000)) == .played(waitMs: 35))
        #expect(simulator.feed(JitterBufferPacket(arrivalMs: 46, rtpTimestamp: 480, sequence: 13, clockRate: 0)) == .invalid)
        let outcome = simulator.finish()
        #expect(outcome.played == 2 && outcome.discardedLate == 1 && outcome.duplicates == 1 && outcome.invalidPackets == 1)
    }
}

/// Histogram bins round without libm: the same as `Int(x.rounded())` clamped, halves and near-halves included.
@Suite struct RoundedIndexTests {
    static func reference(_ x: Double, _ lower: Int, _ upper: Int) -> Int {
        Int(min(Double(upper), max(Double(lower), x.rounded())))
    }

    @Test func matchesRoundingThenClamping() {
        let nearHalf = 0.5.nextDown   // 0.49999999999999994: adding ½ rounds up to 1.0
        var values: [Double] = [0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, nearHalf, -nearHalf, 1.5.nextDown, 1.5.nextUp,
                                -1.5.nextDown, 4999.5, 5000.49, 5000.5, 1e300, -1e300, 7999.5, -2000.5, -2000.49]
        var random = SplitMix64(state: 42)
        for _ in 0 ..< 20_000 {
            let whole = Double(Int.random(in: -3000 ... 9000, using: &random))
            values.append(whole + Double.random(in: -1 ... 1, using: &random))
            values.append(whole + 0.5)
        }
        for x in values {
            #expect(roundedIndex(x, lowerBound: 0, upperBound: 5000) == Self.reference(x, 0, 5000), "\(x)")
            #expect(roundedIndex(x, lowerBound: -2000, upperBound: 7999) == Self.reference(x, -2000, 7999), "\(x)")
        }
    }
}

extension JitterBufferBankTests {
    /// Past 32 buffers the fates go to the window one by one: still each buffer's own outcome.
    @Test func moreThanThirtyTwoBuffers() throws {
        let specs = try (1 ... 40).map { try JitterBufferSpec(parsing: $0 % 2 == 0 ? "fixed:\($0 * 5)" : "fixed-reanchor:\($0 * 3)") }
        let packets = Self.roughStream(seed: 9, count: 3_000)
        var bank = JitterBufferBank(specs: specs)
        for packet in packets { bank.feed(packet) }
        let together = bank.finish()
        for (shared, spec) in zip(together, specs) {
            #expect(shared == JitterBufferSimulator.run(spec, packets: packets), "\(spec.text)")
        }
        #expect(Set(together.map(\.discardedLate)).count > 5)
    }

    /// Banks whose lane count divides 32 keep a packet's fates as one bit field (written and finalized at once);
    /// other sizes go lane by lane. The same buffers give the same outcomes either way.
    @Test(arguments: [2, 4, 8, 16, 32])
    func slotAtOnceEqualsLaneByLane(lanes: Int) throws {
        let specs = try (0 ..< lanes + 1).map { try JitterBufferSpec(parsing: Self.specs[$0 % Self.specs.count]) }
        let packets = Self.roughStream(seed: UInt64(lanes), count: 4_000)
        var slotAtOnce = JitterBufferBank(specs: Array(specs.prefix(lanes)))
        var laneByLane = JitterBufferBank(specs: specs)   // one more lane: not a divisor of 32
        for packet in packets { slotAtOnce.feed(packet); laneByLane.feed(packet) }
        let fast = slotAtOnce.finish(), reference = laneByLane.finish()
        #expect(fast == Array(reference.prefix(lanes)))
        #expect(fast.contains { $0.networkLost > 0 } && fast.contains { $0.discardedLate > 0 })
    }
}
