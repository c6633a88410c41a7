import Testing
import SIPKit
import WireCore

@Suite struct SIPMessageParsingTests {
    @Test func requestWithCompactFormsFoldingAndMultiValueHeaders() throws {
        let text = SIPText.message([
            "INVITE sip:bob@b.example;user=phone SIP/2.0",
            "v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds , SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKsecond",
            "VIA: SIP/2.0/TCP 10.0.0.8;branch=z9hG4bKthird",
            "f: \"Alice, A.\" <sip:alice@a.example>;tag=1928301774",
            "t: Bob <sip:bob@b.example>",
            "i: a84b4c76e66710@pc33.a.example",
            "CSeq: 314159 INVITE",
            "Subject: first line",
            "  continued here",
            "\tand here",
            "m: <sip:alice@10.0.0.1:5060>",
            "User-Agent: Test UA 1.0",
        ], body: "v=0\r\n")
        let m = try SIPText.parse(text)
        #expect(m.method == .invite)
        #expect(m.requestURI == "sip:bob@b.example;user=phone")
        #expect(m.callID == "a84b4c76e66710@pc33.a.example")
        #expect(m.cseq?.number == 314159 && m.cseq?.method == .invite)
        #expect(m.fromTag == "1928301774")
        #expect(m.from?.displayName == "Alice, A.")
        #expect(m.to?.displayName == "Bob")
        #expect(m.toTag == nil)
        #expect(m.topViaBranch == "z9hG4bK776asdhds")
        // Two values on the first Via line plus one repeated header line = 3 (RFC 3261 §7.3.1).
        #expect(m.headerValues(SIPHeaderName("via")).count == 3)
        #expect(m.header(SIPHeaderName("subject")) == "first line continued here and here")
        #expect(m.contact?.uri.host == "10.0.0.1" && m.contact?.uri.port == 5060)
        #expect(m.userAgent == "Test UA 1.0")
        #expect(m.contentType == "application/sdp")
        #expect(m.contentLength == 5 && m.body == Array("v=0\r\n".utf8))
        #expect(m.wireLength == text.utf8.count)
    }

    @Test func responseLineAndEmptyReason() throws {
        let ok = try SIPText.parse(SIPText.message(["SIP/2.0 183 Session Progress", "Call-ID: x", "CSeq: 1 INVITE"]))
        #expect(ok.statusCode == 183 && ok.reasonPhrase == "Session Progress" && !ok.isRequest)
        let bare = try SIPText.parse(SIPText.message(["SIP/2.0 200", "Call-ID: x"]))
        #expect(bare.statusCode == 200 && bare.reasonPhrase == "")
    }

    @Test func headerNamesAreCaseInsensitiveAndCompactFormsExpand() {
        #expect(SIPHeaderName("i") == SIPHeaderName("CALL-ID"))
        #expect(SIPHeaderName("l") == .contentLength)
        #expect(SIPHeaderName("k").canonicalName == "supported")
        #expect(SIPHeaderName("X-Custom").rawName == "X-Custom")
        #expect(SIPHeaderName("x") == SIPHeaderName("Session-Expires"))
    }

    @Test func uriForms() throws {
        let tel = SIPURI(parsing: "tel:+1-201-555-0123;phone-context=example.com")
        #expect(tel.scheme == .tel && tel.user == "+1-201-555-0123" && tel.isTelephoneNumber)
        let v6 = SIPURI(parsing: "sips:carol:secret@[2001:db8::1]:5061;transport=tcp")
        #expect(v6.scheme == .sips && v6.user == "carol" && v6.host == "2001:db8::1" && v6.port == 5061)
        #expect(v6.parameters.value(of: "transport") == "tcp")
        let phone = SIPURI(parsing: "sip:+79161234567@gw.example;user=phone")
        #expect(phone.isTelephoneNumber)
        let addrSpec = try #require(SIPNameAddress(parsing: "sip:bob@b.example;tag=xyz"))
        #expect(addrSpec.tag == "xyz" && addrSpec.uri.parameters.isEmpty && addrSpec.displayName == nil)
        let rpid = try #require(SIPNameAddress(parsing: "\"Q \\\"A\\\"\" <sip:123@x>;party=calling;screen=yes"))
        #expect(rpid.displayName == "Q \"A\"" && rpid.parameters.value(of: "party") == "calling")
    }

