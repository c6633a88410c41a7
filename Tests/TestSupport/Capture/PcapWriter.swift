import WireCore

/// Builds a classic libpcap capture file in memory (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html).
///
/// Magic 0xA1B2C3D4 (microsecond timestamps) or 0xA1B23C4D (nanosecond), written in either byte order.
public struct PcapWriter: Sendable {
    public enum Precision: Sendable { case microseconds, nanoseconds }

    public let byteOrder: ByteOrder
    public let precision: Precision
    public let linkType: UInt32
    public let snaplen: UInt32
    /// The file so far: the 24-byte file header followed by every record.
    public private(set) var bytes: [UInt8] = []
    /// Byte offset of each record header in `bytes`.
    public private(set) var recordOffsets: [Int] = []

    public init(linkType: UInt32 = LinkTypeNumber.ethernet, snaplen: UInt32 = 262_144, precision: Precision = .microseconds,
                byteOrder: ByteOrder = .littleEndian, versionMajor: UInt16 = 2, versionMinor: UInt16 = 4) {
        self.linkType = linkType; self.snaplen = snaplen; self.precision = precision; self.byteOrder = byteOrder
        bytes.append(precision == .microseconds ? UInt32(0xA1B2_C3D4) : UInt32(0xA1B2_3C4D), byteOrder)
        bytes.append(versionMajor, byteOrder)
        bytes.append(versionMinor, byteOrder)
        bytes.append(UInt32(0), byteOrder)  // thiszone
        bytes.append(UInt32(0), byteOrder)  // sigfigs
        bytes.append(snaplen, byteOrder)
        bytes.append(linkType, byteOrder)
    }

    /// Appends `frame` captured at `time`. Frames longer than the snaplen are cut to it (caplen < len);
    /// `originalLength` overrides the on-the-wire length (default: the frame's full length).
    public mutating func append(_ frame: [UInt8], at time: Timestamp, originalLength: Int? = nil) {
        let captured = Array(frame.prefix(Int(snaplen)))
        appendRecord(time: time, capturedLength: UInt32(captured.count),
                     originalLength: UInt32(truncatingIfNeeded: originalLength ?? frame.count), data: captured)
    }

    /// Appends a record with header fields exactly as given, for malformed-file tests
    /// (e.g. `capturedLength` larger than the data or the snaplen).
    public mutating func appendRecord(time: Timestamp, capturedLength: UInt32, originalLength: UInt32, data: [UInt8]) {
        recordOffsets.append(bytes.count)
        let fraction = precision == .microseconds ? time.subsecondNanoseconds / 1_000 : time.subsecondNanoseconds
        bytes.append(UInt32(truncatingIfNeeded: time.wholeSeconds), byteOrder)
        bytes.append(UInt32(truncatingIfNeeded: fraction), byteOrder)
        bytes.append(capturedLength, byteOrder)
        bytes.append(originalLength, byteOrder)
        bytes += data
    }

    /// The file cut inside record `index` after `keeping` bytes of that record (its 16-byte header counts):
    /// `keeping < 16` cuts the record header, larger values cut its data. The shape of a capture whose writer died.
    public func truncated(inRecord index: Int, keeping: Int) -> [UInt8] {
        guard index < recordOffsets.count else { return bytes }
        return Array(bytes.prefix(recordOffsets[index] + keeping))
    }
}
