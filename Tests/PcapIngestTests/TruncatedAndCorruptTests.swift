import PcapIngest
import Testing
import TestSupport
import WireCore

@Suite("Truncated and corrupt captures: packets before the problem, then a reason")
struct TruncatedAndCorruptTests {
    /// Three 60…62-byte records; the third (index 2) is the one cut.
    func classic(_ byteOrder: ByteOrder = .littleEndian) -> PcapWriter {
        var writer = PcapWriter(precision: .nanoseconds, byteOrder: byteOrder)
        for index in 0..<3 { writer.append(frame(index), at: at(Int64(index))) }
        return writer
    }

    @Test(arguments: [1, 8, 15, 16, 17, 40, 16 + 61])
    func classicCutInsideTheLastRecord(keeping: Int) throws {
        // Keeping < 16 cuts the record header; 16…77 cuts the 62 data bytes of record 3.
        let (packets, summary) = try readAll(bytes: classic().truncated(inRecord: 2, keeping: keeping))
        #expect(packets.map(\.bytes) == [frame(0), frame(1)])
        #expect(summary.packets == 2)
        #expect(summary.truncated)
        #expect(summary.end.isTruncated, "\(summary.end)")
        #expect(summary.end.detail.contains("truncated"))
        #expect(summary.lastPacket == at(1))
    }

    @Test func classicCutAtARecordBoundaryIsACleanEnd() throws {
        let (packets, summary) = try readAll(bytes: classic().truncated(inRecord: 2, keeping: 0))
        #expect(packets.count == 2 && !summary.truncated)
    }

    @Test(arguments: [ByteOrder.littleEndian, .bigEndian])
    func classicAbsurdCapturedLengthIsCorrupt(order: ByteOrder) throws {
        // caplen 0x7FFFFFFF is beyond any link type's maximum (libpcap: 262144): reading stops, not a 2 GB read.
        var writer = classic(order)
        writer.appendRecord(time: at(9), capturedLength: 0x7FFF_FFFF, originalLength: 0x7FFF_FFFF, data: frame(9))
        writer.append(frame(4), at: at(10))
        let (packets, summary) = try readAll(bytes: writer.bytes)
        #expect(packets.count == 3)
        #expect(summary.end.isCorrupt, "\(summary.end)")
        #expect(summary.truncated)
    }

    @Test func classicCapturedLengthAboveTheFileSnaplenIsCutToIt() throws {
        // Snaplen 100 in the file header, a record with caplen 200 whose 200 bytes are present (the Solaris BUFMOD
        // files). libpcap 1.10 keeps the first 100 bytes, skips the rest and goes on in step with the records;
        // stopping there would lose a readable file, so the packet counts as snaplen-cut instead.
        var writer = PcapWriter(snaplen: 100, precision: .nanoseconds)
        writer.append(frame(0), at: at(0))
        writer.appendRecord(time: at(1), capturedLength: 200, originalLength: 200, data: Array(repeating: 0xAB, count: 200))
        writer.append(frame(2), at: at(2))
        let (packets, summary) = try readAll(bytes: writer.bytes)
        #expect(packets.map(\.bytes) == [frame(0), Array(repeating: 0xAB, count: 100), frame(2)])
        #expect(packets[1].record.capturedLength == 100 && packets[1].record.originalLength == 200)
        #expect(summary.end == .endOfFile && summary.snaplenCutPackets == 1)
    }

    @Test func classicCapturedLengthAboveOriginalLengthIsReadAsIs() throws {
        // caplen 62 > len 10: libpcap and Wireshark hand the 62 bytes out; it is not a snaplen cut.
        var writer = classic()
        writer.appendRecord(time: at(5), capturedLength: 62, originalLength: 10, data: frame(2))
        let (packets, summary) = try readAll(bytes: writer.bytes)
        #expect(packets.count == 4 && packets[3].bytes == frame(2) && packets[3].record.originalLength == 10)
        #expect(summary.end == .endOfFile && summary.snaplenCutPackets == 0)
    }

