import PcapIngest
import Testing
import TestSupport
import WireCore

@Suite("CaptureSet: several files merged in timestamp order")
struct CaptureSetMergeTests {
    /// A classic ns pcap with one packet at each of `milliseconds`, frames tagged `tag + i`.
    func classicFile(_ milliseconds: [Int64], tag: Int, linkType: UInt32 = LinkTypeNumber.ethernet) throws -> String {
        var writer = PcapWriter(linkType: linkType, precision: .nanoseconds)
        for (i, ms) in milliseconds.enumerated() { writer.append(frame(tag + i), at: at(ms)) }
        return try writeTemporaryFile(bytes: writer.bytes, name: "file\(tag).pcap")
    }

    func pcapngFile(_ milliseconds: [Int64], tag: Int) throws -> String {
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.raw, resolution: .nanoseconds)
        for (i, ms) in milliseconds.enumerated() { writer.appendEnhancedPacket(interface: 0, at: at(ms), frame: frame(tag + i)) }
        return try writeTemporaryFile(bytes: writer.bytes, name: "file\(tag).pcapng")
    }

    @Test func threeInterleavedFilesAreMergedStrictlyByTime() throws {
        // A: 0 30 60 90, B (pcapng): 10 40 70, C: 20 50 55 100 → merged 0 10 20 30 40 50 55 60 70 90 100.
        let a = try classicFile([0, 30, 60, 90], tag: 0)
        let b = try pcapngFile([10, 40, 70], tag: 10)
        let c = try classicFile([20, 50, 55, 100], tag: 20, linkType: LinkTypeNumber.linuxSLL)
        let (packets, summaries) = try readAll(paths: [a, b, c])
        #expect(packets.map(\.record.timestamp) == [0, 10, 20, 30, 40, 50, 55, 60, 70, 90, 100].map(at))
        #expect(packets.map(\.record.fileIndex) == [0, 1, 2, 0, 1, 2, 2, 0, 1, 0, 2])
        #expect(packets.map(\.record.packetNumber) == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4])
        #expect(packets.map(\.bytes) == [0, 10, 20, 1, 11, 21, 22, 2, 12, 3, 23].map { frame($0) })
        #expect(packets.map(\.record.linkType) == [.ethernet, .raw, .linuxSLL, .ethernet, .raw, .linuxSLL, .linuxSLL,
                                                   .ethernet, .raw, .ethernet, .linuxSLL])
        #expect(summaries.map(\.path) == [a, b, c])
        #expect(summaries.map(\.format) == [.pcap, .pcapng, .pcap])
        #expect(summaries.map(\.packets) == [4, 3, 4])
        #expect(summaries.map(\.firstPacket) == [at(0), at(10), at(20)])
        #expect(summaries.map(\.lastPacket) == [at(90), at(70), at(100)])
        #expect(summaries.map(\.linkTypes) == [[.ethernet], [.raw], [.linuxSLL]])
        #expect(summaries.allSatisfy { !$0.truncated })
        // frame(i) is 60 + i % 5 bytes: A 60+61+62+63, B 60+61+62, C 60+61+62+63.
        #expect(summaries.map(\.bytes) == [246, 183, 246])
    }

    @Test func equalTimestampsFollowFileOrder() throws {
        let a = try classicFile([5, 5], tag: 0)
        let b = try classicFile([5], tag: 10)
        let packets = try readAll(paths: [b, a]).packets
        #expect(packets.map(\.record.fileIndex) == [0, 1, 1])
        #expect(packets.map(\.bytes) == [frame(10), frame(0), frame(1)])
    }

    @Test func filesNotInTimeOrderWithinThemselvesAreStillMergedByHeads() throws {
        // A file whose own packets go back in time is delivered in file order (no global sort, bounded memory):
        // the merge compares head packets only. A: 0 50 20, B: 30 → 0 30 50 20.
        let a = try classicFile([0, 50, 20], tag: 0)
        let b = try classicFile([30], tag: 10)
        let packets = try readAll(paths: [a, b]).packets
        #expect(packets.map(\.record.timestamp) == [0, 30, 50, 20].map(at))
        let summary = try readAll(paths: [a]).summaries[0]
        #expect(summary.firstPacket == at(0) && summary.lastPacket == at(50))
    }

    @Test func emptyFileInTheSet() throws {
        let a = try classicFile([0, 10], tag: 0)
        let empty = try classicFile([], tag: 10)
        let (packets, summaries) = try readAll(paths: [empty, a])
        #expect(packets.map(\.record.fileIndex) == [1, 1])
        #expect(summaries[0].packets == 0 && summaries[0].firstPacket == nil && summaries[0].end == .endOfFile)
        #expect(summaries[1].packets == 2)
    }

    @Test func truncatedFileInTheSetDoesNotStopTheOthers() throws {
        var writer = PcapWriter(precision: .nanoseconds)
        for i in 0..<3 { writer.append(frame(i), at: at(Int64(i) * 10)) }
        let cut = try writeTemporaryFile(bytes: writer.truncated(inRecord: 1, keeping: 20), name: "cut.pcap")
        let whole = try classicFile([5, 15, 25], tag: 10)
        let (packets, summaries) = try readAll(paths: [cut, whole])
        #expect(packets.map(\.record.timestamp) == [0, 5, 15, 25].map(at))
        #expect(summaries[0].truncated && summaries[0].packets == 1)
        #expect(!summaries[1].truncated && summaries[1].packets == 3)
    }

    @Test func singleFileSetReportsTheSameAsAMerge() throws {
        let a = try classicFile([0, 10, 20], tag: 0)
        let (packets, summaries) = try readAll(paths: [a])
        #expect(packets.map(\.record.packetNumber) == [1, 2, 3])
        #expect(summaries.count == 1 && summaries[0].packets == 3 && summaries[0].lastPacket == at(20))
    }

    @Test func readingAgainDeliversNothingMore() throws {
        let set = try CaptureSet(paths: [try classicFile([0], tag: 0), try classicFile([1], tag: 1)])
        var count = 0
        set.forEachPacket { _, _ in count += 1 }
        set.forEachPacket { _, _ in count += 1 }
        #expect(count == 2 && set.summaries.map(\.packets) == [1, 1])
    }
}
