/// ITU-T G.711 companding (8-bit codes ↔ 16-bit linear PCM), pure Swift, no tables to allocate.
///
/// µ-law: bias 0x84 (132), segment = position of the highest set bit of (|x| + 132) >> 7, 4-bit mantissa,
/// code bits inverted; decoded magnitudes reach ±32124. A-law: 13-bit magnitude (x >> 3), segment end points
/// 0x1F…0xFFF, even bits inverted (XOR 0x55), sign bit 1 = positive; decoded magnitudes reach ±32256.
public enum G711 {
    /// Decodes one µ-law (PCMU) code to 16-bit linear PCM.
    @inlinable public static func decodeMuLaw(_ code: UInt8) -> Int16 {
        let u = ~code
        let exponent = Int32((u >> 4) & 0x07)
        let mantissa = Int32(u & 0x0F)
        let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
        return Int16(u & 0x80 != 0 ? -magnitude : magnitude)
    }

    /// Encodes one 16-bit linear sample to µ-law (PCMU); magnitudes above 32635 are clipped.
    @inlinable public static func encodeMuLaw(_ sample: Int16) -> UInt8 {
        var x = Int32(sample)
        let sign: UInt8 = x < 0 ? 0x80 : 0
        if x < 0 { x = -x }
        x = min(x, 32635) + 0x84
        var exponent: Int32 = 7
        while exponent > 0 && (x & (0x4000 >> (7 - exponent))) == 0 { exponent -= 1 }
        let mantissa = (x >> (exponent + 3)) & 0x0F
        return ~(sign | UInt8(exponent << 4) | UInt8(mantissa))
    }

    /// Decodes one A-law (PCMA) code to 16-bit linear PCM.
    @inlinable public static func decodeALaw(_ code: UInt8) -> Int16 {
        let a = code ^ 0x55
        var t = Int32(a & 0x0F) << 4
        let segment = Int32((a & 0x70) >> 4)
        switch segment {
        case 0: t += 8
        case 1: t += 0x108
        default: t = (t + 0x108) << (segment - 1)
        }
        return Int16(a & 0x80 != 0 ? t : -t)
    }

    /// Encodes one 16-bit linear sample to A-law (PCMA).
    @inlinable public static func encodeALaw(_ sample: Int16) -> UInt8 {
        var x = Int32(sample) >> 3
        let mask: UInt8
        if x >= 0 { mask = 0xD5 } else { mask = 0x55; x = -x - 1 }
        var segment: Int32 = 0
        var end: Int32 = 0x1F
        while segment < 8 && x > end { segment += 1; end = (end << 1) | 1 }
        if segment >= 8 { return 0x7F ^ mask }
        var code = UInt8(segment << 4)
        code |= UInt8(((segment < 2) ? (x >> 1) : (x >> segment)) & 0x0F)
        return code ^ mask
    }
}
