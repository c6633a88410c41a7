import PcapIngest
import Testing
import TestSupport
import WireCore

/// Property: a capture cut at any byte delivers exactly the records that are complete before the cut, and is
/// flagged truncated unless the cut falls on a record boundary; a cut inside the file header is an open error.
@Suite("Captures cut at every byte")
struct CutAtEveryByteTests {
    @Test(arguments: [ByteOrder.littleEndian, .bigEndian])
    func classicPcap(order: ByteOrder) throws {
        var writer = PcapWriter(precision: .nanoseconds, byteOrder: order)
        for index in 0..<3 { writer.append(frame(index, length: 20), at: at(Int64(index))) }
        // Record ends: 24-byte file header, then 16-byte record headers + 20, 21, 22 data bytes.
        let recordEnds = [24 + 36, 24 + 36 + 37, 24 + 36 + 37 + 38]
        #expect(recordEnds.last == writer.bytes.count)
        for length in 0...writer.bytes.count {
            let bytes = Array(writer.bytes.prefix(length))
            let path = try writeTemporaryFile(bytes: bytes)
            defer { removeTemporaryFile(path) }
            if length < 24 {
                #expect(openError(path: path)?.kind == (length == 0 ? .emptyFile : .corruptHeader), "cut at \(length)")
                continue
            }
            let (packets, summary) = try readAll(paths: [path])
            let complete = recordEnds.filter { $0 <= length }.count
            #expect(packets.count == complete, "cut at \(length)")
            #expect(packets.map(\.bytes) == (0..<complete).map { frame($0, length: 20) }, "cut at \(length)")
            let onBoundary = length == 24 || recordEnds.contains(length)
            #expect(summary[0].truncated == !onBoundary, "cut at \(length): \(summary[0].end)")
        }
    }

    @Test(arguments: [ByteOrder.littleEndian, .bigEndian])
    func pcapng(order: ByteOrder) throws {
        var writer = PcapngWriter(byteOrder: order)
        let headerEnd = writer.bytes.count
        writer.addInterface(linkType: LinkTypeNumber.ethernet, resolution: .nanoseconds)
        let interfaceEnd = writer.bytes.count
        for index in 0..<3 { writer.appendEnhancedPacket(interface: 0, at: at(Int64(index)), frame: frame(index, length: 20)) }
        let blockEnds = writer.packetBlockOffsets.dropFirst() + [writer.bytes.count]
        for length in 0...writer.bytes.count {
            let path = try writeTemporaryFile(bytes: Array(writer.bytes.prefix(length)), name: "cut.pcapng")
            defer { removeTemporaryFile(path) }
            if length < headerEnd {
                #expect(openError(path: path)?.kind == (length == 0 ? .emptyFile : .corruptHeader), "cut at \(length)")
                continue
            }
            let (packets, summary) = try readAll(paths: [path])
            let complete = blockEnds.filter { $0 <= length }.count
            #expect(packets.map(\.bytes) == (0..<complete).map { frame($0, length: 20) }, "cut at \(length)")
            let onBoundary = length == headerEnd || length == interfaceEnd || blockEnds.contains(length)
            #expect(summary[0].truncated == !onBoundary, "cut at \(length): \(summary[0].end)")
            #expect(summary[0].end.isCorrupt == false, "cut at \(length): \(summary[0].end)")
        }
    }
}
