import Testing
@testable import QualityModel

/// Codec names are matched after normalisation (lower case, letters and digits only); the ASCII fast path
/// must equal the Unicode rule it shortcuts.
@Suite struct CodecNameTests {
    static func unicodeRule(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSetLike.isAlphanumeric($0) }.map(Character.init))
    }

    @Test func asciiNamesNormaliseLikeTheUnicodeRule() {
        var state: UInt64 = 11
        for _ in 0 ..< 3_000 {
            var bytes: [UInt8] = []
            for _ in 0 ..< Int(state % 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33) & 0x7F)
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let name = String(decoding: bytes, as: UTF8.self)
            #expect(CodecImpairmentTable.normalized(name) == Self.unicodeRule(name), "\(bytes)")
        }
        #expect(CodecImpairmentTable.normalized("G.711 A-law") == "g711alaw")
        #expect(CodecImpairmentTable.normalized("G711µLaw") == "g711µlaw")   // non-ASCII: the Unicode rule
        #expect(CodecImpairmentTable.lookup("AMR-WB")?.scale == .wideband)
    }
}
