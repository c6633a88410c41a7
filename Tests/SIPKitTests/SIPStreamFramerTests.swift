import Testing
import SIPKit
import WireCore

@Suite struct SIPStreamFramerTests {
    static let invite = SIPText.message(["INVITE sip:b@b.example SIP/2.0", "Call-ID: one", "CSeq: 1 INVITE"],
                                        body: SIPText.sdp())
    static let ringing = SIPText.message(["SIP/2.0 180 Ringing", "Call-ID: one", "CSeq: 1 INVITE"])
    static let bye = SIPText.message(["BYE sip:b@b.example SIP/2.0", "Call-ID: one", "CSeq: 2 BYE"])

    /// Runs the framer over `chunks` and returns a readable trace of its events.
    static func frame(_ chunks: [[UInt8]], limits: SIPLimits = .default) -> [String] {
        var framer = SIPStreamFramer(limits: limits)
        var out: [String] = []
        for chunk in chunks {
            framer.append(chunk)
            while let event = framer.next() {
                switch event {
                case .message(let m): out.append("\(m.method?.rawValue ?? String(m.statusCode ?? 0)) body=\(m.body.count)")
                case .error(let e): out.append("error \(e.code.rawValue) at \(e.offset)")
                }
            }
        }
        return out
    }

    static func dripAndWhole(_ bytes: [UInt8], limits: SIPLimits = .default) -> ([String], [String]) {
        (frame(bytes.map { [$0] }, limits: limits), frame([bytes], limits: limits))
    }

    @Test func severalMessagesAndKeepAlivesInOneChunkEqualDripFeed() {
        let stream = Array(("\r\n\r\n" + Self.invite + Self.ringing + "\r\n\r\n" + Self.bye).utf8)
        let (drip, whole) = Self.dripAndWhole(stream)
        let sdpLength = SIPText.sdp().utf8.count
        #expect(whole == ["INVITE body=\(sdpLength)", "180 body=0", "BYE body=0"])
        #expect(drip == whole)
    }

    @Test func messageSplitAtEveryPossiblePoint() {
        let bytes = Array(Self.invite.utf8)
        for cut in 1..<bytes.count {
            let out = Self.frame([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(out == ["INVITE body=\(SIPText.sdp().utf8.count)"], "cut at \(cut)")
        }
    }

    @Test func keepAlivesAreCounted() {
        var framer = SIPStreamFramer()
        framer.append(Array("\r\n\r\n\r\n".utf8))
        #expect(framer.next() == nil)
        #expect(framer.keepAliveBytes == 6 && framer.bufferedByteCount == 0)
    }

    @Test func oversizeMessageIsRejectedAndStreamResynchronises() {
        let big = SIPText.message(["MESSAGE sip:a@b SIP/2.0", "Call-ID: big"], body: String(repeating: "x", count: 500))
        let stream = Array((big + Self.bye).utf8)
        let (drip, whole) = Self.dripAndWhole(stream, limits: SIPLimits(maxMessageBytes: 300))
        // The oversize MESSAGE is reported at stream offset 0; its 500 body bytes are skipped; BYE follows.
        #expect(whole == ["error limit_exceeded at 0", "BYE body=0"])
        #expect(drip == whole)
    }

    @Test func endlessHeaderBlockIsCutAtTheCap() {
        var text = "MESSAGE sip:a@b SIP/2.0\r\n"
        for i in 0..<40 { text += "X-Filler-\(i): 0123456789\r\n" }
        let stream = Array((text + "\r\n" + Self.bye).utf8)
        let (drip, whole) = Self.dripAndWhole(stream, limits: SIPLimits(maxMessageBytes: 200))
        #expect(whole.first == "error limit_exceeded at 0")
        #expect(whole.last == "BYE body=0")
        #expect(drip == whole)
    }

    @Test func garbageBeforeAMessageIsReportedAndSkipped() {
        let stream = Array(("garbage line\r\nmore: junk\r\n\r\n" + Self.ringing).utf8)
        let (drip, whole) = Self.dripAndWhole(stream)
        #expect(whole == ["error bad_start_line at 0", "180 body=0"])
        #expect(drip == whole)
    }

    @Test func missingContentLengthMeansNoBody() {
        let stream = Array("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: o\r\n\r\n".utf8) + Array(Self.bye.utf8)
        #expect(Self.frame([stream]) == ["OPTIONS body=0", "BYE body=0"])
    }
}
