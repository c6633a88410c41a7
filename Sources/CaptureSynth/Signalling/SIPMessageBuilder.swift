/// Builds the text of each SIP message of a synthetic dialog (RFC 3261 section 8 and 20 headers,
/// SDP per RFC 4566 / offer-answer RFC 3264). Runs a handful of times per call, never per RTP packet.
enum SIPMessageBuilder {
    /// True when the caller's user agent sends `step` (otherwise the carrier does).
    static func callerSends(_ step: SIPStep, _ call: CallIdentity) -> Bool {
        switch step {
        case .invite, .ack, .failureACK, .cancel: true
        case .bye: !call.calleeHangsUp
        case .byeOK: call.calleeHangsUp
        default: false
        }
    }

    /// The complete message: start line, headers, blank line, body; Content-Length counts the body's bytes.
    static func message(_ step: SIPStep, _ call: CallIdentity, codec: SynthCodec) -> String {
        let caller = CallIdentity.dotted(call.caller)
        let carrier = CallIdentity.dotted(call.carrier)
        let callerContact = "<sip:\(call.callerNumber)@\(caller):5060>"
        let calleeContact = "<sip:\(call.calleeNumber)@\(carrier):5060>"
        let fromCaller = "\"\(call.callerNumber)\" <sip:\(call.callerNumber)@\(caller)>;tag=\(call.fromTag)"
        let toCalleeNoTag = "<sip:\(call.calleeNumber)@\(carrier)>"
        let toCallee = toCalleeNoTag + ";tag=\(call.toTag)"
        let callerVia = { (branch: String) in "SIP/2.0/UDP \(caller):5060;branch=\(branch)" }
        let carrierVia = "SIP/2.0/UDP \(carrier):5060;branch=\(call.byeBranch)"

        var lines: [String] = []
        var body = ""
        var contact: String?

        func request(_ method: String, uri: String, via: String, from: String, to: String, cseq: String) {
            lines = ["\(method) \(uri) SIP/2.0", "Via: \(via)", "Max-Forwards: 70", "From: \(from)", "To: \(to)",
                     "Call-ID: \(call.callID)", "CSeq: \(cseq)"]
        }
        func response(_ status: String, via: String, from: String, to: String, cseq: String) {
            lines = ["SIP/2.0 \(status)", "Via: \(via)", "From: \(from)", "To: \(to)",
                     "Call-ID: \(call.callID)", "CSeq: \(cseq)"]
        }
        let inviteVia = callerVia(call.inviteBranch)
        let requestURI = "sip:\(call.calleeNumber)@\(carrier):5060"

        switch step {
        case .invite:
            request("INVITE", uri: requestURI, via: inviteVia, from: fromCaller, to: toCalleeNoTag, cseq: "1 INVITE")
            contact = callerContact
            lines.append("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS")
            body = sdp(offer: true, call, codec: codec)
        case .trying:
            response("100 Trying", via: inviteVia, from: fromCaller, to: toCalleeNoTag, cseq: "1 INVITE")
        case .ringing:
            response("180 Ringing", via: inviteVia, from: fromCaller, to: toCallee, cseq: "1 INVITE")
            contact = calleeContact
        case .answer:
            response("200 OK", via: inviteVia, from: fromCaller, to: toCallee, cseq: "1 INVITE")
            contact = calleeContact
            body = sdp(offer: false, call, codec: codec)
        case .ack:
            request("ACK", uri: "sip:\(call.calleeNumber)@\(carrier):5060", via: callerVia(call.ackBranch),
                    from: fromCaller, to: toCallee, cseq: "1 ACK")
        case .bye where call.calleeHangsUp:
            request("BYE", uri: "sip:\(call.callerNumber)@\(caller):5060", via: carrierVia,
                    from: toCallee, to: fromCaller, cseq: "1 BYE")
        case .bye:
            request("BYE", uri: requestURI, via: callerVia(call.byeBranch), from: fromCaller, to: toCallee, cseq: "2 BYE")
        case .byeOK where call.calleeHangsUp:
            response("200 OK", via: carrierVia, from: toCallee, to: fromCaller, cseq: "1 BYE")
        case .byeOK:
            response("200 OK", via: callerVia(call.byeBranch), from: fromCaller, to: toCallee, cseq: "2 BYE")
        case .busy:
            response("486 Busy Here", via: inviteVia, from: fromCaller, to: toCallee, cseq: "1 INVITE")
        case .unavailable:
            response("503 Service Unavailable", via: inviteVia, from: fromCaller, to: toCallee, cseq: "1 INVITE")
        case .cancel:
            // RFC 3261 9.1: same Request-URI, Call-ID, From, To (no tag), branch and CSeq number as the INVITE.
            request("CANCEL", uri: requestURI, via: inviteVia, from: fromCaller, to: toCalleeNoTag, cseq: "1 CANCEL")
        case .cancelOK:
            response("200 OK", via: inviteVia, from: fromCaller, to: toCalleeNoTag, cseq: "1 CANCEL")
        case .terminated:
            response("487 Request Terminated", via: inviteVia, from: fromCaller, to: toCallee, cseq: "1 INVITE")
        case .failureACK:
            // RFC 3261 17.1.1.3: the ACK for a non-2xx final response reuses the INVITE's branch.
            request("ACK", uri: requestURI, via: inviteVia, from: fromCaller, to: toCallee, cseq: "1 ACK")
        }
        if let contact { lines.append("Contact: \(contact)") }
        // RFC 3261 20.41 / 20.35: requests name the User-Agent, responses the Server.
        lines.append(step.method != nil ? "User-Agent: callscope-synth" : "Server: callscope-synth")
        if !body.isEmpty { lines.append("Content-Type: application/sdp") }
        lines.append("Content-Length: \(body.utf8.count)")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// SDP offer (caller: the chosen codec first, then the other G.711 law, then telephone-event 101)
    /// or answer (callee: the chosen codec and 101).
    static func sdp(offer: Bool, _ call: CallIdentity, codec: SynthCodec) -> String {
        let host = CallIdentity.dotted(offer ? call.caller : call.calleeMedia)
        let port = offer ? call.callerRTPPort : call.calleeRTPPort
        var codecs: [SynthCodec] = [codec]
        if offer { codecs += [SynthCodec.pcmu, .pcma].filter { $0 != codec } }
        let formats = codecs.map { String($0.payloadType) } + [String(DTMFSchedule.payloadType)]
        var lines = [
            "v=0",
            "o=- \(call.sessionID) \(offer ? 1 : 2) IN IP4 \(host)",
            "s=callscope-synth",
            "c=IN IP4 \(host)",
            "t=0 0",
            "m=audio \(port) RTP/AVP \(formats.joined(separator: " "))",
        ]
        for c in codecs { lines.append("a=rtpmap:\(c.payloadType) \(c.rtpmap)") }
        lines.append("a=rtpmap:\(DTMFSchedule.payloadType) telephone-event/\(codec.clockRate)")
        lines.append("a=fmtp:\(DTMFSchedule.payloadType) 0-15")
        lines.append("a=ptime:20")
        lines.append("a=sendrecv")
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
