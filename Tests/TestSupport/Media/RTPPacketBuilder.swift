/// An RTP packet (RFC 3550 §5.1) with every header field settable.
public struct RTPPacketBuilder: Sendable, Hashable {
    /// Version field; 2 for RTP (set other values to test rejection).
    public var version: UInt8 = 2
    public var payloadType: UInt8
    public var marker: Bool = false
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// Up to 15 contributing sources (the CC field is `csrcs.count`).
    public var csrcs: [UInt32] = []
    /// Header extension (X bit): profile-defined 16 bits and the extension words.
    public var extensionHeader: (profile: UInt16, words: [UInt32])? = nil
    public var payload: [UInt8] = []
    /// Number of padding bytes to append (P bit set when > 0; the last byte holds the count, RFC 3550 §5.1).
    public var paddingCount: UInt8 = 0

    public init(payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
                marker: Bool = false, csrcs: [UInt32] = [], payload: [UInt8] = []) {
        self.payloadType = payloadType; self.sequenceNumber = sequenceNumber; self.timestamp = timestamp
        self.ssrc = ssrc; self.marker = marker; self.csrcs = csrcs; self.payload = payload
    }

    public var bytes: [UInt8] {
        var out: [UInt8] = []
        let cc = UInt8(min(csrcs.count, 15))
        out.append(version << 6 | (paddingCount > 0 ? 0x20 : 0) | (extensionHeader != nil ? 0x10 : 0) | cc)
        out.append((marker ? 0x80 : 0) | payloadType & 0x7F)
        out.appendBigEndian(sequenceNumber)
        out.appendBigEndian(timestamp)
        out.appendBigEndian(ssrc)
        for csrc in csrcs.prefix(15) { out.appendBigEndian(csrc) }
        if let ext = extensionHeader {
            out.appendBigEndian(ext.profile)
            out.appendBigEndian(UInt16(truncatingIfNeeded: ext.words.count))
            for word in ext.words { out.appendBigEndian(word) }
        }
        out += payload
        if paddingCount > 0 {
            out += Array(repeating: 0, count: Int(paddingCount) - 1)
            out.append(paddingCount)
        }
        return out
    }

    public static func == (lhs: RTPPacketBuilder, rhs: RTPPacketBuilder) -> Bool { lhs.bytes == rhs.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}
