import WireCore

/// Mutable per-call state while messages arrive; turned into a `CallRecord` at the end.
struct CallBuilder: Sendable {
    var record: CallRecord
    /// CSeq numbers of the attempt's INVITEs (sent without To tag).
    var initialInviteCSeqs: Set<UInt32> = []
    var byeCSeq: UInt32?
    /// Messages already applied (first sighting on any hop).
    var seen: Set<MessageSignature> = []
    /// Messages seen per hop: a second copy on the same hop is a retransmission; a copy on another
    /// hop (a proxy forwarding it) is not, but does not repeat the event either.
    var seenOnHop: Set<HopSignature> = []
    /// The pending SDP offer: who made it.
    var pendingOfferFromCaller: Bool?
    /// Last media advertised per party and m= index, to emit expectations only on change.
    var lastExpectations: [MediaKey: MediaExpectation] = [:]
    var lastActivity: Timestamp
    var firstPacketNumber: Int
    /// Callee number from the INVITE's To, used when no response asserted an identity.
    var calleeFromTo: String?

    struct MediaKey: Hashable, Sendable { var receiver: CallParty; var index: Int; var endpoint: Endpoint }
    /// A message on one hop: a retransmission repeats all of it, including the top Via branch
    /// (RFC 3261 §17.1.3), so a new transaction that reuses a CSeq is not taken for one.
    struct HopSignature: Hashable, Sendable {
        var signature: MessageSignature; var branch: String; var source: Endpoint; var destination: Endpoint
    }

    static let maxSignatures = 1024

    init(callID: String, callerTag: String, invite: SIPMessage, time: Timestamp, source: Endpoint,
         destination: Endpoint, transport: TransportProtocol, packetNumber: Int) {
        let from = invite.from, to = invite.to
        record = CallRecord(
            callID: callID, callerTag: callerTag,
            fromURI: from?.uri.text ?? "", fromDisplayName: from?.displayName,
            toURI: to?.uri.text ?? "", toDisplayName: to?.displayName,
            caller: nil, callee: nil, callerUserAgent: invite.userAgent, calleeUserAgent: nil,
            callerSignalling: source, calleeSignalling: destination, transport: transport,
            inviteTime: time, ringingTime: nil, firstProvisionalTime: nil, answerTime: nil, ackTime: nil,
            cancelTime: nil, byeTime: nil, byeResponseTime: nil, byeResponseStatus: nil, finalResponseTime: nil,
            finalStatus: nil, finalReason: nil, endedBy: nil, state: .inProgress,
            initialInviteCount: 0, authChallenges: 0, redirects: 0, sessionModifications: 0, retransmissions: 0,
            media: [], messages: [], droppedMessages: 0)
        lastActivity = time
        firstPacketNumber = packetNumber
    }

    /// True once nothing more is expected: BYE answered, or unanswered with a final response
    /// (a retry after 401/407 or 3xx comes within seconds, well inside the linger time).
    var isOver: Bool {
        if record.answerTime != nil { return record.byeResponseTime != nil }
        return (record.finalStatus ?? 0) >= 300
    }

