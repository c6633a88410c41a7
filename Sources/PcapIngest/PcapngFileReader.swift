import WireCore

/// A pure-Swift pcapng reader (draft-ietf-opsawg-pcapng): several sections, several interfaces with
/// different link types and timestamp resolutions in one file — which libpcap refuses.
///
/// Handles Section Header, Interface Description (if_tsresol, if_tsoffset), Enhanced Packet,
/// Simple Packet and the obsolete Packet block; other blocks are skipped. Packet bytes are borrowed
/// from the read buffer and valid until the next call.
///
/// Only a missing or unusable first Section Header Block makes `init` throw; every later problem ends
/// reading with `end` = `.truncated` (the file stops inside a block) or `.corrupt` (a block's framing
/// or fields are impossible), after the packets before it were delivered.
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

    private static let sectionHeaderType: UInt32 = 0x0A0D_0D0A
    private static let byteOrderMagic: UInt32 = 0x1A2B_3C4D

    public init(path: String, fileIndex: Int) throws(CaptureError) {
        guard let source = FileByteSource(path: path) else {
            throw CaptureError(.missingFile, path: path, detail: "cannot open file")
        }
        self.path = path
        self.fileIndex = fileIndex
        self.source = source
        try readFirstSectionHeader()
        readAheadToFirstInterface()
    }

    /// Validates the Section Header Block that must open the file; the only problems that make the file unusable.
    private func readFirstSectionHeader() throws(CaptureError) {
        let got = source.ensure(12)
        if got == 0 { throw CaptureError(.emptyFile, path: path, detail: "empty file, not a capture") }
        let head = source.window(got)
        guard head.le32(at: 0) == Self.sectionHeaderType || got < 4 else {
            throw CaptureError(.notACapture, path: path, detail: "not a pcapng file (no section header block)")
        }
        guard got == 12 else {
            throw CaptureError(.corruptHeader, path: path, detail: "pcapng section header is truncated (\(got) of 12 bytes)")
        }
        guard let length = blockLength() else {
            throw CaptureError(.corruptHeader, path: path, detail: "pcapng section header has an unknown byte-order magic")
        }
        guard length >= 28, length % 4 == 0, length <= Self.maximumBlockLength else {
            throw CaptureError(.corruptHeader, path: path, detail: "pcapng section header has an invalid length (\(length) bytes)")
        }
        let present = source.ensure(length)
        guard present == length else {
            throw CaptureError(.corruptHeader, path: path, detail: "pcapng section header is truncated (\(present) of \(length) bytes)")
        }
        if let problem = checkTrailer(source.window(length), length) ?? readSectionHeader(source.window(length)) {
            throw CaptureError(.corruptHeader, path: path, detail: problem)
        }
        source.consume(length)
    }

    /// Reads metadata blocks up to the first interface so the link types are known before the first packet.
    /// Stops quietly at anything unusual; `next()` reads the same block again and reports it.
    private func readAheadToFirstInterface() {
        while interfaces.isEmpty {
            guard case .block(let length) = checkNextBlock() else { return }
            let block = source.window(length)
            let type = read32(block, 0) ?? 0
            if isPacketBlock(type) || readMetadataBlock(type, block) != nil { return }
            source.consume(length)
        }
    }

    private func isPacketBlock(_ type: UInt32) -> Bool { type == 6 || type == 3 || type == 2 }

    private func read32(_ block: UnsafeRawBufferPointer, _ at: Int) -> UInt32? {
        bigEndian ? block.be32(at: at) : block.le32(at: at)
    }

    private func read16(_ block: UnsafeRawBufferPointer, _ at: Int) -> UInt16? {
        bigEndian ? block.be16(at: at) : block.le16(at: at)
    }

    /// The length of the block at the read position (12 bytes must be available), honouring a section
    /// header's own byte order; nil for a section header with an unknown byte-order magic.
    private func blockLength() -> Int? {
        let head = source.window(12)
        if head.le32(at: 0) == Self.sectionHeaderType {
            // Byte-order magic decides how to read this section (and its own length).
            if head.le32(at: 8) == Self.byteOrderMagic { bigEndian = false }
            else if head.be32(at: 8) == Self.byteOrderMagic { bigEndian = true }
            else { return nil }
        }
        return read32(head, 4).map { Int($0) }
    }

    private enum BlockCheck {
        case block(length: Int)
        case end(CaptureEnd)
    }

    /// Checks that a whole, well-framed block is at the read position and makes it available.
    private func checkNextBlock() -> BlockCheck {
        let available = source.ensure(12)
        if available == 0 { return .end(.endOfFile) }
        let at = source.offset
        if available < 12 { return .end(.truncated(detail: "file ends inside a block header at byte \(at)")) }
        guard let length = blockLength() else {
            return .end(.corrupt(detail: "section header with an unknown byte-order magic at byte \(at)"))
        }
        guard length >= 12, length % 4 == 0, length <= Self.maximumBlockLength else {
            return .end(.corrupt(detail: "invalid block length \(length) at byte \(at)"))
        }
        let present = source.ensure(length)
        guard present == length else {
            return .end(.truncated(detail: "file ends inside a \(length)-byte block at byte \(at) (\(present) bytes present)"))
        }
        if let problem = checkTrailer(source.window(length), length) { return .end(.corrupt(detail: problem + " at byte \(at)")) }
        return .block(length: length)
    }

    /// The trailing copy of the block length must match the leading one (§3.1).
    private func checkTrailer(_ block: UnsafeRawBufferPointer, _ length: Int) -> String? {
        let trailer = read32(block, length - 4) ?? 0
        return Int(trailer) == length ? nil : "block length fields disagree (\(length) leading, \(trailer) trailing)"
    }

    /// Section header, interface description or a skipped block; returns a problem text for an unusable one.
    private func readMetadataBlock(_ type: UInt32, _ block: UnsafeRawBufferPointer) -> String? {
        switch type {
        case Self.sectionHeaderType:
            return block.count >= 28 ? readSectionHeader(block) : "section header block of \(block.count) bytes"
        case 1:
            guard block.count >= 20 else { return "interface description block of \(block.count) bytes" }
            readInterface(block)
            return nil
        default:
            return nil  // name resolution, statistics, custom … blocks: skipped
        }
    }

    private func readSectionHeader(_ block: UnsafeRawBufferPointer) -> String? {
        guard let major = read16(block, 12), major == 1 else {
            return "unsupported pcapng version \(read16(block, 12) ?? 0).\(read16(block, 14) ?? 0)"
        }
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
                // if_tsresol: MSB clear = 10^-n seconds, set = 2^-n seconds.
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
            let length: Int
            switch checkNextBlock() {
            case .end(let reason): end = reason; return nil
            case .block(let blockLength): length = blockLength
            }
            let block = source.window(length)
            let type = read32(block, 0) ?? 0
            switch type {
            case 6, 2:
                // Enhanced Packet Block (6) / obsolete Packet Block (2, 16-bit interface id + drops): 28 bytes of
                // fields, the data padded to 4, the trailing length.
                guard let packet = packetBlock(type, block, length) else { return nil }
                source.consume(length)
                return packet
            case 3:
                guard let packet = simplePacketBlock(block, length) else { return nil }
                source.consume(length)
                return packet
            default:
                if let problem = readMetadataBlock(type, block) {
                    end = .corrupt(detail: problem + " at byte \(source.offset)")
                    return nil
                }
            }
            source.consume(length)
        }
    }

    private func packetBlock(_ type: UInt32, _ block: UnsafeRawBufferPointer, _ length: Int) -> (CaptureRecord, UnsafeRawBufferPointer)? {
        guard length >= 32, let interfaceID = type == 6 ? read32(block, 8).map(Int.init) : read16(block, 8).map(Int.init),
              let high = read32(block, 12), let low = read32(block, 16),
              let captured = read32(block, 20).map(Int.init), let original = read32(block, 24) else {
            end = .corrupt(detail: "packet block of \(length) bytes at byte \(source.offset)")
            return nil
        }
        guard interfaceID < interfaces.count else {
            end = .corrupt(detail: "packet block for undeclared interface \(interfaceID) at byte \(source.offset)")
            return nil
        }
        guard 28 + captured <= length - 4 else {
            end = .corrupt(detail: "captured length \(captured) exceeds its \(length)-byte block at byte \(source.offset)")
            return nil
        }
        let interface = interfaces[interfaceID]
        packetNumber += 1
        let record = CaptureRecord(
            fileIndex: fileIndex, packetNumber: packetNumber,
            timestamp: timestamp(UInt64(high) << 32 | UInt64(low), interface),
            capturedLength: captured, originalLength: Int(original), linkType: interface.linkType)
        return (record, UnsafeRawBufferPointer(rebasing: block[28 ..< 28 + captured]))
    }

    /// Simple Packet Block (§4.4): interface 0, no timestamp (reported as 0), captured length
    /// min(original length, interface snaplen, room in the block).
    private func simplePacketBlock(_ block: UnsafeRawBufferPointer, _ length: Int) -> (CaptureRecord, UnsafeRawBufferPointer)? {
        guard let interface = interfaces.first else {
            end = .corrupt(detail: "simple packet block before any interface description at byte \(source.offset)")
            return nil
        }
        guard length >= 16, let original = read32(block, 8) else {
            end = .corrupt(detail: "simple packet block of \(length) bytes at byte \(source.offset)")
            return nil
        }
        var captured = min(Int(original), length - 16)
        if interface.snapLength > 0 { captured = min(captured, Int(interface.snapLength)) }
        packetNumber += 1
        let record = CaptureRecord(fileIndex: fileIndex, packetNumber: packetNumber, timestamp: .zero,
                                   capturedLength: captured, originalLength: Int(original), linkType: interface.linkType)
        return (record, UnsafeRawBufferPointer(rebasing: block[12 ..< 12 + captured]))
    }
}