    @Test func identityAccessors() throws {
        let m = try SIPText.parse(SIPText.message([
            "INVITE sip:1@x SIP/2.0", "P-Asserted-Identity: <sip:+74951234567@x>, <tel:+74951234567>",
            "Remote-Party-ID: \"Ops\" <sip:100@x>;party=calling", "Server: Srv/2",
        ]))
        #expect(m.pAssertedIdentity?.uri.user == "+74951234567")
        #expect(m.remotePartyID?.displayName == "Ops")
        #expect(m.server == "Srv/2")
    }

    @Test func leadingKeepAliveCRLFsAreSkipped() throws {
        let m = try SIPText.parse("\r\n\r\n" + SIPText.message(["OPTIONS sip:x@y SIP/2.0", "Call-ID: k"]))
        #expect(m.method == .options)
    }

    @Test func datagramBodyLimitedByContentLengthAndTruncationFlagged() throws {
        let extra = try SIPText.parse("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 3\r\n\r\nabcdef")
        #expect(extra.body == Array("abc".utf8) && !extra.isBodyTruncated)
        let short = try SIPText.parse("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nabc")
        #expect(short.body == Array("abc".utf8) && short.isBodyTruncated)
        let none = try SIPText.parse("MESSAGE sip:a@b SIP/2.0\r\nCall-ID: q\r\n\r\nxyz")
        #expect(none.body == Array("xyz".utf8))
    }

    /// Malformed input: each case names the error code and the byte offset where it was found.
    @Test(arguments: [
        // Header line without a colon: offset of that line = len("INVITE sip:a@b SIP/2.0\r\n") = 24.
        ("INVITE sip:a@b SIP/2.0\r\nBroken header line\r\n\r\n", "bad_header", 24),
        ("HELLO WORLD\r\n\r\n", "bad_start_line", 0),
        ("SIP/2.0 2000 OK\r\n\r\n", "bad_start_line", 0),
        // Content-Length that is not a number: reported at the start of its line (24).
        ("INVITE sip:a@b SIP/2.0\r\nContent-Length: x1\r\n\r\n", "bad_length", 24),
        // Headers never end: truncated at the end of data (24 + len("Call-ID: abc") = 24 + 12 = 36).
        ("INVITE sip:a@b SIP/2.0\r\nCall-ID: abc", "truncated", 36),
        // Continuation line before any header.
        ("INVITE sip:a@b SIP/2.0\r\n folded\r\n\r\n", "bad_header", 24),
    ])
    func malformedMessagesReportCodeAndOffset(text: String, code: String, offset: Int) {
        #expect {
            _ = try SIPMessage.parse(Array(text.utf8))
        } throws: { error in
            guard let e = error as? ParseError else { return false }
            return e.code.rawValue == code && e.offset == offset && e.layer == .sip
        }
    }

    @Test func sizeCapRejectsLargeDatagrams() {
        let text = SIPText.message(["MESSAGE sip:a@b SIP/2.0"], body: String(repeating: "x", count: 300))
        #expect {
            _ = try SIPMessage.parse(Array(text.utf8), limits: SIPLimits(maxMessageBytes: 200))
        } throws: { error in (error as? ParseError)?.code == .limitExceeded }
    }

    @Test func parsesFromRawBuffer() throws {
        let bytes = Array(SIPText.message(["BYE sip:a@b SIP/2.0", "CSeq: 2 BYE"]).utf8)
        let m = try bytes.withUnsafeBytes { raw throws(ParseError) in try SIPMessage.parse(raw) }
        #expect(m.method == .bye && m.cseq?.number == 2)
    }
}

@Suite struct SIPDetectionTests {
    @Test(arguments: [
        ("INVITE sip:b@b SIP/2.0\r\nVia: x\r\n\r\n", true),
        ("\r\n\r\nSIP/2.0 180 Ringing\r\n\r\n", true),
        ("SIP/2.0 18 Ringing\r\n", false),             // two-digit status code
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", false),
        ("INV ITE sip:b SIP/2.0\r\n", true),           // still starts with a token; the parser decides
        ("\u{80}\u{81} sip:b SIP/2.0\r\n", false),     // method bytes are not a token
        ("INVITE sip:b@b SIP/2.0", false),              // no end of line yet
        ("", false),
    ])
    func startLineShapes(text: String, expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { SIPMessage.looksLikeSIP($0) } == expected)
    }
}
