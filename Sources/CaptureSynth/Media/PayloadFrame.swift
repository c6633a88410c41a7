#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one 20 ms audio payload every packet of a run carries (copied with one memcpy per packet).
///
/// G.711: a 400 Hz tone at −20 dBFS; 20 ms hold exactly 8 periods, so repeating the frame is
/// seamless. The samples are encoded with the ITU-T G.711 µ-law / A-law segment rules.
/// Opus: one real 80-byte frame of the same tone (libopus 1.x, 48 kHz mono, VOIP, 32 kbit/s CBR;
/// TOC 0x4B = SILK wideband 20 ms, code 3, RFC 6716 3.1), repeated: every packet decodes.
/// G.722: a fixed filler that carries no meaningful audio (no encoder at hand).
final class PayloadFrame {
    let bytes: UnsafeMutableRawPointer
    let count: Int

    init(codec: SynthCodec) {
        count = codec.payloadBytes
        bytes = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 8)
        for i in 0..<count {
            let sample = Int32((sin(2 * Double.pi * 400 * Double(i) / 8000) * 3277).rounded())
            let byte: UInt8
            switch codec {
            case .pcmu: byte = PayloadFrame.muLaw(sample)
            case .pcma: byte = PayloadFrame.aLaw(sample)
            case .g722: byte = UInt8(truncatingIfNeeded: 0x5A &+ i &* 37)
            case .opus: byte = PayloadFrame.opusToneFrame[i]
            }
            bytes.storeBytes(of: byte, toByteOffset: i, as: UInt8.self)
        }
    }

    deinit { bytes.deallocate() }

    /// The 10th 20 ms frame of libopus encoding the 400 Hz −20 dBFS tone (see the type's comment).
    static let opusToneFrame: [UInt8] = [
        0x4B, 0x41, 0x00, 0x99, 0x15, 0x51, 0xD3, 0x3E, 0xE7, 0x8D, 0xCB, 0xBD,
        0xFE, 0xF0, 0xDA, 0xC2, 0x7B, 0xE7, 0xDA, 0xFC, 0x9C, 0x7F, 0x4C, 0xAB,
        0x40, 0x1A, 0x67, 0xDD, 0x09, 0x73, 0x97, 0xCE, 0xA1, 0xC4, 0x9E, 0x20,
        0x12, 0x94, 0x77, 0x7C, 0x4B, 0xE0, 0x99, 0x44, 0xD0, 0x7A, 0xF9, 0xA1,
        0xED, 0x72, 0x63, 0x41, 0x2E, 0xD1, 0x31, 0x9B, 0x2A, 0x95, 0xAD, 0x58,
        0xC9, 0x74, 0x1F, 0x61, 0x60, 0x5A, 0x94, 0xD4, 0xE7, 0xAE, 0x18, 0xF5,
        0x85, 0x92, 0x26, 0x23, 0x4F, 0x32, 0x10, 0x80,
    ]

    /// G.711 µ-law of a 16-bit linear sample (14-bit magnitude, bias 33, 8 segments).
    static func muLaw(_ sample: Int32) -> UInt8 {
        var value = sample >> 2
        var mask: Int32 = 0xFF
        if value < 0 { value = -value; mask = 0x7F }
        value = min(value, 8159) + 0x21
        var segment: Int32 = 0
        while segment < 8 && value >= (Int32(0x40) << segment) { segment += 1 }
        if segment >= 8 { return UInt8(0x7F ^ mask) }
        return UInt8(truncatingIfNeeded: ((segment << 4) | ((value >> (segment + 1)) & 0xF)) ^ mask)
    }

    /// G.711 A-law of a 16-bit linear sample (13-bit, even bits inverted with 0x55).
    static func aLaw(_ sample: Int32) -> UInt8 {
        var value = sample >> 3
        var mask: Int32 = 0xD5
        if value < 0 { mask = 0x55; value = -value - 1 }
        var segment: Int32 = 0
        while segment < 8 && value >= (Int32(0x20) << segment) { segment += 1 }
        if segment >= 8 { return UInt8(0x7F ^ mask) }
        let mantissa = segment < 2 ? (value >> 1) & 0xF : (value >> segment) & 0xF
        return UInt8(truncatingIfNeeded: ((segment << 4) | mantissa) ^ mask)
    }
}