    func pcapng() -> PcapngWriter {
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet, resolution: .nanoseconds)
        for index in 0..<3 { writer.appendEnhancedPacket(interface: 0, at: at(Int64(index)), frame: frame(index)) }
        return writer
    }

    @Test(arguments: [1, 4, 11, 12, 20, 40, 95])
    func pcapngCutInsideTheLastBlock(keeping: Int) throws {
        // The third EPB is 12 + 20 + 64 (62 padded) = 96 bytes; any cut inside it ends the file early.
        let (packets, summary) = try readAll(bytes: pcapng().truncated(inPacketBlock: 2, keeping: keeping), name: "cut.pcapng")
        #expect(packets.map(\.bytes) == [frame(0), frame(1)])
        #expect(summary.end.isTruncated, "\(summary.end)")
        #expect(summary.truncated)
    }

    @Test func pcapngCutInsideAnInterfaceBlock() throws {
        // A second IDB cut after 10 bytes at the end of the file.
        var writer = pcapng()
        let whole = writer.bytes.count
        writer.addInterface(linkType: LinkTypeNumber.raw)
        let (packets, summary) = try readAll(bytes: Array(writer.bytes.prefix(whole + 10)), name: "cut.pcapng")
        #expect(packets.count == 3 && summary.end.isTruncated)
    }

    /// Overwrites the 32-bit word at `offset` in a little-endian pcapng file.
    func patched(_ bytes: [UInt8], at offset: Int, _ value: UInt32) -> [UInt8] {
        var copy = bytes
        for i in 0..<4 { copy[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
        return copy
    }

    @Test(arguments: [UInt32(0x7FFF_FFF0), 0xFFFF_FFFC, 8, 0, 98, 0x0100_0004])
    func pcapngAbsurdBlockLengthIsCorrupt(length: UInt32) throws {
        // Third EPB's total length replaced: huge, below the 12-byte minimum, not a multiple of 4, or 16 MiB + 4.
        let writer = pcapng()
        let bytes = patched(writer.bytes, at: writer.packetBlockOffsets[2] + 4, length)
        let (packets, summary) = try readAll(bytes: bytes, name: "bad.pcapng")
        #expect(packets.count == 2)
        #expect(summary.end.isCorrupt, "\(summary.end)")
    }

    @Test func pcapngTrailingLengthMismatchIsCorrupt() throws {
        // Leading and trailing block lengths disagree (96 vs 100): the file has lost its framing.
        let writer = pcapng()
        let block = writer.packetBlockOffsets[1]
        let bytes = patched(writer.bytes, at: block + 96 - 4, 100)
        let (packets, summary) = try readAll(bytes: bytes, name: "bad.pcapng")
        #expect(packets.count == 1)
        #expect(summary.end.isCorrupt, "\(summary.end)")
    }

    @Test func pcapngCapturedLengthBeyondTheBlockIsCorrupt() throws {
        // EPB captured length 1000 in a 96-byte block.
        let writer = pcapng()
        let bytes = patched(writer.bytes, at: writer.packetBlockOffsets[1] + 20, 1000)
        let (packets, summary) = try readAll(bytes: bytes, name: "bad.pcapng")
        #expect(packets.count == 1 && summary.end.isCorrupt)
    }

    @Test func pcapngCapturedLengthAboveSnaplenIsRead() throws {
        // Interface snaplen 16, an EPB holding 60 captured bytes in a well-framed block: delivered whole, as
        // Wireshark does (the block framing, not the snaplen, decides where the next block starts).
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet, snaplen: 0)
        writer.appendEnhancedPacket(interface: 0, at: at(0), frame: frame(0))
        var bytes = writer.bytes
        // The IDB follows the SHB, whose length is at offset 4; the snaplen is at IDB + 12.
        let idb = Int(bytes[4]) | Int(bytes[5]) << 8
        bytes = patched(bytes, at: idb + 12, 16)
        let (packets, summary) = try readAll(bytes: bytes, name: "snap.pcapng")
        #expect(packets.map(\.bytes) == [frame(0)] && summary.end == .endOfFile)
    }

    @Test(arguments: [UInt32(3), 6, 2, 1, 0x0A0D_0D0A])
    func pcapngBlockTooShortForItsTypeIsCorrupt(type: UInt32) throws {
        // A 12-byte block (no body) of a type that needs fields: SPB ≥ 16, EPB/PB ≥ 32, IDB ≥ 20, SHB ≥ 28.
        var writer = pcapng()
        writer.appendBlock(type: type, body: [])
        writer.appendEnhancedPacket(interface: 0, at: at(9), frame: frame(9))
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "short.pcapng")
        #expect(packets.count == 3)
        #expect(summary.end.isCorrupt, "\(summary.end)")
    }

    @Test func pcapngSimplePacketBeforeAnyInterfaceIsCorrupt() throws {
        var writer = PcapngWriter()
        writer.appendSimplePacket(frame: frame(0))
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "spb.pcapng")
        #expect(packets.isEmpty && summary.end.isCorrupt)
    }

    @Test func pcapngUnknownInterfaceIsCorrupt() throws {
        let writer = pcapng()
        let bytes = patched(writer.bytes, at: writer.packetBlockOffsets[1] + 8, 7)
        let (packets, summary) = try readAll(bytes: bytes, name: "bad.pcapng")
        #expect(packets.count == 1 && summary.end.isCorrupt)
        #expect(summary.end.detail.contains("interface"))
    }
}
