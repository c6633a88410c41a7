import WireCore

/// A pure-Swift pcapng reader (draft-ietf-opsawg-pcapng): several sections, several interfaces with
/// different link types and timestamp resolutions in one file — which libpcap refuses.
///
/// Handles Section Header, Interface Description (if_tsresol, if_tsoffset), Enhanced Packet,
/// Simple Packet and the obsolete Packet block; other blocks are skipped. Packet bytes are borrowed
/// from the read buffer and valid until the next call.
public final class PcapngFileReader {
    /// One Interface Description Block.
    public struct Interface: Sendable, Hashable {
        public var linkType: LinkType
        public var snapLength: UInt32
        /// Timestamp units per second (10^6 unless if_tsresol says otherwise).
        public var unitsPerSecond: UInt64
        /// if_tsoffset: seconds added to every timestamp.
        public var offsetSeconds: Int64
    }

    /// Largest block accepted; a larger length field is treated as corruption.
    public static let maximumBlockLength = 16 << 20

    public let path: String
    public let fileIndex: Int
    private let source: FileByteSource
    private var bigEndian = false
    private var interfaces: [Interface] = []
    /// Every link type seen in any section, in order of first appearance.
    public private(set) var linkTypes: [LinkType] = []
    private var packetNumber = 0
    public private(set) var end: CaptureEnd?

    public init(path: String, fileIndex: Int) throws(CaptureError) {
        guard let source = FileByteSource(path: path) else {
            throw CaptureError(.missingFile, path: path, detail: "cannot open file")
        }
        self.path = path
        self.fileIndex = fileIndex
        self.source = source
        let got = source.ensure(12)
        guard got >= 12 else {
            throw CaptureError(got == 0 ? .emptyFile : .corruptHeader, path: path,
                               detail: got == 0 ? "empty file, not a capture" : "pcapng section header is truncated")
        }
        let head = source.window(12)
        guard head.le32(at: 0) == 0x0A0D0D0A else {
            throw CaptureError(.notACapture, path: path, detail: "not a pcapng file (no section header block)")
        }
        // Read the first section header eagerly so the link types are known before the first packet.
        if case .some(let failure) = readUntilPacketOrInterface() {
            throw CaptureError(.corruptHeader, path: path, detail: failure)
        }
    }

    /// Reads metadata blocks up to the first interface; returns an error text when the header is unusable.
    private func readUntilPacketOrInterface() -> String? {
        while interfaces.isEmpty {
            guard source.ensure(12) >= 12 else { return "file ends before any interface description" }
            guard let length = blockLength(), length >= 12, length <= Self.maximumBlockLength else {
                return "bad block length in header"
            }
            guard source.ensure(length) == length else { return "truncated header block" }
            let block = source.window(length)
            let type = read32(block, 0) ?? 0
            if type == 0x0A0D0D0A { if let error = readSectionHeader(block) { return error } }
            else if type == 1 { readInterface(block) }
            else if isPacketBlock(type) { return "packet block before any interface description" }
            source.consume(length)
        }
        return nil
    }

    private func isPacketBlock(_ type: UInt32) -> Bool { type == 6 || type == 3 || type == 2 }

    private func read32(_ block: UnsafeRawBufferPointer, _ at: Int) -> UInt32? {
        bigEndian ? block.be32(at: at) : block.le32(at: at)
    }

    private func read16(_ block: UnsafeRawBufferPointer, _ at: Int) -> UInt16? {
        bigEndian ? block.be16(at: at) : block.le16(at: at)
    }

    /// The length of the block at the read position, honouring a section header's own byte order.
    private func blockLength() -> Int? {
        let head = source.window(12)
        if head.le32(at: 0) == 0x0A0D0D0A {
            // Byte-order magic decides how to read this section (and its own length).
            if head.le32(at: 8) == 0x1A2B3C4D { bigEndian = false }
            else if head.be32(at: 8) == 0x1A2B3C4D { bigEndian = true }
            else { return nil }
        }
        return read32(head, 4).map { Int($0) }
    }

    private func readSectionHeader(_ block: UnsafeRawBufferPointer) -> String? {
        guard let major = read16(block, 12), major == 1 else { return "unsupported pcapng version" }
        interfaces.removeAll(keepingCapacity: true)
        return nil
    }

