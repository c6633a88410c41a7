import WireCore

/// Builds a pcapng file in memory (draft-ietf-opsawg-pcapng): a Section Header Block, Interface Description
/// Blocks with their own link types and `if_tsresol`, Enhanced and Simple Packet Blocks.
public struct PcapngWriter: Sendable {
    /// Timestamp units of one interface (the `if_tsresol` option, §4.2): 10^-n or 2^-n seconds.
    public enum TimestampResolution: Sendable, Hashable {
        case power10(UInt8)
        case power2(UInt8)
        public static let microseconds = TimestampResolution.power10(6)
        public static let nanoseconds = TimestampResolution.power10(9)

        /// The option byte: MSB clear = negative power of 10, set = negative power of 2.
        public var optionByte: UInt8 {
            switch self { case .power10(let n): n & 0x7F; case .power2(let n): 0x80 | n & 0x7F }
        }

        /// `time` expressed in this resolution's units (truncated toward zero).
        public func units(of time: Timestamp) -> UInt64 {
            let ns = UInt128(UInt64(bitPattern: time.nanoseconds))
            switch self {
            case .power10(let n):
                if n >= 9 {
                    var scale: UInt128 = 1
                    for _ in 0..<(Int(n) - 9) { scale *= 10 }
                    return UInt64(truncatingIfNeeded: ns * scale)
                }
                var divisor: UInt128 = 1
                for _ in 0..<(9 - Int(n)) { divisor *= 10 }
                return UInt64(truncatingIfNeeded: ns / divisor)
            case .power2(let n):
                return UInt64(truncatingIfNeeded: (ns << UInt128(n)) / 1_000_000_000)
            }
        }
    }

    public struct Interface: Sendable, Hashable {
        public var linkType: UInt16
        public var snaplen: UInt32
        /// nil = no `if_tsresol` option (readers assume microseconds).
        public var resolution: TimestampResolution?
    }

    public let byteOrder: ByteOrder
    public private(set) var bytes: [UInt8] = []
    /// Interfaces of the current section, indexed by interface id.
    public private(set) var interfaces: [Interface] = []
    /// Byte offset of each packet block in `bytes`.
    public private(set) var packetBlockOffsets: [Int] = []

    /// Starts the file with a Section Header Block (version 1.0, section length -1 = unknown).
    public init(byteOrder: ByteOrder = .littleEndian, application: String? = "CallScope tests") {
        self.byteOrder = byteOrder
        startSection(application: application)
    }

    /// Appends a new Section Header Block; interface ids restart at 0.
    public mutating func startSection(application: String? = nil) {
        interfaces = []
        var body: [UInt8] = []
        body.append(UInt32(0x1A2B_3C4D), byteOrder)
        body.append(UInt16(1), byteOrder)
        body.append(UInt16(0), byteOrder)
        body.append(UInt64.max, byteOrder)  // section length unknown
        var options: [(UInt16, [UInt8])] = []
        if let application { options.append((4, Array(application.utf8))) }  // shb_userappl
        appendBlock(type: 0x0A0D_0D0A, body: body + encodeOptions(options))
    }

    /// Adds an Interface Description Block and returns its interface id.
    @discardableResult
    public mutating func addInterface(linkType: UInt32, snaplen: UInt32 = 0, resolution: TimestampResolution? = nil,
                                      name: String? = nil) -> UInt32 {
        var body: [UInt8] = []
        body.append(UInt16(truncatingIfNeeded: linkType), byteOrder)
        body.append(UInt16(0), byteOrder)
        body.append(snaplen, byteOrder)
        var options: [(UInt16, [UInt8])] = []
        if let name { options.append((2, Array(name.utf8))) }  // if_name
        if let resolution { options.append((9, [resolution.optionByte])) }  // if_tsresol
        appendBlock(type: 1, body: body + encodeOptions(options))
        interfaces.append(Interface(linkType: UInt16(truncatingIfNeeded: linkType), snaplen: snaplen, resolution: resolution))
        return UInt32(interfaces.count - 1)
    }

    /// Appends an Enhanced Packet Block for `interface`. The frame is cut to the interface snaplen (when non-zero);
    /// `originalLength` overrides the wire length.
    public mutating func appendEnhancedPacket(interface: UInt32, at time: Timestamp, frame: [UInt8], originalLength: Int? = nil) {
        let info = Int(interface) < interfaces.count ? interfaces[Int(interface)] : nil
        let resolution = info?.resolution ?? .microseconds
        let snaplen = Int(info?.snaplen ?? 0)
        let captured = snaplen > 0 ? Array(frame.prefix(snaplen)) : frame
        let units = resolution.units(of: time)
        var body: [UInt8] = []
        body.append(interface, byteOrder)
        body.append(UInt32(truncatingIfNeeded: units >> 32), byteOrder)
        body.append(UInt32(truncatingIfNeeded: units), byteOrder)
        body.append(UInt32(captured.count), byteOrder)
        body.append(UInt32(truncatingIfNeeded: originalLength ?? frame.count), byteOrder)
        body += captured
        body.padToMultiple(of: 4)
        packetBlockOffsets.append(bytes.count)
        appendBlock(type: 6, body: body)
    }

    /// Appends a Simple Packet Block (interface 0, no timestamp). The captured part is the frame cut to
    /// interface 0's snaplen, as the format requires.
    public mutating func appendSimplePacket(frame: [UInt8], originalLength: Int? = nil) {
        let snaplen = Int(interfaces.first?.snaplen ?? 0)
        let captured = snaplen > 0 ? Array(frame.prefix(snaplen)) : frame
        var body: [UInt8] = []
        body.append(UInt32(truncatingIfNeeded: originalLength ?? frame.count), byteOrder)
        body += captured
        body.padToMultiple(of: 4)
        packetBlockOffsets.append(bytes.count)
        appendBlock(type: 3, body: body)
    }

    /// Appends a block of any type verbatim (e.g. an unknown block type readers must skip).
    public mutating func appendBlock(type: UInt32, body: [UInt8]) {
        var padded = body
        padded.padToMultiple(of: 4)
        let total = UInt32(12 + padded.count)
        bytes.append(type, byteOrder)
        bytes.append(total, byteOrder)
        bytes += padded
        bytes.append(total, byteOrder)
    }

    /// The file cut inside packet block `index` after `keeping` bytes of it.
    public func truncated(inPacketBlock index: Int, keeping: Int) -> [UInt8] {
        guard index < packetBlockOffsets.count else { return bytes }
        return Array(bytes.prefix(packetBlockOffsets[index] + keeping))
    }

    /// Options list: (code, value) TLVs each padded to 4, then opt_endofopt. Empty list → no bytes.
    private func encodeOptions(_ options: [(UInt16, [UInt8])]) -> [UInt8] {
        guard !options.isEmpty else { return [] }
        var out: [UInt8] = []
        for (code, value) in options {
            out.append(code, byteOrder)
            out.append(UInt16(value.count), byteOrder)
            out += value
            out.padToMultiple(of: 4)
        }
        out.append(UInt32(0), byteOrder)
        return out
    }
}
