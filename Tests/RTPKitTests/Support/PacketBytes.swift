import WireCore
@testable import RTPKit

/// Builds RTP/RTCP wire bytes for tests.
enum PacketBytes {
    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func rtp(sequence: UInt16, timestamp: UInt32, ssrc: UInt32 = 0x1234_5678, payloadType: UInt8 = 0,
                    marker: Bool = false, payload: [UInt8] = Array(repeating: 0xD5, count: 160),
                    csrcs: [UInt32] = [], extensionWords: [UInt32]? = nil, padding: Int = 0) -> [UInt8] {
        var first: UInt8 = 0x80 | UInt8(csrcs.count)
        if padding > 0 { first |= 0x20 }
        if extensionWords != nil { first |= 0x10 }
        var bytes: [UInt8] = [first, (marker ? 0x80 : 0) | payloadType]
        bytes += be16(sequence) + be32(timestamp) + be32(ssrc)
        for c in csrcs { bytes += be32(c) }
        if let words = extensionWords {
            bytes += be16(0xBEDE) + be16(UInt16(words.count))
            for w in words { bytes += be32(w) }
        }
        bytes += payload
        if padding > 0 { bytes += Array(repeating: 0, count: padding - 1) + [UInt8(padding)] }
        return bytes
    }

    /// An RTCP packet header + body (body length must be a multiple of 4).
    static func rtcp(type: UInt8, count: UInt8, body: [UInt8]) -> [UInt8] {
        [0x80 | count, type] + be16(UInt16(body.count / 4)) + body
    }

    static func reportBlock(ssrc: UInt32, fraction: UInt8, cumulative: Int32, highest: UInt32, jitter: UInt32,
                            lsr: UInt32, dlsr: UInt32) -> [UInt8] {
        be32(ssrc) + [fraction] + Array(be32(UInt32(bitPattern: cumulative)).suffix(3)) + be32(highest) + be32(jitter)
            + be32(lsr) + be32(dlsr)
    }
}

extension Array where Element == UInt8 {
    /// Runs `body` with the bytes as an `UnsafeRawBufferPointer`.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes { try body($0) }
    }
}

/// Milliseconds → Timestamp (from an arbitrary epoch base).
func at(ms: Double, base: Int64 = 1_700_000_000_000_000_000) -> Timestamp {
    Timestamp(nanoseconds: base + Int64((ms * 1_000_000).rounded()))
}
