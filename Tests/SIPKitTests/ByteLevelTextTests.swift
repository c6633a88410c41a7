import Testing
import SIPKit
import WireCore

/// SDP and SIP addresses are read over UTF-8 bytes; line ends, spacing, quoting and brackets behave as
/// RFC 4566 / RFC 3261 text does (hand-written cases).
@Suite struct ByteLevelTextTests {
    @Test func sdpLineEndsAndSpacing() throws {
        // CRLF, a bare LF, CR CR LF (one stray CR dropped), blank and space-only lines before v=, a final CR.
        let text = "\r\n  \r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\r\nc=IN IP4 192.0.2.7/127\nt=0 0\r\n"
            + "m=audio 49170/2 RTP/AVP 0 96  101\r\na=rtpmap:96  opus/48000/2\r\na=fmtp:101  0-15\r\n"
            + "a=ptime: 30 \r\na=rtcp:53020 IN IP4 198.51.100.5\r\na=sendonly\r"
        let sdp = try SessionDescription.parse(Array(text.utf8))
        #expect(sdp.origin == "- 1 1 IN IP4 192.0.2.1")
        #expect(sdp.connectionAddress == IPAddress("192.0.2.7"))
        let media = try #require(sdp.media.first)
        #expect(media.kind == "audio" && media.port == 49170 && media.portCount == 2 && media.proto == "RTP/AVP")
        #expect(media.formats == ["0", "96", "101"])
        #expect(media.rtpmap[96] == Codec(name: "opus", clockRate: 48000, channels: 2))
        #expect(media.fmtp[101] == " 0-15")   // the value after the first space, as written
        #expect(media.ptime == 30 && media.direction == .sendonly)
        #expect(media.rtcpPort == 53020 && media.rtcpAddress == IPAddress("198.51.100.5"))
        #expect(media.connectionAddress == IPAddress("192.0.2.7"))
    }

    @Test func sdpMustStartWithVersion() {
        #expect(throws: ParseError.self) { try SessionDescription.parse(Array("\r\n o=x\r\nv=0\r\n".utf8)) }
        #expect(throws: ParseError.self) { try SessionDescription.parse(Array("\r\n\r\n".utf8)) }
    }

    @Test func nameAddressQuotingAndBrackets() throws {
        let quoted = try #require(SIPNameAddress(parsing: #" "Bob \"B\" <x>" <sip:bob@[2001:db8::1]:5070;transport=tcp>;tag=a1 "#))
        #expect(quoted.displayName == #"Bob "B" <x>"#)
        #expect(quoted.uri.host == "2001:db8::1" && quoted.uri.port == 5070 && quoted.uri.user == "bob")
        #expect(quoted.uri.parameters.value(of: "transport") == "tcp")
        #expect(quoted.tag == "a1")
        let bare = try #require(SIPNameAddress(parsing: "sip:+15551234@gw.example;user=phone;tag=\"q\""))
        #expect(bare.displayName == nil && bare.uri.host == "gw.example" && bare.uri.port == nil)
        #expect(bare.uri.user == "+15551234" && bare.tag == "q")
        #expect(SIPNameAddress(parsing: "  * ") == nil)
        #expect(SIPNameAddress(parsing: "Open <sip:x@y") == nil)   // no closing bracket
    }

    @Test func uriWithPasswordHeadersAndUnclosedBracket() {
        let uri = SIPURI(parsing: "sips:alice:secret@host.example:5061;lr?subject=x")
        #expect(uri.scheme == .sips && uri.user == "alice" && uri.host == "host.example" && uri.port == 5061)
        #expect(uri.parameters.value(of: "lr") == "")
        #expect(SIPURI(parsing: "sip:[2001:db8::9").host == "2001:db8::9")
        #expect(SIPURI(parsing: "tel:+1-201-555-0123;ext=7").user == "+1-201-555-0123")
    }
}
