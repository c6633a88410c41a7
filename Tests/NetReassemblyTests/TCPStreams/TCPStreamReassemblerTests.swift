import Testing
import NetReassembly
import WireCore

@Suite("TCPStreamReassembler: ordering, retransmission, overlap")
struct TCPStreamOrderingTests {
    let isn: UInt32 = 1000  // data starts at 1001: the SYN takes one sequence number

    @Test func synThenInOrderData() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: isn, flags: .syn), into: &recorder)
        reassembler.add(TestSegment(sequence: 1001, payload: bytes(0..<100)), into: &recorder)
        reassembler.add(TestSegment(sequence: 1101, payload: bytes(100..<150)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<100)), .data(bytes(100..<150))])
        #expect(reassembler.statistics.bytesDelivered == 150)
        #expect(reassembler.streamCount == 1)
    }

    @Test func dataOnTheSYNItselfIsDelivered() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: isn, flags: .syn, payload: bytes(0..<10)), into: &recorder)
        reassembler.add(TestSegment(sequence: 1011, payload: bytes(10..<20)), into: &recorder)
        #expect(recorder.bytes(for: upstream) == bytes(0..<20))
    }

    @Test func midStreamStartAtFirstDataSegment() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        // A bare ACK (keep-alive style, one before the data) does not start the stream.
        reassembler.add(TestSegment(sequence: 4999), into: &recorder)
        #expect(reassembler.streamCount == 0)
        reassembler.add(TestSegment(sequence: 5000, payload: bytes(0..<30)), into: &recorder)
        reassembler.add(TestSegment(sequence: 5030, payload: bytes(30..<40)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<30)), .data(bytes(30..<40))])
        #expect(reassembler.statistics.streamsOpened == 1)
    }

    @Test func retransmissionIsDroppedAndKeepAliveIgnored() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 1, payload: bytes(0..<50)), into: &recorder)
        reassembler.add(TestSegment(sequence: 1, payload: bytes(0..<50)), into: &recorder)
        // Keep-alive: one garbage byte at next - 1.
        reassembler.add(TestSegment(sequence: 50, payload: [0]), into: &recorder)
        reassembler.add(TestSegment(sequence: 51, payload: bytes(50..<60)), into: &recorder)
        #expect(recorder.bytes(for: upstream) == bytes(0..<60))
        #expect(reassembler.statistics.retransmittedSegments == 2)
        #expect(reassembler.statistics.duplicateBytes == 51)
    }

    @Test func coalescedRetransmissionDeliversOnlyTheNewTail() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<100)), into: &recorder)
        reassembler.add(TestSegment(sequence: 100, payload: bytes(100..<200)), into: &recorder)
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<300)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<100)), .data(bytes(100..<200)), .data(bytes(200..<300))])
        #expect(reassembler.statistics.duplicateBytes == 200)
    }

    @Test func firstCopyWinsOnOverlap() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<10)), into: &recorder)
        // Overlap with different bytes for 5..<10: the delivered ones stay.
        reassembler.add(TestSegment(sequence: 5, payload: Array(repeating: 0xEE, count: 5) + bytes(10..<15)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .data(bytes(10..<15))])
    }

    @Test func outOfOrderSegmentWaitsForTheHole() throws {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<10), time: seconds(1)), into: &recorder)
        reassembler.add(TestSegment(sequence: 20, payload: bytes(20..<30), time: seconds(2)), into: &recorder)
        #expect(recorder.events.count == 1)
        #expect(reassembler.bufferedBytes == 10 + TCPStreamReassembler.perSegmentOverhead)
        reassembler.add(TestSegment(sequence: 10, payload: bytes(10..<20), time: seconds(2.5)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<10)), .data(bytes(10..<20)), .data(bytes(20..<30))])
        // The buffered bytes became readable when the hole was filled, at 2.5 s.
        #expect(recorder.events.last?.time == seconds(2.5))
        #expect(reassembler.bufferedBytes == 0)
        #expect(reassembler.statistics.outOfOrderSegments == 1)
    }

    @Test func overlappingBufferedSegmentsAreTrimmed() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: 0, payload: bytes(0..<5)), into: &recorder)
        reassembler.add(TestSegment(sequence: 25, payload: bytes(25..<40)), into: &recorder)
        reassembler.add(TestSegment(sequence: 20, payload: bytes(20..<30)), into: &recorder)
        reassembler.add(TestSegment(sequence: 22, payload: bytes(22..<28)), into: &recorder)  // inside 20..<30: dropped
        reassembler.add(TestSegment(sequence: 5, payload: bytes(5..<20)), into: &recorder)
        #expect(recorder.events(for: upstream) == [.data(bytes(0..<5)), .data(bytes(5..<20)), .data(bytes(20..<30)), .data(bytes(30..<40))])
        #expect(reassembler.statistics.retransmittedSegments == 1)
    }

    @Test func inOrderDataIsPassedThroughWithoutCopy() {
        var reassembler = TCPStreamReassembler()
        let payload = bytes(0..<64)
        var deliveredAddress: UnsafeRawPointer?
        var inputAddress: UnsafeRawPointer?
        payload.withUnsafeBytes { buffer in
            inputAddress = buffer.baseAddress
            reassembler.add(TCPSegmentInput(flow: upstream, sequence: 7, payload: buffer, time: .zero)) { event in
                if case .data(let bytes) = event.kind { deliveredAddress = bytes.baseAddress }
            }
        }
        #expect(deliveredAddress != nil && deliveredAddress == inputAddress)
    }

    @Test func directionsAreIndependent() {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(flow: upstream, sequence: 100, flags: .syn), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 900, flags: [.syn]), into: &recorder)
        reassembler.add(TestSegment(flow: downstream, sequence: 901, payload: bytes(0..<5)), into: &recorder)
        reassembler.add(TestSegment(flow: upstream, sequence: 101, payload: bytes(5..<9)), into: &recorder)
        #expect(recorder.bytes(for: upstream) == bytes(5..<9))
        #expect(recorder.bytes(for: downstream) == bytes(0..<5))
        #expect(reassembler.streamCount == 2)
    }
}

@Suite("TCPStreamReassembler: sequence wrap at 2^32")
struct TCPSequenceWrapTests {
    @Test(arguments: [UInt32.max - 10, UInt32.max, UInt32.max - 1499])
    func streamAcrossTheWrap(isn: UInt32) {
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: isn, flags: .syn), into: &recorder)
        let data = bytes(0..<3000)
        // Segments of 500 bytes; the first data byte is isn + 1 (mod 2^32). Fed in the order 1, 0, 3, 2, 5, 4.
        let segments = stride(from: 0, to: 3000, by: 500).map { offset in
            TestSegment(sequence: isn &+ 1 &+ UInt32(offset), payload: Array(data[offset..<(offset + 500)]))
        }
        for index in [1, 0, 3, 2, 5, 4] { reassembler.add(segments[index], into: &recorder) }
        #expect(recorder.bytes(for: upstream) == data)
        #expect(recorder.gapCount == 0)
        // A retransmission of the first segment after the wrap is still recognised as old.
        reassembler.add(segments[0], into: &recorder)
        #expect(reassembler.statistics.retransmittedSegments == 1)
    }
}
