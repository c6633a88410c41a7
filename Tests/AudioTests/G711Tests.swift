import Testing
@testable import Audio

@Suite struct G711Tests {
    /// G.711 µ-law: 0xFF/0x7F are ±0, 0x80 the largest positive (((15·8 + 132) << 7) − 132 = 32124),
    /// 0x00 the largest negative; 0xEF: ~ → 0x10: exponent 1, mantissa 0 → ((0 + 132) << 1) − 132 = 132.
    @Test func muLawKnownCodes() {
        #expect(G711.decodeMuLaw(0xFF) == 0)
        #expect(G711.decodeMuLaw(0x7F) == 0)
        #expect(G711.decodeMuLaw(0x80) == 32124)
        #expect(G711.decodeMuLaw(0x00) == -32124)
        #expect(G711.decodeMuLaw(0xEF) == 132)
        #expect(G711.encodeMuLaw(0) == 0xFF)
        #expect(G711.encodeMuLaw(32767) == 0x80)
        #expect(G711.encodeMuLaw(-32768) == 0x00)
    }

    /// G.711 A-law: 0xD5 (XOR 0x55 = 0x80: positive, segment 0, mantissa 0) → 8; 0x55 → −8;
    /// 0xAA (^0x55 = 0xFF: segment 7, mantissa 15) → ((15 << 4) + 0x108) << 6 = 32256; 0x2A → −32256.
    @Test func aLawKnownCodes() {
        #expect(G711.decodeALaw(0xD5) == 8)
        #expect(G711.decodeALaw(0x55) == -8)
        #expect(G711.decodeALaw(0xAA) == 32256)
        #expect(G711.decodeALaw(0x2A) == -32256)
        #expect(G711.encodeALaw(0) == 0xD5)
        #expect(G711.encodeALaw(32767) == 0xAA)
        #expect(G711.encodeALaw(-32768) == 0x2A)
    }

    /// Every code decodes to a value that encodes back to the same code (µ-law 0x7F is −0 → re-encodes as +0 0xFF).
    @Test func everyCodeRoundTrips() {
        for code in UInt8.min...UInt8.max {
            let mu = G711.encodeMuLaw(G711.decodeMuLaw(code))
            #expect(mu == code || (code == 0x7F && mu == 0xFF), "µ-law \(code)")
            #expect(G711.encodeALaw(G711.decodeALaw(code)) == code, "A-law \(code)")
        }
    }

    /// Companding error is bounded by half a quantization step: ≤ 2^(exponent+2) for µ-law; check relative error.
    @Test func quantizationErrorIsSmall() {
        for x in stride(from: -32000, through: 32000, by: 37) {
            let s = Int16(x)
            let mu = Int(G711.decodeMuLaw(G711.encodeMuLaw(s)))
            let a = Int(G711.decodeALaw(G711.encodeALaw(s)))
            let bound = max(16, abs(x) / 16)  // step/2 ≤ |x|/32 above the first segments
            #expect(abs(mu - x) <= bound, "µ \(x) → \(mu)")
            #expect(abs(a - x) <= bound, "A \(x) → \(a)")
        }
    }
}
