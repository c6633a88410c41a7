import Testing
@testable import SIPKit

@Suite struct MessageEssentialsTests {
    @Test(arguments: [
        ("\"Alice\" <sip:a@b>;tag=123", "123"),
        ("sip:a@b;tag=xyz;other=1", "xyz"),          // addr-spec: parameters after the URI are header parameters
        ("<sip:a@b;tag=inside>", nil),                // a URI parameter called tag is not the header tag
        ("<sip:a@b>;TAG = up ;x", "up"),              // case-insensitive name, spaces around '='
        ("<sip:a@b>;tagx=1", nil),
        ("<sip:a@b>", nil),
        ("<sip:a@b>;;tag=2;tag=9", "2"),              // empty parameters skipped, first tag wins
        ("<sip:a@b>x;tag=3", "3"),                    // text after '>' not starting with ';': its first part is skipped
        ("<sip:a@b>tag=4", nil),
        ("\"A>B\" <sip:a@b>;Tag\t=\t5 ", "5"),          // tabs around '=', value trimmed
        ("<sip:a@b>;tag=", ""),                      // present but empty
        ("<sip:ü@b>;tag=ünï", "ünï"),
        ("", nil),
    ] as [(String, String?)])
    func tagExtraction(value: String, expected: String?) {
        #expect(MessageEssentials.tag(in: value) == expected)
    }

    @Test func onePassAgreesWithAccessors() throws {
        let m = try SIPText.parse(SIPText.message([
            "PRACK sip:b@b SIP/2.0", "v: SIP/2.0/UDP h;branch=z9hG4bKone, SIP/2.0/UDP g;branch=z9hG4bKtwo",
            "i: cid", "CSeq: 7 PRACK", "f: <sip:a@a>;tag=fa", "t: <sip:b@b>;tag=tb", "RAck: 1 1 INVITE",
        ], body: SIPText.sdp()))
        let e = MessageEssentials(m)
        #expect(e.callID == m.callID && e.cseq?.number == 7 && e.cseq?.method == .prack)
        #expect(e.fromTag == m.fromTag && e.toTag == m.toTag && e.topViaBranch == m.topViaBranch)
        #expect(e.topViaBranch == "z9hG4bKone" && e.reliableSequence == "1 1 INVITE" && e.sdpBody == m.body)
    }
}

/// The one-pass Via branch reader gives what splitting and parsing every parameter gives, on hand cases and on
/// random values built from the characters that matter (separators, quotes, escapes, brackets, spaces, case).
@Suite struct TopViaBranchTests {
    static func reference(_ value: String) -> String? {
        let first = splitOutsideQuotes(value[...], separator: ",").first ?? value[...]
        return parseParameters(splitOutsideQuotes(first, separator: ";").dropFirst()[...]).value(of: "branch")
    }

    @Test(arguments: [
        ("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport", "z9hG4bK1"),
        ("SIP/2.0/UDP h;rport;BRANCH = \"z9\" ;x", "z9"),
        ("SIP/2.0/UDP h;branch", ""),
        ("SIP/2.0/UDP h, SIP/2.0/UDP g;branch=second", nil),
        ("SIP/2.0/UDP h;x=\"a;branch=no\";branch=yes", "yes"),
        ("branch=z", nil),
        ("", nil),
    ] as [(String, String?)])
    func handCases(value: String, expected: String?) {
        #expect(MessageEssentials.topViaBranch(value) == expected)
        #expect(Self.reference(value) == expected)
    }

    @Test func randomValuesAgreeWithTheParameterParser() {
        let pieces = [";", ",", "\"", "\\", "<", ">", " ", "\t", "=", "branch", "BRANCH", "Branch ", "a", "z9", "ü", ";branch="]
        var state: UInt64 = 7
        for _ in 0 ..< 3000 {
            var value = "SIP/2.0/UDP h"
            for _ in 0 ..< Int(state % 12) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                value += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            #expect(MessageEssentials.topViaBranch(value) == Self.reference(value), "\(value)")
        }
    }
}

