import Testing
import NetReassembly
import WireCore

@Suite("TCPStreamReassembler: gaps, caps, close and eviction")
struct TCPStreamLifetimeTests {
    @Test func holeIsSkippedAfterTheGapTimeout() {
        var reassembler = TCPStreamReassembler()  // gap timeout 3 s
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<10), time: seconds(10)), into: &recorder)
        reassembler.add(TestSegment(sequence: 20, payload: bytes(20..<30), time: seconds(10)), into: &recorder)
        reassembler.add(TestSegment(sequence: 30, payload: bytes(30..<40), time: seconds(12.9)), into: &recorder)
        #expect(recorder.gapCount == 0)
        reassembler.evictExpired(now: seconds(13)) { recorder.record($0) }
        // 10..<20 never came: a 10-byte gap, then 20..<40 with their own arrival times.
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .gap(10), .data(bytes(20..<30)), .data(bytes(30..<40))])
        #expect(recorder.events.map(\.time) == [seconds(10), seconds(13), seconds(10), seconds(12.9)])
        #expect(reassembler.statistics.gapsForcedByTimeout == 1 && reassembler.statistics.gapBytes == 10)
        // The stream goes on after the gap; the late segment is old now.
        reassembler.add(TestSegment(sequence: 10, payload: bytes(10..<20), time: seconds(14)), into: &recorder)
        reassembler.add(TestSegment(sequence: 40, payload: bytes(40..<45), time: seconds(14)), into: &recorder)
        #expect(recorder.events(for: upstream).last == .data(bytes(40..<45)))
        #expect(reassembler.statistics.retransmittedSegments == 1)
    }

    @Test func laterSegmentOnTheSameStreamAlsoTriggersTheGapTimeout() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<10), time: seconds(0)), into: &recorder)
        reassembler.add(TestSegment(sequence: 20, payload: bytes(20..<30), time: seconds(0)), into: &recorder)
        reassembler.add(TestSegment(sequence: 30, payload: bytes(30..<35), time: seconds(3.5)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .gap(10), .data(bytes(20..<30)), .data(bytes(30..<35))])
    }

    @Test func perStreamBufferCapForcesTheGap() {
        // Room for two 100-byte segments: 2 × (100 + 64) = 328.
        var reassembler = TCPStreamReassembler.with { $0.maxBufferedBytesPerStream = 328 }
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<100)), into: &recorder)
        reassembler.add(TestSegment(sequence: 200, payload: bytes(200..<300)), into: &recorder)
        reassembler.add(TestSegment(sequence: 400, payload: bytes(400..<500)), into: &recorder)
        #expect(recorder.gapCount == 0)
        reassembler.add(TestSegment(sequence: 600, payload: bytes(600..<700)), into: &recorder)
        // Third buffered segment: skip 100..<200, deliver 200..<300; 400 and 600 fit again (328 bytes).
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<100)), .gap(100), .data(bytes(200..<300))])
        #expect(reassembler.bufferedBytes == 328)
        #expect(reassembler.statistics.gapsForcedByCap == 1)
    }

    @Test func totalBufferCapIsSharedAcrossStreams() {
        var reassembler = TCPStreamReassembler.with { $0.maxBufferedBytesTotal = 300 }
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(flow: upstream, sequence: 0, payload: bytes(0..<1)), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 0, payload: bytes(0..<1)), into: &recorder)
        reassembler.add(TestSegment(flow: upstream, sequence: 10, payload: bytes(10..<110)), into: &recorder)   // 164 held
        reassembler.add(TestSegment(flow: downstream, sequence: 10, payload: bytes(10..<110)), into: &recorder) // 328 > 300
        // The stream that crossed the cap skips its own hole.
        #expect(recorder.events(for: downstream) == [.data(bytes(0..<1)), .gap(9), .data(bytes(10..<110))])
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<1))])
        #expect(reassembler.bufferedBytes == 164)
    }

    @Test func finClosesAfterTheLastByte() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<10)), into: &recorder)
        // FIN with data arrives before the segment before it.
        reassembler.add(TestSegment(sequence: 20, flags: .fin, payload: bytes(20..<25)), into: &recorder)
        #expect(reassembler.streamCount == 1)
        reassembler.add(TestSegment(sequence: 10, payload: bytes(10..<20)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .data(bytes(10..<20)), .data(bytes(20..<25)), .closed(.fin)])
        #expect(reassembler.streamCount == 0)
        #expect(reassembler.statistics.closures[.fin] == 1)
    }

    @Test func finAfterAMissingTailClosesOnTimeout() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<10), time: seconds(0)), into: &recorder)
        reassembler.add(TestSegment(sequence: 15, flags: .fin, time: seconds(0)), into: &recorder)  // bytes 10..<15 lost
        reassembler.evictExpired(now: seconds(3)) { recorder.record($0) }
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .gap(5), .closed(.fin)])
    }

    @Test func resetClosesBothDirectionsAndFlushesBufferedData() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(flow: upstream, sequence: 0, payload: bytes(0..<10)), into: &recorder)
        reassembler.add(TestSegment(flow: upstream, sequence: 20, payload: bytes(20..<30)), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 0, payload: bytes(0..<3)), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 3, flags: .rst), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .gap(10), .data(bytes(20..<30)), .closed(.reset)])
        #expect(recorder.events(for: downstream) == [.data(bytes(0..<3)), .closed(.reset)])
        #expect(reassembler.streamCount == 0 && reassembler.bufferedBytes == 0)
        #expect(reassembler.statistics.closures[.reset] == 2 && reassembler.statistics.gapsAtClose == 1)
    }

    @Test func idleStreamIsEvictedByCaptureTime() {
        var reassembler = TCPStreamReassembler()  // idle timeout 120 s
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(flow: upstream, sequence: 0, payload: bytes(0..<10), time: seconds(0)), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 0, payload: bytes(0..<10), time: seconds(100)), into: &recorder)
        reassembler.evictExpired(now: seconds(119.999)) { recorder.record($0) }
        #expect(reassembler.streamCount == 2)
        reassembler.evictExpired(now: seconds(120)) { recorder.record($0) }
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .closed(.idleTimeout)])
        #expect(reassembler.streamCount == 1)
        // add sweeps by itself as capture time advances (every min(idle, gap) / 2 = 1.5 s of capture time):
        // at 221.5 s the downstream direction (last active at 100 s) has been idle for more than 120 s.
        reassembler.add(TestSegment(flow: upstream, sequence: 10, payload: bytes(10..<20), time: seconds(221.5)), into: &recorder)
        #expect(recorder.events(for: downstream).last == .closed(.idleTimeout))
        // Traffic after eviction starts a new stream mid-stream.
        #expect(recorder.events(for: upstream).last == .data(bytes(10..<20)))
        #expect(reassembler.statistics.streamsOpened == 3)
        #expect(reassembler.statistics.closures[.idleTimeout] == 2)
    }

    @Test func streamCapEvictsTheLeastRecentlyActive() {
        var reassembler = TCPStreamReassembler.with { $0.maxStreams = 2 }
        var recorder = StreamRecorder()
        let third = FlowKey(source: Endpoint(IPAddress("10.1.1.3")!, 1), destination: server, transport: .tcp)
        reassembler.add(TestSegment(flow: upstream, sequence: 0, payload: [1], time: seconds(1)), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 0, payload: [2], time: seconds(2)), into: &recorder)
        reassembler.add(TestSegment(flow: upstream, sequence: 1, payload: [3], time: seconds(3)), into: &recorder)
        reassembler.add(TestSegment(flow: third, sequence: 0, payload: [4], time: seconds(4)), into: &recorder)
        #expect(recorder.events(for: downstream) == [.data([2]), .closed(.evicted)])
        #expect(reassembler.streamCount == 2)
    }

    @Test func newSYNReplacesTheOldConnection() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 100, flags: .syn), into: &recorder)
        reassembler.add(TestSegment(sequence: 101, payload: bytes(0..<5)), into: &recorder)
        reassembler.add(TestSegment(sequence: 100, flags: .syn), into: &recorder)  // retransmitted SYN: same ISN
        reassembler.add(TestSegment(sequence: 7000, flags: .syn), into: &recorder)
        reassembler.add(TestSegment(sequence: 7001, payload: bytes(5..<8)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<5)), .closed(.replaced), .data(bytes(5..<8))])
    }

    @Test func finishFlushesEverything() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(flow: upstream, sequence: 0, payload: bytes(0..<4)), into: &recorder)
        reassembler.add(TestSegment(flow: upstream, sequence: 8, payload: bytes(8..<12)), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 0, payload: bytes(0..<4)), into: &recorder)
        reassembler.finish(at: seconds(1)) { recorder.record($0) }
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<4)), .gap(4), .data(bytes(8..<12)), .closed(.endOfCapture)])
        #expect(recorder.events(for: downstream) == [.data(bytes(0..<4)), .closed(.endOfCapture)])
        #expect(reassembler.streamCount == 0 && reassembler.bufferedBytes == 0)
    }
}
