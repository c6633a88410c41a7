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
