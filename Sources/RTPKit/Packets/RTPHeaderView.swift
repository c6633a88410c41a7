import WireCore

/// A validated view of one RTP packet (RFC 3550 §5.1) over borrowed bytes.
///
/// Every length (CSRC list, header extension, padding) is checked once in `init`; the
/// accessors then read without further checks. The view borrows the buffer: use it only
/// while the buffer is alive, and copy out what must outlive the packet.
public struct RTPHeaderView {
    public let bytes: UnsafeRawBufferPointer
    /// Offset of the first payload byte (after CSRCs and extension).
    public let payloadOffset: Int
    /// Number of padding bytes at the end (0 when the P bit is clear).
    public let paddingCount: Int

    /// Fixed header length (RFC 3550 §5.1).
    public static let fixedHeaderLength = 12

    /// Validates `bytes` as an RTP packet (version 2).
    /// - Throws: `ParseError` with layer `.rtp`: `.truncated` when the fixed header, CSRC list
    ///   or extension runs past the end; `.invalidValue` for a version other than 2;
    ///   `.badLength` when the padding count is 0 or exceeds the bytes after the header.
    public init(_ bytes: UnsafeRawBufferPointer) throws(ParseError) {
        let available = bytes.count
        guard available >= Self.fixedHeaderLength else {
            throw .truncated(.rtp, offset: 0, needed: Self.fixedHeaderLength, available: available)
        }
        let first = bytes[0]
        guard first >> 6 == 2 else {
            throw ParseError(.invalidValue, layer: .rtp, offset: 0, detail: "RTP version \(first >> 6), expected 2")
        }
        var offset = Self.fixedHeaderLength + Int(first & 0x0F) * 4
        guard offset <= available else {
            throw .truncated(.rtp, offset: Self.fixedHeaderLength, needed: offset, available: available)
        }
        if first & 0x10 != 0 {
            guard offset + 4 <= available else {
                throw .truncated(.rtp, offset: offset, needed: offset + 4, available: available)
            }
            let words = Int(UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3]))
            let end = offset + 4 + words * 4
            guard end <= available else {
                throw .truncated(.rtp, offset: offset, needed: end, available: available)
            }
            offset = end
        }
        var padding = 0
        if first & 0x20 != 0 {
            padding = Int(bytes[available - 1])
            guard padding > 0, padding <= available - offset else {
                throw ParseError(.badLength, layer: .rtp, offset: available - 1, needed: padding,
                                 available: available - offset, detail: "padding count exceeds payload")
            }
        }
        self.bytes = bytes
        self.payloadOffset = offset
        self.paddingCount = padding
    }

    @inlinable public var version: UInt8 { bytes[0] >> 6 }
    @inlinable public var hasPadding: Bool { bytes[0] & 0x20 != 0 }
    @inlinable public var hasExtension: Bool { bytes[0] & 0x10 != 0 }
    @inlinable public var csrcCount: Int { Int(bytes[0] & 0x0F) }
    @inlinable public var marker: Bool { bytes[1] & 0x80 != 0 }
    @inlinable public var payloadType: UInt8 { bytes[1] & 0x7F }
    @inlinable public var sequenceNumber: UInt16 { UInt16(bytes[2]) << 8 | UInt16(bytes[3]) }
    /// RTP timestamp in the payload's clock units.
    @inlinable public var timestamp: UInt32 { readBE32(4) }
    @inlinable public var ssrc: UInt32 { readBE32(8) }
    /// The i-th contributing source, `i < csrcCount`.
    @inlinable public func csrc(_ index: Int) -> UInt32? {
        guard index >= 0, index < csrcCount else { return nil }
        return readBE32(12 + index * 4)
    }
    /// The 16-bit profile-defined value of the header extension (0xBEDE = RFC 8285 one-byte), if any.
    public var extensionProfile: UInt16? {
        guard hasExtension else { return nil }
        let at = 12 + csrcCount * 4
        return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }
    /// Payload bytes, excluding padding.
    @inlinable public var payloadRange: ByteRange {
        ByteRange(start: payloadOffset, count: bytes.count - payloadOffset - paddingCount)
    }
    @inlinable public var payload: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[payloadOffset ..< bytes.count - paddingCount])
    }

    @inlinable func readBE32(_ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    /// The fields statistics need, copied out of the packet.
    public var fields: RTPPacketFields {
        RTPPacketFields(sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc,
                        payloadType: payloadType, marker: marker, payloadSize: payloadRange.count)
    }
}

/// The header fields of one RTP packet that stream statistics consume (a copy, no borrowed bytes).
public struct RTPPacketFields: Sendable, Hashable {
    public var sequenceNumber: UInt16
    /// RTP timestamp, clock units.
    public var timestamp: UInt32
    public var ssrc: UInt32
    public var payloadType: UInt8
    public var marker: Bool
    /// Payload length in bytes (excluding header, extension and padding).
    public var payloadSize: Int

    public init(sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32, payloadType: UInt8, marker: Bool, payloadSize: Int) {
        self.sequenceNumber = sequenceNumber; self.timestamp = timestamp; self.ssrc = ssrc
        self.payloadType = payloadType; self.marker = marker; self.payloadSize = payloadSize
    }
}
