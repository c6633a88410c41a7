import Testing
import SIPKit
import WireCore

@Suite struct SDPTests {
    static let webrtcLike = """
    v=0\r
    o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
    s=-\r
    c=IN IP4 192.0.2.10\r
    t=0 0\r
    a=fingerprint:sha-256 12:DF:3E\r
    a=sendonly\r
    m=audio 49170 UDP/TLS/RTP/SAVPF 111 0 9 13\r
    a=rtpmap:111 opus/48000/2\r
    a=fmtp:111 minptime=10;useinbandfec=1\r
    a=ptime:20\r
    a=rtcp:49171 IN IP4 192.0.2.11\r
    a=candidate:1 1 UDP 2130706431 192.0.2.10 49170 typ host\r
    a=candidate:2 1 UDP 1694498815 203.0.113.7 61000 typ srflx raddr 192.0.2.10 rport 49170\r
    m=video 0 RTP/AVP 34\r
    m=audio 5004 RTP/AVP 8\r
    c=IN IP6 2001:db8::5\r
    a=inactive\r
    a=rtcp-mux\r
    a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r

    """

    @Test func sessionAndMediaLevelAttributes() throws {
        let sdp = try SessionDescription.parse(Array(Self.webrtcLike.utf8))
        #expect(sdp.media.count == 3)
        let opus = sdp.media[0]
        #expect(opus.kind == "audio" && opus.port == 49170 && opus.proto == "UDP/TLS/RTP/SAVPF")
        #expect(opus.payloadTypes == [111, 0, 9, 13])
        #expect(opus.connectionAddress == IPAddress("192.0.2.10"))  // session-level c= applies
        #expect(opus.codec(for: 111) == Codec(name: "opus", clockRate: 48000, channels: 2))
        #expect(opus.codec(for: 9) == Codec(name: "G722", clockRate: 8000))  // RFC 3551: 8000, not 16000
        #expect(opus.fmtp[111] == "minptime=10;useinbandfec=1")
        #expect(opus.ptime == 20)
        #expect(opus.direction == .sendonly)  // session-level direction applies
        #expect(opus.isEncrypted && opus.hasFingerprint)
        #expect(opus.rtcpEndpoint == Endpoint(IPAddress("192.0.2.11")!, 49171))
        #expect(opus.candidates.count == 2 && opus.candidates[1].type == "srflx" && opus.candidates[1].port == 61000)
        #expect(opus.primaryPayloadType == 111)

        let video = sdp.media[1]
        #expect(video.port == 0 && video.rtpEndpoint == nil)  // rejected stream

        let pcma = sdp.media[2]
        #expect(pcma.connectionAddress == IPAddress("2001:db8::5"))
        #expect(pcma.direction == .inactive)
        #expect(pcma.rtcpMux && pcma.rtcpEndpoint == pcma.rtpEndpoint)
        #expect(pcma.cryptoSuites == ["AES_CM_128_HMAC_SHA1_80"])
        #expect(pcma.payloadMap == [8: Codec(name: "PCMA", clockRate: 8000)])
    }

    @Test func plainRTPDefaultsAndRTCPPortPlusOne() throws {
        let sdp = try SessionDescription.parse(Array(SIPText.sdp(address: "10.1.1.1", port: 30000).utf8))
        let m = try #require(sdp.media.first)
        #expect(m.direction == .sendrecv && !m.isEncrypted && !m.rtcpMux)
        #expect(m.rtpEndpoint == Endpoint(IPAddress("10.1.1.1")!, 30000))
        #expect(m.rtcpEndpoint == Endpoint(IPAddress("10.1.1.1")!, 30001))
        #expect(m.primaryPayloadType == 0)
        #expect(m.codec(for: 101) == Codec(name: "telephone-event", clockRate: 8000))
    }

    @Test func notSDPIsRejected() {
        #expect(throws: ParseError.self) { try SessionDescription.parse(Array("hello".utf8)) }
    }

    @Test func sdpInsideMultipartMixed() throws {
        let body = "--b1\r\nContent-Type: application/isup\r\n\r\n\u{01}\u{02}\r\n--b1\r\nContent-Type: application/sdp\r\n\r\n"
            + SIPText.sdp(address: "10.9.9.9", port: 7078) + "\r\n--b1--\r\n"
        let text = SIPText.message(["INVITE sip:x@y SIP/2.0", "Content-Type: multipart/mixed;boundary=b1"], body: body)
        let m = try SIPText.parse(text)
        let sdp = try #require(m.sessionDescription)
        #expect(sdp.media.first?.rtpEndpoint == Endpoint(IPAddress("10.9.9.9")!, 7078))
    }

    @Test func staticPayloadTable() {
        #expect(Codec.staticPayloadType(0) == Codec(name: "PCMU", clockRate: 8000))
        #expect(Codec.staticPayloadType(18) == Codec(name: "G729", clockRate: 8000))
        #expect(Codec.staticPayloadType(10) == Codec(name: "L16", clockRate: 44100, channels: 2))
        #expect(Codec.staticPayloadType(96) == nil)
    }
}
