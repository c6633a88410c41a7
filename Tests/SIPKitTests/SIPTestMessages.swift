import SIPKit
import WireCore

/// Builders for hand-written SIP messages used by the scenarios.
enum SIPText {
    /// Joins lines with CRLF, adds Content-Length for `body` and the blank line.
    static func message(_ lines: [String], body: String = "") -> String {
        var all = lines
        if !body.isEmpty, !lines.contains(where: { $0.lowercased().hasPrefix("content-type") }) {
            all.append("Content-Type: application/sdp")
        }
        all.append("Content-Length: \(body.utf8.count)")
        return all.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    static func parse(_ text: String) throws -> SIPMessage { try SIPMessage.parse(Array(text.utf8)) }

    static func sdp(address: String = "10.0.0.1", port: Int = 40000, payloads: String = "0 8 101",
                    direction: String? = nil, extra: [String] = []) -> String {
        var lines = ["v=0", "o=- 1 1 IN IP4 \(address)", "s=-", "c=IN IP4 \(address)", "t=0 0",
                     "m=audio \(port) RTP/AVP \(payloads)", "a=rtpmap:101 telephone-event/8000", "a=ptime:20"]
        if let direction { lines.append("a=\(direction)") }
        lines += extra
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

/// Drives a `CallTracker` through a hand-built call between a caller (A) and a callee (B).
struct CallScenario {
    var tracker: CallTracker
    var packet = 0
    var callID: String
    let callerTag = "a-tag"
    let base = Timestamp(seconds: 1_700_000_000, nanoseconds: 0)
    static let caller = Endpoint(IPAddress("10.0.0.1")!, 5060)
    static let callee = Endpoint(IPAddress("10.0.0.2")!, 5060)

    init(callID: String = "call-1@a", configuration: CallTrackerConfiguration = .init()) {
        self.callID = callID
        tracker = CallTracker(configuration: configuration)
    }

    func time(_ ms: Int) -> Timestamp { Timestamp(nanoseconds: base.nanoseconds + Int64(ms) * 1_000_000) }

    /// A request from the caller (`fromCallee` false) or from the callee.
    func request(_ method: String, cseq: Int, toTag: String? = nil, fromCallee: Bool = false, branch: String? = nil,
                 sdp: String = "", extra: [String] = []) -> String {
        let callerAddr = "\"Alice\" <sip:89031234567@a.example>;tag=\(callerTag)"
        let calleeAddr = "<sip:89161234567@b.example>" + (toTag.map { ";tag=\($0)" } ?? "")
        let from = fromCallee ? calleeAddr : callerAddr
        let to = fromCallee ? callerAddr : calleeAddr
        return SIPText.message([
            "\(method) sip:89161234567@b.example SIP/2.0",
            "Via: SIP/2.0/UDP \(fromCallee ? "10.0.0.2" : "10.0.0.1"):5060;branch=\(branch ?? "z9hG4bK-\(method)-\(cseq)")",
            "From: \(from)", "To: \(to)", "Call-ID: \(callID)", "CSeq: \(cseq) \(method)", "Max-Forwards: 70",
        ] + extra, body: sdp)
    }

    /// A response to a request: `toCallee` true when it answers a callee's request.
    func response(_ code: Int, _ reason: String, cseq: Int, method: String = "INVITE", toTag: String? = "b-tag",
                  toCallee: Bool = false, sdp: String = "", extra: [String] = []) -> String {
        let callerAddr = "\"Alice\" <sip:89031234567@a.example>;tag=\(callerTag)"
        let calleeAddr = "<sip:89161234567@b.example>" + (toTag.map { ";tag=\($0)" } ?? "")
        return SIPText.message([
            "SIP/2.0 \(code) \(reason)",
            "Via: SIP/2.0/UDP \(toCallee ? "10.0.0.2" : "10.0.0.1"):5060;branch=z9hG4bK-\(method)-\(cseq)",
            "From: \(toCallee ? calleeAddr : callerAddr)", "To: \(toCallee ? callerAddr : calleeAddr)",
            "Call-ID: \(callID)", "CSeq: \(cseq) \(method)",
        ] + extra, body: sdp)
    }

    /// Feeds `text` as sent by the caller (`fromCaller`) or the callee at `ms` after the base time.
    mutating func send(_ text: String, at ms: Int, fromCaller: Bool, transport: TransportProtocol = .udp) throws {
        packet += 1
        let message = try SIPText.parse(text)
        tracker.ingest(message, time: time(ms),
                       source: fromCaller ? CallScenario.caller : CallScenario.callee,
                       destination: fromCaller ? CallScenario.callee : CallScenario.caller,
                       transport: transport, packetNumber: packet)
    }

    mutating func finish(atMs ms: Int = 600_000) -> SIPAnalysisResult { tracker.finish(at: time(ms)) }
}