    /// Applies one message of this call. `fromCaller` tells the sending side.
    mutating func apply(_ message: SIPMessage, essentials: MessageEssentials, sdp: SessionDescription?, fromCaller: Bool,
                        cseq: (number: UInt32, method: SIPMethod),
                        time: Timestamp, source: Endpoint, destination: Endpoint, packetNumber: Int,
                        configuration: CallTrackerConfiguration, expectations: inout [MediaExpectation]) {
        lastActivity = time
        let signature = MessageSignature(message, essentials: essentials, fromCaller: fromCaller, cseq: cseq.number,
                                         cseqMethod: cseq.method)
        let hop = HopSignature(signature: signature, branch: essentials.topViaBranch ?? "", source: source,
                               destination: destination)
        let summary = message.flowSummary(hasSDP: essentials.sdpBody != nil)
        let isRetransmission = seenOnHop.contains(hop)
        let isFirstSighting = !seen.contains(signature)
        if seenOnHop.count < CallBuilder.maxSignatures { seenOnHop.insert(hop) }
        if isFirstSighting, seen.count < CallBuilder.maxSignatures { seen.insert(signature) }
        appendFlow(CallMessage(time: time, source: source, destination: destination, summary: summary,
                               packetNumber: packetNumber, isRetransmission: isRetransmission),
                   cap: configuration.maxMessagesPerCall)
        if isRetransmission { record.retransmissions += 1 }
        // SDP forwarded by a proxy on another hop still tells where RTP goes on that hop.
        if !isFirstSighting {
            if !isRetransmission, let sdp {
                emitExpectations(sdp, fromCaller: fromCaller, time: time, packetNumber: packetNumber, expectations: &expectations)
            }
            return
        }

        if let method = message.method {
            applyRequest(message, method: method, toTag: essentials.toTag, fromCaller: fromCaller, cseq: cseq.number,
                         time: time, configuration: configuration)
        } else if let code = message.statusCode {
            applyResponse(message, code: code, fromCaller: fromCaller, cseq: cseq, time: time, configuration: configuration)
        }
        if let method = message.method, method == .invite || method == .update, essentials.sdpBody == nil {
            pendingOfferFromCaller = nil  // offerless request: the offer comes in the response
        }
        if let sdp {
            applySDP(sdp, message: message, summary: summary, fromCaller: fromCaller, time: time,
                     packetNumber: packetNumber, expectations: &expectations)
        }
    }

    private mutating func appendFlow(_ entry: CallMessage, cap: Int) {
        if record.messages.count < cap { record.messages.append(entry) } else { record.droppedMessages += 1 }
    }

    private mutating func applyRequest(_ message: SIPMessage, method: SIPMethod, toTag: String?, fromCaller: Bool,
                                       cseq: UInt32, time: Timestamp, configuration: CallTrackerConfiguration) {
        switch method {
        case .invite where fromCaller && toTag == nil:
            // Initial INVITE of the attempt, or its retry after 401/407/3xx/503 (higher CSeq, same dialog set).
            initialInviteCSeqs.insert(cseq)
            record.initialInviteCount += 1
            if record.callerUserAgent == nil { record.callerUserAgent = message.userAgent }
        case .invite, .update:
            record.sessionModifications += 1
        case .ack:
            if record.answerTime != nil, record.ackTime == nil { record.ackTime = time }
        case .cancel:
            if record.cancelTime == nil, record.answerTime == nil { record.cancelTime = time }
        case .bye:
            if record.byeTime == nil {
                record.byeTime = time
                byeCSeq = cseq
                record.endedBy = fromCaller ? .caller : .callee
            }
        default: break
        }
        if !fromCaller, record.calleeUserAgent == nil { record.calleeUserAgent = message.userAgent }
    }

    private mutating func applyResponse(_ message: SIPMessage, code: Int, fromCaller: Bool,
                                        cseq: (number: UInt32, method: SIPMethod), time: Timestamp,
                                        configuration: CallTrackerConfiguration) {
        // 100 Trying is hop-by-hop (often from a proxy): identify the callee from other responses.
        if !fromCaller, code != 100 {
            if record.calleeUserAgent == nil { record.calleeUserAgent = message.server ?? message.userAgent }
            if record.callee == nil, let identity = message.pAssertedIdentity ?? message.remotePartyID {
                record.callee = configuration.numbers.normalize(identity)
            }
        }
        if cseq.method == .bye, cseq.number == byeCSeq, code >= 200, record.byeResponseTime == nil {
            record.byeResponseTime = time
            record.byeResponseStatus = code
            return
        }
        guard cseq.method == .invite, !fromCaller, initialInviteCSeqs.contains(cseq.number) else { return }
        switch code {
        case 100..<200:
            guard code != 100 else { return }
            if record.firstProvisionalTime == nil { record.firstProvisionalTime = time }
            if (code == 180 || code == 183), record.ringingTime == nil { record.ringingTime = time }
        case 200..<300:
            if record.answerTime == nil {
                record.answerTime = time
                record.finalStatus = code
                record.finalReason = message.reasonPhrase
                record.finalResponseTime = time
            }
        default:
            if code == 401 || code == 407 { record.authChallenges += 1 }
            if (300...399).contains(code) { record.redirects += 1 }
            // Later final responses (after an auth or redirect retry, or from another fork) replace earlier ones
            // until a 2xx answers the call.
            if record.answerTime == nil {
                record.finalStatus = code
                record.finalReason = message.reasonPhrase
                record.finalResponseTime = time
            }
        }
    }