/// The byte-level text helpers agree with their definitions on ASCII (and leave other bytes alone).
@Suite struct ASCIITextHelperTests {
    @Test func lowercasingMatchesPerByteDefinition() {
        var state: UInt64 = 99
        for _ in 0 ..< 300 {
            var bytes: [UInt8] = []
            for _ in 0 ..< Int(state % 24) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33) & 0x7F)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = String(decoding: bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
            #expect(text.asciiLowercased == expected)
            #expect(("<" + text + ">").dropFirst().dropLast().asciiLowercased == expected, "substring")
        }
        #expect("Content-TYPE Ünï".asciiLowercased == "content-type Ünï")
    }

    @Test(arguments: [("RTP/SAVP", true), ("rtp/savpf", true), ("UDP/TLS/RTP/SAVPF", true), ("RTP/AVP", false),
                      ("SAV", false), ("", false), ("xSaVp", true), ("RTP/SAV P", false)])
    func containsIgnoringCase(text: String, expected: Bool) {
        #expect(text.containsIgnoringASCIICase("SAVP") == expected)
    }

    @Test func splitOutsideQuotesHonoursQuotesEscapesAndBrackets() {
        let text = "SIP/2.0/UDP a;branch=1, \"x,\\\"y\" <sip:u@h;p=1,2>,tail , ,"[...]
        #expect(splitOutsideQuotes(text, separator: ",") ==
                ["SIP/2.0/UDP a;branch=1", " \"x,\\\"y\" <sip:u@h;p=1,2>", "tail ", " ", ""])
        #expect(splitOutsideQuotes("no separators"[...], separator: ";") == ["no separators"])
        #expect(splitOutsideQuotes("ü;ß;"[...], separator: ";") == ["ü", "ß", ""])
        // A slice of a larger string: offsets are relative to the slice.
        let whole = "xx<a;b>;c;d"
        let slice = whole.dropFirst(2)
        #expect(splitOutsideQuotes(slice, separator: ";") == ["<a;b>", "c", "d"])
    }

    @Test func asciiSplitMatchesTheStandardSplit() {
        let pieces = [" ", "  ", "a", "SIP/2.0", "ü", "x y", ""]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0 ..< 2000 {
            let text = (0 ..< next(8)).map { _ in pieces[next(pieces.count)] }.joined()
            let slice = ("<" + text + ">").dropFirst().dropLast()
            let maxSplits = [0, 1, 2, 5, Int.max][next(5)]
            for omitting in [false, true] {
                let expected = text.utf8.split(separator: UInt8(ascii: " "), maxSplits: maxSplits,
                                               omittingEmptySubsequences: omitting).map { String(Substring($0)) }
                #expect(slice.split(atASCII: UInt8(ascii: " "), maxSplits: maxSplits, omittingEmptySubsequences: omitting)
                            .map(String.init) == expected, "\(text) \(maxSplits) \(omitting)")
            }
        }
    }

    /// Trimming, byte searches and case-insensitive comparisons over slices of random text agree with their
    /// byte-by-byte definitions.
    @Test func searchesAndComparisonsMatchTheirDefinitions() {
        let pieces = [" ", "\t", "a", "B", ";", "<", ">", "ü", "tag", "TAG"]
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func text() -> String { (0 ..< next(7)).map { _ in pieces[next(pieces.count)] }.joined() }
        for _ in 0 ..< 2000 {
            let raw = text()
            let slice = ("x" + raw + "y").dropFirst().dropLast()
            let bytes = Array(raw.utf8)
            let lo = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.count
            let hi = (bytes.lastIndex { $0 != 0x20 && $0 != 0x09 } ?? -1) + 1
            #expect(String(slice.trimmingLinearWhitespace) == String(decoding: lo < hi ? bytes[lo ..< hi] : [], as: UTF8.self))
            for byte in [UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">")] {
                #expect(slice.firstIndex(ofASCII: byte).map { slice.utf8.distance(from: slice.startIndex, to: $0) }
                        == bytes.firstIndex(of: byte))
                #expect(slice.lastIndex(ofASCII: byte).map { slice.utf8.distance(from: slice.startIndex, to: $0) }
                        == bytes.lastIndex(of: byte))
            }
            let other = text()
            let lower = { (b: [UInt8]) in b.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 } }
            #expect(slice.equalsIgnoringASCIICase(other) == (lower(bytes) == lower(Array(other.utf8))))
            #expect(slice.hasPrefixIgnoringASCIICase(other) == lower(bytes).starts(with: lower(Array(other.utf8))))
        }
    }
}
