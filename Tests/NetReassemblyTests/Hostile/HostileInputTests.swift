import TestSupport
import Testing
import NetReassembly
import WireCore

/// Random garbage with small caps: nothing may crash and every cap must hold after every call.
@Suite("Hostile input keeps reassembly memory bounded")
struct HostileInputTests {
    @Test(arguments: 0..<8)
    func randomFragmentsNeverExceedTheCaps(seed: Int) {
        var rng = SplitMix64(state: UInt64(seed) &+ 77)
        var limits = IPDefragmenter.Limits()
        limits.maxDatagramsInFlight = 16
        limits.maxBytesInFlight = 4_096
        limits.maxFragmentsPerDatagram = 8
        limits.overlapPolicy = seed % 2 == 0 ? .discardDatagram : .firstWins
        var defrag = IPDefragmenter(limits: limits)
        let source = IPAddress("203.0.113.1")!
        var time: Int64 = 0
        var completed = 0
        var peakBytes = 0, peakDatagrams = 0
        for _ in 0..<3_000 {
            time += Int64.random(in: 0...50_000_000, using: &rng)  // up to 50 ms between packets
            let key = IPFragmentKey(source: source, destination: source, identification: UInt32.random(in: 0..<40, using: &rng),
                                    protocolNumber: 17)
            let offset = Int.random(in: 0..<16, using: &rng) * 8 + (Int.random(in: 0..<20, using: &rng) == 0 ? 3 : 0)
            let payload = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let result = payload.withUnsafeBytes {
                defrag.add(IPFragment(key: key, offset: offset, moreFragments: Bool.random(using: &rng), payload: $0),
                           at: Timestamp(nanoseconds: time))
            }
            if case .complete(let datagram) = result {
                completed += 1
                #expect(datagram.fragmentCount <= 8)
            }
            peakBytes = max(peakBytes, defrag.bytesInFlight)
            peakDatagrams = max(peakDatagrams, defrag.datagramsInFlight)
        }
        #expect(peakBytes <= 4_096 && peakDatagrams <= 16)
        #expect(peakBytes > 0)
        defrag.flush()
        #expect(defrag.bytesInFlight == 0 && defrag.datagramsInFlight == 0)
        #expect(defrag.statistics.fragmentsReceived == 3_000)
        #expect(defrag.statistics.datagramsReassembled == completed)
    }

    @Test(arguments: 0..<8)
    func randomSegmentsNeverExceedTheCaps(seed: Int) {
        var rng = SplitMix64(state: UInt64(seed) &+ 1_000)
        var reassembler = TCPStreamReassembler.with {
            $0.maxStreams = 8
            $0.maxBufferedBytesPerStream = 2_000
            $0.maxBufferedBytesTotal = 6_000
        }
        let server = Endpoint(IPAddress("203.0.113.9")!, 5060)
        var time: Int64 = 0
        var closedFlows = 0
        var peakBuffered = 0, peakStreams = 0
        for _ in 0..<3_000 {
            time += Int64.random(in: 0...200_000_000, using: &rng)
            let client = Endpoint(IPAddress(ipv4: 0xCB00_7100 | UInt32.random(in: 1...12, using: &rng)), 40000)
            let flow = Bool.random(using: &rng) ? FlowKey(source: client, destination: server, transport: .tcp)
                                                : FlowKey(source: server, destination: client, transport: .tcp)
            // Sequence numbers clustered near a base (so streams progress) with occasional wild values.
            let sequence = Int.random(in: 0..<10, using: &rng) == 0 ? UInt32.random(in: 0...UInt32.max, using: &rng)
                                                                   : UInt32.max &- 3_000 &+ UInt32.random(in: 0...6_000, using: &rng)
            var flags: TCPControlFlags = []
            if Int.random(in: 0..<30, using: &rng) == 0 { flags.insert(.syn) }
            if Int.random(in: 0..<40, using: &rng) == 0 { flags.insert(.fin) }
            if Int.random(in: 0..<60, using: &rng) == 0 { flags.insert(.rst) }
            let payload = (0..<Int.random(in: 0...300, using: &rng)).map { UInt8(truncatingIfNeeded: $0) }
            payload.withUnsafeBytes { bytes in
                reassembler.add(TCPSegmentInput(flow: flow, sequence: sequence, flags: flags, payload: bytes, time: Timestamp(nanoseconds: time))) { event in
                    if case .closed = event.kind { closedFlows += 1 }
                }
            }
            // One segment (300 + 64) may sit above the total cap until its own stream skips its holes.
            peakBuffered = max(peakBuffered, reassembler.bufferedBytes)
            peakStreams = max(peakStreams, reassembler.streamCount)
        }
        #expect(peakBuffered <= 6_000 + 364 && peakStreams <= 8)
        #expect(reassembler.statistics.gaps > 0)
        reassembler.finish(at: Timestamp(nanoseconds: time)) { event in if case .closed = event.kind { closedFlows += 1 } }
        #expect(reassembler.bufferedBytes == 0 && reassembler.streamCount == 0)
        #expect(closedFlows == reassembler.statistics.streamsOpened)
    }
}
