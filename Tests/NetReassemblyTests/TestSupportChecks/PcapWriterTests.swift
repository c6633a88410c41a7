import Testing
import TestSupport
import WireCore

@Suite("PcapWriter and PcapngWriter byte layout")
struct CaptureWriterByteTests {
    // 2005-03-18T01:58:31.123456789Z = 1111111111 s + 123456789 ns.
    let time = Timestamp(seconds: 1_111_111_111, nanoseconds: 123_456_789)

    @Test func classicLittleEndianMicrosecondHeaderAndRecord() {
        var writer = PcapWriter(linkType: LinkTypeNumber.ethernet, snaplen: 65535)
        writer.append([1, 2, 3], at: time)
        // Magic a1b2c3d4 little-endian, version 2.4, zone 0, sigfigs 0, snaplen 0xffff, linktype 1.
        #expect(Array(writer.bytes[0..<24]) == [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                 0xFF, 0xFF, 0, 0, 1, 0, 0, 0])
        // 1111111111 = 0x423A35C7; 123456 µs = 0x0001E240; caplen = len = 3.
        #expect(Array(writer.bytes[24..<40]) == [0xC7, 0x35, 0x3A, 0x42, 0x40, 0xE2, 0x01, 0x00, 3, 0, 0, 0, 3, 0, 0, 0])
        #expect(Array(writer.bytes[40...]) == [1, 2, 3])
        #expect(writer.recordOffsets == [24])
    }

    @Test func classicBigEndianNanosecondHeaderAndRecord() {
        var writer = PcapWriter(linkType: LinkTypeNumber.linuxSLL2, snaplen: 2, precision: .nanoseconds, byteOrder: .bigEndian)
        writer.append([9, 8, 7, 6], at: time)
        #expect(Array(writer.bytes[0..<4]) == [0xA1, 0xB2, 0x3C, 0x4D])
        #expect(Array(writer.bytes[20..<24]) == [0, 0, 0x01, 0x14])  // 276
        // 123456789 ns = 0x075BCD15; snaplen 2 cuts caplen to 2, len stays 4.
        #expect(Array(writer.bytes[24..<40]) == [0x42, 0x3A, 0x35, 0xC7, 0x07, 0x5B, 0xCD, 0x15, 0, 0, 0, 2, 0, 0, 0, 4])
        #expect(Array(writer.bytes[40...]) == [9, 8])
    }

    @Test func truncatedCutsInsideTheChosenRecord() {
        var writer = PcapWriter()
        writer.append(Array(repeating: 0xAA, count: 10), at: time)
        writer.append(Array(repeating: 0xBB, count: 10), at: time)
        // Second record starts at 24 + 16 + 10 = 50; keeping 20 bytes = its header + 4 data bytes.
        let cut = writer.truncated(inRecord: 1, keeping: 20)
        #expect(cut.count == 70)
        #expect(cut.suffix(4) == [0xBB, 0xBB, 0xBB, 0xBB])
    }

    @Test func pcapngBlocksAndResolutions() {
        var writer = PcapngWriter()
        let eth = writer.addInterface(linkType: LinkTypeNumber.ethernet, resolution: .nanoseconds)
        let raw = writer.addInterface(linkType: LinkTypeNumber.raw, resolution: .power10(4))
        #expect((eth, raw) == (0, 1))
        writer.appendEnhancedPacket(interface: raw, at: time, frame: [0x45, 0, 0])
        let epb = writer.packetBlockOffsets[0]
        let b = writer.bytes
        func le32(_ at: Int) -> UInt32 { UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24 }
        #expect(le32(0) == 0x0A0D_0D0A)
        #expect(le32(8) == 0x1A2B_3C4D)
        #expect(le32(epb) == 6)
        #expect(le32(epb + 4) == 32 + 4)  // 12 framing + 20 fixed fields + 3 data padded to 4
        #expect(le32(epb + 8) == 1)
        // 10^-4 s units: 1111111111.123456789 s → 1111111111 × 10^4 + 1234 (truncated).
        let units = UInt64(1_111_111_111) * 10_000 + 1234
        #expect(UInt64(le32(epb + 12)) << 32 | UInt64(le32(epb + 16)) == units)
        #expect(le32(epb + 20) == 3 && le32(epb + 24) == 3)
        #expect(le32(b.count - 4) == 36)
    }

    @Test(arguments: [
        (PcapngWriter.TimestampResolution.microseconds, UInt64(1_111_111_111_123_456)),
        (.nanoseconds, 1_111_111_111_123_456_789),
        (.power10(4), 11_111_111_111_234),
        // 2^-10 s: floor(1111111111.123456789 × 1024) = 1137777777790 (0.123456789 × 1024 = 126.4 → 126).
        (.power2(10), 1_111_111_111 * 1024 + 126),
    ])
    func resolutionUnits(resolution: PcapngWriter.TimestampResolution, expected: UInt64) {
        #expect(resolution.units(of: time) == expected)
    }
}
