import PcapIngest
import Testing
import TestSupport
import WireCore

@Suite("Classic pcap through libpcap: magic, byte order, ns timestamps")
struct ClassicPcapTests {
    static let formats: [(PcapWriter.Precision, ByteOrder)] = [
        (.microseconds, .littleEndian), (.microseconds, .bigEndian), (.nanoseconds, .littleEndian), (.nanoseconds, .bigEndian),
    ]

    @Test(arguments: formats)
    func timestampsAndRecordsInEveryMagic(precision: PcapWriter.Precision, byteOrder: ByteOrder) throws {
        var writer = PcapWriter(linkType: LinkTypeNumber.ethernet, precision: precision, byteOrder: byteOrder)
        let times = [at(0), at(20), Timestamp(seconds: 1_700_000_001, nanoseconds: 999_999_999)]
        for (index, time) in times.enumerated() { writer.append(frame(index), at: time) }
        let (packets, summary) = try readAll(bytes: writer.bytes)
        #expect(packets.count == 3)
        for (index, packet) in packets.enumerated() {
            // µs files keep whole microseconds: 123456789 ns → 123456000 ns; ns files are exact.
            let written = times[index].nanoseconds
            let expected = precision == .nanoseconds ? written : written / 1_000 * 1_000
            #expect(packet.record.timestamp.nanoseconds == expected)
            #expect(packet.record.packetNumber == index + 1 && packet.record.fileIndex == 0)
            #expect(packet.record.linkType == .ethernet)
            #expect(packet.bytes == frame(index))
            #expect(packet.record.capturedLength == frame(index).count && packet.record.originalLength == frame(index).count)
        }
        #expect(summary.format == .pcap && summary.linkTypes == [.ethernet])
        #expect(summary.packets == 3 && summary.end == .endOfFile && !summary.truncated)
        // Frames of 60, 61 and 62 bytes.
        #expect(summary.bytes == 183 && summary.capturedBytes == 183 && summary.snaplenCutPackets == 0)
        #expect(summary.firstPacket == packets[0].record.timestamp && summary.lastPacket == packets[2].record.timestamp)
    }

    @Test(arguments: formats)
    func secondsBeyond2038AreUnsigned(precision: PcapWriter.Precision, byteOrder: ByteOrder) throws {
        // The pcap seconds field is an unsigned 32-bit count: 0xF0000000 = 4026531840 s is 2097-08-05, not 1902.
        var writer = PcapWriter(precision: precision, byteOrder: byteOrder)
        writer.append(frame(0), at: Timestamp(seconds: 0xF000_0000, nanoseconds: 5_000))
        let packets = try readAll(bytes: writer.bytes).packets
        #expect(packets.first?.record.timestamp == Timestamp(seconds: 4_026_531_840, nanoseconds: 5_000))
    }

    @Test(arguments: [LinkTypeNumber.null, LinkTypeNumber.raw, LinkTypeNumber.linuxSLL, LinkTypeNumber.linuxSLL2,
                      LinkTypeNumber.ipv4, LinkTypeNumber.loop, 147])
    func linkTypeIsReported(linkType: UInt32) throws {
        var writer = PcapWriter(linkType: linkType)
        writer.append(frame(1), at: at(0))
        let (packets, summary) = try readAll(bytes: writer.bytes)
        #expect(packets.first?.record.linkType == LinkType(rawValue: linkType))
        #expect(summary.linkTypes == [LinkType(rawValue: linkType)])
    }

    @Test func snaplenCutPacketsAreCounted() throws {
        // Snaplen 64: frames of 100 and 200 bytes are cut to 64, the 40-byte frame is whole.
        var writer = PcapWriter(snaplen: 64)
        writer.append(frame(0, length: 100), at: at(0))
        writer.append(frame(1, length: 40), at: at(1))
        writer.append(frame(2, length: 200), at: at(2))
        let (packets, summary) = try readAll(bytes: writer.bytes)
        #expect(packets.map(\.record.capturedLength) == [64, 41, 64])
        #expect(packets.map(\.record.originalLength) == [100, 41, 202])
        #expect(packets.map(\.record.isSnaplenCut) == [true, false, true])
        #expect(packets[2].bytes == Array(frame(2, length: 200).prefix(64)))
        #expect(summary.snaplenCutPackets == 2)
        #expect(summary.bytes == 343 && summary.capturedBytes == 169)
    }

    @Test func headerOnlyFileHasZeroPackets() throws {
        let (packets, summary) = try readAll(bytes: PcapWriter().bytes)
        #expect(packets.isEmpty)
        #expect(summary.packets == 0 && summary.bytes == 0 && !summary.truncated)
        #expect(summary.firstPacket == nil && summary.lastPacket == nil && summary.durationSeconds == nil)
        #expect(summary.linkTypes == [.ethernet])
    }

    @Test func durationSpansFirstToLast() throws {
        var writer = PcapWriter(precision: .nanoseconds)
        writer.append(frame(0), at: at(0))
        writer.append(frame(1), at: at(2_500))
        let summary = try readAll(bytes: writer.bytes).summary
        #expect(summary.durationSeconds == 2.5)
    }
}

@Suite("CaptureFile: one file read directly")
struct CaptureFileTests {
    @Test func endIsNilWhilePacketsRemainThenSaysWhy() throws {
        var writer = PcapWriter(linkType: LinkTypeNumber.linuxSLL2, precision: .nanoseconds)
        writer.append(frame(0), at: at(0))
        writer.append(frame(1), at: at(1))
        let file = try CaptureFile(path: try writeTemporaryFile(bytes: writer.truncated(inRecord: 1, keeping: 30)), fileIndex: 3)
        #expect(file.format == .pcap && file.linkTypes == [.linuxSLL2])
        let first = try #require(file.next())
        #expect(first.0.fileIndex == 3 && first.0.packetNumber == 1 && Array(first.1) == frame(0))
        #expect(file.end == nil)
        #expect(file.next() == nil)
        #expect(file.end?.isTruncated == true)
        #expect(file.next() == nil, "reading stays finished")
    }

    @Test func pcapngLinkTypesAreKnownBeforeTheFirstPacket() throws {
        // Interfaces declared after a name-resolution block are still read ahead at open time.
        var writer = PcapngWriter()
        writer.appendBlock(type: 4, body: [0, 0, 0, 0])
        writer.addInterface(linkType: LinkTypeNumber.linuxSLL)
        writer.appendEnhancedPacket(interface: 0, at: at(0), frame: frame(0))
        let file = try CaptureFile(path: try writeTemporaryFile(bytes: writer.bytes, name: "x.pcapng"))
        #expect(file.format == .pcapng && file.linkTypes == [.linuxSLL])
        #expect(file.next()?.0.linkType == .linuxSLL && file.next() == nil && file.end == .endOfFile)
    }
}
