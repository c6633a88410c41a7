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
}
