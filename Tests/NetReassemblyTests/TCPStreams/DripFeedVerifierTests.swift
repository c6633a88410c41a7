import TestSupport
import Testing
import NetReassembly
import WireCore

/// The delivered byte stream must be identical however the stream is cut into segments, reordered,
/// duplicated or re-segmented on retransmission, as long as no byte is lost (style rule 7).
@Suite("TCPStreamReassembler drip-feed verifier")
struct DripFeedVerifierTests {
    /// A SIP-like stream: several messages back to back.
    static let stream: [UInt8] = {
        var text = ""
        for i in 0..<20 {
            let body = String(repeating: "v=0 line \(i)\r\n", count: i % 5)
            text += "OPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: \(i)@x\r\nCSeq: \(i) OPTIONS\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        }
        return Array(text.utf8)
    }()

    /// Random cut points: pieces of 1 ... maxPiece bytes.
    static func cut(_ count: Int, maxPiece: Int, rng: inout SplitMix64) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var offset = 0
        while offset < count {
            let length = Int.random(in: 1...maxPiece, using: &rng)
            pieces.append(offset..<min(count, offset + length))
            offset = min(count, offset + length)
        }
        return pieces
    }

    @Test(arguments: 0..<40)
    func anySegmentationAndOrderGivesTheSameBytes(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 0x1234_5678_9ABC)
        let data = Self.stream
        // ISNs near the wrap for a third of the seeds.
        let isn: UInt32 = seed % 3 == 0 ? UInt32.max &- UInt32.random(in: 0...2000, using: &rng) : UInt32.random(in: 0...UInt32.max, using: &rng)
        let maxPiece = [1, 7, 64, 1460][seed % 4]
        var segments = Self.cut(data.count, maxPiece: maxPiece, rng: &rng).map { range in
            TestSegment(sequence: isn &+ 1 &+ UInt32(range.lowerBound), payload: Array(data[range]))
        }
        // Retransmissions re-cut differently (coalesced / split), then a local shuffle (reordering within a window).
        let retransmitted = Self.cut(data.count, maxPiece: maxPiece * 3, rng: &rng).filter { _ in Bool.random(using: &rng) && Bool.random(using: &rng) }
        segments += retransmitted.map { TestSegment(sequence: isn &+ 1 &+ UInt32($0.lowerBound), payload: Array(data[$0])) }
        segments.sort { $0.sequence &- isn < $1.sequence &- isn }
        for index in segments.indices {
            let swapWith = min(segments.count - 1, index + Int.random(in: 0...8, using: &rng))
            segments.swapAt(index, swapWith)
        }
        var reassembler = TCPStreamReassembler()
        var recorder = StreamRecorder()
        reassembler.add(TestSegment(sequence: isn, flags: .syn), into: &recorder)
        for segment in segments { reassembler.add(segment, into: &recorder) }
        reassembler.add(TestSegment(sequence: isn &+ 1 &+ UInt32(data.count), flags: .fin), into: &recorder)
        #expect(recorder.gapCount == 0)
        // Report the first differing offset instead of dumping kilobytes.
        let delivered = recorder.bytes(for: upstream)
        #expect(delivered.count == data.count)
        #expect(delivered.indices.first { $0 >= data.count || delivered[$0] != data[$0] } == nil)
        #expect(recorder.events(for: upstream).last == .closed(.fin))
        #expect(reassembler.statistics.bytesDelivered == data.count)
        #expect(reassembler.bufferedBytes == 0 && reassembler.streamCount == 0)
    }
}