    private mutating func applySDP(_ sdp: SessionDescription, message: SIPMessage, summary: String, fromCaller: Bool,
                                   time: Timestamp,
                                   packetNumber: Int, expectations: inout [MediaExpectation]) {
        // RFC 3264 offer/answer: SDP in a request is an offer (ACK and PRACK carry answers); SDP in a
        // response answers the other side's pending offer, or is an offer (2xx to an offerless INVITE).
        let role: CallMediaEvent.Role
        if let method = message.method {
            role = (method == .ack || method == .prack) ? .answer : .offer
        } else {
            role = (pendingOfferFromCaller != nil && pendingOfferFromCaller != fromCaller) ? .answer : .offer
        }
        pendingOfferFromCaller = role == .offer ? fromCaller : pendingOfferFromCaller
        let sender: CallParty = fromCaller ? .caller : .callee
        let streams = sdp.media.map { m in
            let pt = m.primaryPayloadType
            return CallMediaStream(kind: m.kind, address: m.connectionAddress, port: m.port, payloadType: pt,
                                   codec: pt.flatMap { m.codec(for: $0) }, ptime: m.ptime, direction: m.direction,
                                   isEncrypted: m.isEncrypted, rtcpMux: m.rtcpMux)
        }
        let carriedBy = summary.hasSuffix(" (SDP)") ? String(summary.dropLast(6)) : summary
        record.media.append(CallMediaEvent(time: time, packetNumber: packetNumber, sender: sender, role: role,
                                           carriedBy: carriedBy, streams: streams))
        emitExpectations(sdp, fromCaller: fromCaller, time: time, packetNumber: packetNumber, expectations: &expectations)
    }

    /// Emits a `MediaExpectation` per m= line whose destination or parameters changed.
    /// Unspecified addresses (`0.0.0.0`, `::`: RFC 2543-style hold) expect nothing.
    private mutating func emitExpectations(_ sdp: SessionDescription, fromCaller: Bool, time: Timestamp,
                                           packetNumber: Int, expectations: inout [MediaExpectation]) {
        let sender: CallParty = fromCaller ? .caller : .callee
        for (index, m) in sdp.media.enumerated() {
            guard let endpoint = m.rtpEndpoint, endpoint.address.bits != 0 else { continue }
            let expectation = MediaExpectation(
                callID: record.callID, receiver: sender, kind: m.kind, endpoint: endpoint, rtcpEndpoint: m.rtcpEndpoint,
                payloadTypes: m.payloadMap, ptime: m.ptime, direction: m.direction, isEncrypted: m.isEncrypted,
                rtcpMux: m.rtcpMux, time: time, packetNumber: packetNumber)
            let key = MediaKey(receiver: sender, index: index, endpoint: endpoint)
            if let previous = lastExpectations[key], previous.sameMedia(as: expectation) { continue }
            lastExpectations[key] = expectation
            expectations.append(expectation)
        }
    }

    /// The final record, with the state decided as of `end`.
    func finished() -> CallRecord {
        var r = record
        if r.callee == nil { r.callee = calleeFromTo }
        if r.answerTime != nil {
            r.state = r.byeTime != nil ? .completed : .inProgress
        } else if let code = r.finalStatus, code >= 300 {
            if r.cancelTime != nil || code == 487 {
                r.state = .cancelled
            } else if code == 408 || code == 480 {
                r.state = .noAnswer
            } else {
                r.state = .failed
            }
        } else if r.cancelTime != nil {
            r.state = .cancelled
        } else {
            r.state = .inProgress
        }
        if r.state == .cancelled, r.endedBy == nil { r.endedBy = .caller }
        return r
    }
}

extension MediaExpectation {
    /// Same destination and media parameters (time and packet ignored).
    func sameMedia(as other: MediaExpectation) -> Bool {
        endpoint == other.endpoint && rtcpEndpoint == other.rtcpEndpoint && payloadTypes == other.payloadTypes
            && ptime == other.ptime && direction == other.direction && isEncrypted == other.isEncrypted
            && rtcpMux == other.rtcpMux && kind == other.kind
    }
}
