#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one 20 ms audio payload every packet of a run carries (copied with one memcpy per packet).
///
/// G.711: a 400 Hz tone at −20 dBFS; 20 ms hold exactly 8 periods, so repeating the frame is
/// seamless. The samples are encoded with the ITU-T G.711 µ-law / A-law segment rules.
/// G.722 and Opus: a fixed filler (Opus frames start with TOC 0x08: SILK narrowband, 20 ms, mono,
/// one frame, RFC 6716 3.1); they carry no meaningful audio.
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
            case .opus: byte = i == 0 ? 0x08 : UInt8(truncatingIfNeeded: 0x3C &+ i &* 53)
            }
            bytes.storeBytes(of: byte, toByteOffset: i, as: UInt8.self)
        }
    }

    deinit { bytes.deallocate() }

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
