import PcapIngest
import Testing
import TestSupport
import WireCore

/// An Interface Description Block body (pcapng §4.2) with `if_tsresol` and `if_tsoffset`, which
/// `PcapngWriter.addInterface` cannot write.
func interfaceBody(linkType: UInt32, snaplen: UInt32 = 0, resolution: UInt8?, offsetSeconds: Int64?, order: ByteOrder) -> [UInt8] {
    var body: [UInt8] = []
    body.append(UInt16(truncatingIfNeeded: linkType), order)
    body.append(UInt16(0), order)
    body.append(snaplen, order)
    if let resolution {
        body.append(UInt16(9), order); body.append(UInt16(1), order)
        body += [resolution, 0, 0, 0]
    }
    if let offsetSeconds {
        body.append(UInt16(14), order); body.append(UInt16(8), order)
        body.append(offsetSeconds, order)
    }
    body.append(UInt32(0), order)  // opt_endofopt
    return body
}

@Suite("pcapng: interfaces, resolutions, sections, block types")
struct PcapngTests {
    @Test(arguments: [ByteOrder.littleEndian, .bigEndian])
    func interfacesWithDifferentLinkTypesAndResolutions(order: ByteOrder) throws {
        var writer = PcapngWriter(byteOrder: order)
        let eth = writer.addInterface(linkType: LinkTypeNumber.ethernet)                          // no if_tsresol: µs
        let raw = writer.addInterface(linkType: LinkTypeNumber.raw, resolution: .nanoseconds)
        let sll = writer.addInterface(linkType: LinkTypeNumber.linuxSLL, resolution: .power10(4))
        let null = writer.addInterface(linkType: LinkTypeNumber.null, resolution: .power2(10))
        let time = baseTime  // 1700000000.123456789
        for (index, interface) in [eth, raw, sll, null].enumerated() {
            writer.appendEnhancedPacket(interface: interface, at: time, frame: frame(index))
        }
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "multi.pcapng")
        #expect(packets.map(\.record.linkType) == [.ethernet, .raw, .linuxSLL, .null])
        let fractions = packets.map { $0.record.timestamp.nanoseconds - 1_700_000_000 * 1_000_000_000 }
        // µs: 123456 µs; ns: exact; 10^-4 s: 1234 units = 123400000 ns;
        // 2^-10 s: floor(0.123456789 × 1024) = 126 units = 126 × 10^9 / 1024 = 123046875 ns exactly.
        #expect(fractions == [123_456_000, 123_456_789, 123_400_000, 123_046_875])
        #expect(packets.map(\.bytes) == (0..<4).map { frame($0) })
        #expect(packets.map(\.record.packetNumber) == [1, 2, 3, 4])
        #expect(summary.format == .pcapng && summary.linkTypes == [.ethernet, .raw, .linuxSLL, .null])
        #expect(summary.end == .endOfFile)
    }

    @Test(arguments: [ByteOrder.littleEndian, .bigEndian])
    func timestampOffsetIsAddedInSeconds(order: ByteOrder) throws {
        // if_tsoffset (option 14): the stored timestamp plus the offset is the absolute time (§4.2).
        var writer = PcapngWriter(byteOrder: order)
        writer.appendBlock(type: 1, body: interfaceBody(linkType: 1, resolution: 9, offsetSeconds: 1_000_000_000, order: order))
        writer.appendBlock(type: 1, body: interfaceBody(linkType: 101, resolution: 6, offsetSeconds: -100, order: order))
        // Interface 0 stores 700000000.123456789 s in ns units; interface 1 stores 1700000100.123456 s in µs units.
        let units0 = UInt64(700_000_000) * 1_000_000_000 + 123_456_789
        let units1 = UInt64(1_700_000_100) * 1_000_000 + 123_456
        for (interface, units) in [(UInt32(0), units0), (1, units1)] {
            var body: [UInt8] = []
            body.append(interface, order)
            body.append(UInt32(units >> 32), order)
            body.append(UInt32(truncatingIfNeeded: units), order)
            body.append(UInt32(4), order); body.append(UInt32(4), order)
            body += [0x45, 0, 0, 0]
            writer.appendBlock(type: 6, body: body)
        }
        let packets = try readAll(bytes: writer.bytes, name: "offset.pcapng").packets
        #expect(packets.map(\.record.timestamp) == [baseTime, Timestamp(seconds: 1_700_000_000, nanoseconds: 123_456_000)])
        #expect(packets.map(\.record.linkType) == [.ethernet, .raw])
    }

    @Test func sectionsRestartInterfaceNumbering() throws {
        // Section 1: interface 0 = Ethernet. Section 2: interface 0 = raw IP, interface 1 = SLL2.
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet)
        writer.appendEnhancedPacket(interface: 0, at: at(0), frame: frame(0))
        writer.startSection()
        writer.addInterface(linkType: LinkTypeNumber.raw, resolution: .nanoseconds)
        writer.addInterface(linkType: LinkTypeNumber.linuxSLL2)
        writer.appendEnhancedPacket(interface: 0, at: at(1), frame: frame(1))
        writer.appendEnhancedPacket(interface: 1, at: at(2), frame: frame(2))
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "sections.pcapng")
        #expect(packets.map(\.record.linkType) == [.ethernet, .raw, .linuxSLL2])
        #expect(packets.map(\.record.timestamp) == [at(0).truncatedToMicroseconds, at(1), at(2).truncatedToMicroseconds])
        #expect(packets.map(\.record.packetNumber) == [1, 2, 3])
        #expect(summary.linkTypes == [.ethernet, .raw, .linuxSLL2])
    }

    @Test func sectionsOfDifferentByteOrder() throws {
        // A little-endian section followed by a big-endian one (concatenated captures).
        var little = PcapngWriter(byteOrder: .littleEndian)
        little.addInterface(linkType: LinkTypeNumber.ethernet, resolution: .nanoseconds)
        little.appendEnhancedPacket(interface: 0, at: at(0), frame: frame(0))
        var big = PcapngWriter(byteOrder: .bigEndian)
        big.addInterface(linkType: LinkTypeNumber.linuxSLL, resolution: .nanoseconds)
        big.appendEnhancedPacket(interface: 0, at: at(5), frame: frame(1))
        let (packets, summary) = try readAll(bytes: little.bytes + big.bytes, name: "mixed.pcapng")
        #expect(packets.map(\.record.timestamp) == [at(0), at(5)])
        #expect(packets.map(\.bytes) == [frame(0), frame(1)])
        #expect(summary.linkTypes == [.ethernet, .linuxSLL] && summary.end == .endOfFile)
    }

    @Test func simplePacketBlocksUseInterfaceZeroAndItsSnaplen() throws {
        // Interface 0 has snaplen 64: a 100-byte frame keeps 64 bytes, original length 100; a 30-byte frame is whole.
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet, snaplen: 64)
        writer.appendSimplePacket(frame: frame(0, length: 100))
        writer.appendSimplePacket(frame: frame(1, length: 30))
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "spb.pcapng")
        #expect(packets.map(\.record.capturedLength) == [64, 31])
        #expect(packets.map(\.record.originalLength) == [100, 31])
        #expect(packets.map(\.bytes) == [Array(frame(0, length: 100).prefix(64)), frame(1, length: 30)])
        #expect(packets.allSatisfy { $0.record.linkType == .ethernet })
        #expect(summary.snaplenCutPackets == 1 && summary.packets == 2)
    }

    @Test func simplePacketLengthExcludesBlockPadding() throws {
        // No snaplen: 5 data bytes are padded to 8 in the block; the captured length is the original length (5).
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.raw)
        writer.appendSimplePacket(frame: [1, 2, 3, 4, 5])
        let packets = try readAll(bytes: writer.bytes, name: "spb.pcapng").packets
        #expect(packets.first?.bytes == [1, 2, 3, 4, 5])
    }

    @Test func unknownAndMetadataBlocksAreSkipped() throws {
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet)
        writer.appendBlock(type: 4, body: [1, 0, 4, 0, 192, 0, 2, 1, 0x61, 0, 0, 0, 0, 0, 0, 0])  // name resolution
        writer.appendEnhancedPacket(interface: 0, at: at(0), frame: frame(0))
        writer.appendBlock(type: 5, body: Array(repeating: 0, count: 12))                           // interface statistics
        writer.appendBlock(type: 0x0000_0BAD, body: Array(repeating: 0xFF, count: 40))              // custom / unknown
        writer.appendBlock(type: 0x4000_0BAD, body: [])                                             // unknown, empty body
        writer.appendEnhancedPacket(interface: 0, at: at(1), frame: frame(1))
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "blocks.pcapng")
        #expect(packets.map(\.bytes) == [frame(0), frame(1)])
        #expect(summary.packets == 2 && summary.end == .endOfFile)
    }

    @Test func obsoletePacketBlockIsRead() throws {
        // Packet Block (type 2): 16-bit interface id, 16-bit drops count, then the EPB layout.
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet, resolution: .nanoseconds)
        var body: [UInt8] = []
        let units = UInt64(baseTime.nanoseconds)
        body.append(UInt16(0), .littleEndian); body.append(UInt16(0), .littleEndian)
        body.append(UInt32(units >> 32), .littleEndian); body.append(UInt32(truncatingIfNeeded: units), .littleEndian)
        body.append(UInt32(3), .littleEndian); body.append(UInt32(90), .littleEndian)
        body += [7, 8, 9]
        writer.appendBlock(type: 2, body: body)
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "pb.pcapng")
        #expect(packets.first?.bytes == [7, 8, 9])
        #expect(packets.first?.record.timestamp == baseTime && packets.first?.record.originalLength == 90)
        #expect(summary.snaplenCutPackets == 1)
    }

    @Test func enhancedPacketSnaplenCutIsCounted() throws {
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.ethernet, snaplen: 50)
        writer.appendEnhancedPacket(interface: 0, at: at(0), frame: frame(0, length: 80))
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "snap.pcapng")
        #expect(packets.first?.record.capturedLength == 50 && packets.first?.record.originalLength == 80)
        #expect(summary.snaplenCutPackets == 1 && summary.bytes == 80 && summary.capturedBytes == 50)
    }

    @Test func interfacesButNoPackets() throws {
        var writer = PcapngWriter()
        writer.addInterface(linkType: LinkTypeNumber.linuxSLL2)
        let (packets, summary) = try readAll(bytes: writer.bytes, name: "empty.pcapng")
        #expect(packets.isEmpty && summary.packets == 0 && !summary.truncated)
        #expect(summary.linkTypes == [.linuxSLL2])
    }

    @Test func sectionHeaderOnlyIsAnEmptyCapture() throws {
        // A Section Header Block and nothing else is a valid capture of zero packets (no interface yet).
        let (packets, summary) = try readAll(bytes: PcapngWriter().bytes, name: "shb.pcapng")
        #expect(packets.isEmpty && summary.packets == 0 && summary.end == .endOfFile)
        #expect(summary.linkTypes.isEmpty)
    }
}

extension Timestamp {
    /// What a microsecond-resolution interface stores of this time.
    var truncatedToMicroseconds: Timestamp { Timestamp(nanoseconds: nanoseconds / 1_000 * 1_000) }
}