    private func readInterface(_ block: UnsafeRawBufferPointer) {
        let link = LinkType(rawValue: UInt32(read16(block, 8) ?? 0))
        var interface = Interface(linkType: link, snapLength: read32(block, 12) ?? 0, unitsPerSecond: 1_000_000, offsetSeconds: 0)
        var at = 16
        let optionsEnd = block.count - 4
        while at + 4 <= optionsEnd, let code = read16(block, at), let length16 = read16(block, at + 2) {
            let length = Int(length16)
            if code == 0 || at + 4 + length > optionsEnd { break }
            if code == 9, length >= 1, let resolution = block.u8(at: at + 4) {
                let exponent = UInt64(resolution & 0x7F)
                if resolution & 0x80 != 0 { interface.unitsPerSecond = exponent < 64 ? 1 << exponent : 1 }
                else if exponent <= 19 { interface.unitsPerSecond = (0..<exponent).reduce(1) { a, _ in a * 10 } }
            } else if code == 14, length >= 8 {
                let raw = bigEndian ? block.be64(at: at + 4) : block.le64(at: at + 4)
                interface.offsetSeconds = Int64(bitPattern: raw ?? 0)
            }
            at += 4 + (length + 3) & ~3
        }
        interfaces.append(interface)
        if !linkTypes.contains(link) { linkTypes.append(link) }
    }

    private func timestamp(_ raw: UInt64, _ interface: Interface) -> Timestamp {
        let units = interface.unitsPerSecond
        let seconds = raw / units
        let fraction = raw % units
        let nanos = UInt64((UInt128(fraction) * 1_000_000_000) / UInt128(units))
        return Timestamp(seconds: Int64(truncatingIfNeeded: seconds) &+ interface.offsetSeconds, nanoseconds: Int64(nanos))
    }

    /// The next packet, or nil at the end (then `end` says why).
    public func next() -> (CaptureRecord, UnsafeRawBufferPointer)? {
        guard end == nil else { return nil }
        while true {
            let available = source.ensure(12)
            if available == 0 { end = .endOfFile; return nil }
            if available < 12 { end = .truncated(detail: "file ends inside a block header at byte \(source.offset)"); return nil }
            guard let length = blockLength(), length >= 12, length % 4 == 0, length <= Self.maximumBlockLength else {
                end = .corrupt(detail: "invalid block length at byte \(source.offset)")
                return nil
            }
            guard source.ensure(length) == length else {
                end = .truncated(detail: "file ends inside a \(length)-byte block at byte \(source.offset)")
                return nil
            }
            let block = source.window(length)
            let type = read32(block, 0) ?? 0
            switch type {
            case 0x0A0D0D0A:
                if let error = readSectionHeader(block) { end = .corrupt(detail: error); return nil }
            case 1:
                readInterface(block)
            case 6, 2:
                // Enhanced Packet Block (6) / obsolete Packet Block (2, 16-bit interface id + drops).
                let interfaceID = type == 6 ? read32(block, 8).map(Int.init) : read16(block, 8).map(Int.init)
                guard let interfaceID, interfaceID < interfaces.count,
                      let high = read32(block, 12), let low = read32(block, 16),
                      let captured = read32(block, 20), let original = read32(block, 24),
                      28 + Int(captured) <= length - 4 else {
                    end = .corrupt(detail: "malformed packet block at byte \(source.offset)")
                    return nil
                }
                let interface = interfaces[interfaceID]
                packetNumber += 1
                let record = CaptureRecord(
                    fileIndex: fileIndex, packetNumber: packetNumber,
                    timestamp: timestamp(UInt64(high) << 32 | UInt64(low), interface),
                    capturedLength: Int(captured), originalLength: Int(original), linkType: interface.linkType)
                let data = UnsafeRawBufferPointer(rebasing: block[28 ..< 28 + Int(captured)])
                source.consume(length)
                return (record, data)
            case 3:
                // Simple Packet Block: interface 0, no timestamp.
                guard let interface = interfaces.first, let original = read32(block, 8) else {
                    end = .corrupt(detail: "simple packet block without interface at byte \(source.offset)")
                    return nil
                }
                var captured = min(Int(original), length - 16)
                if interface.snapLength > 0 { captured = min(captured, Int(interface.snapLength)) }
                packetNumber += 1
                let record = CaptureRecord(fileIndex: fileIndex, packetNumber: packetNumber, timestamp: .zero,
                                           capturedLength: captured, originalLength: Int(original), linkType: interface.linkType)
                let data = UnsafeRawBufferPointer(rebasing: block[12 ..< 12 + captured])
                source.consume(length)
                return (record, data)
            default:
                break  // name resolution, statistics, custom … blocks: skipped
            }
            source.consume(length)
        }
    }
}
