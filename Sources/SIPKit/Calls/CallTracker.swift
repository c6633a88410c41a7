import WireCore

/// Settings for call tracking.
public struct CallTrackerConfiguration: Sendable, Hashable {
    /// How caller and callee numbers are made E.164.
    public var numbers: E164Normalizer
    /// Flow entries kept per call; later messages are counted in `droppedMessages`.
    public var maxMessagesPerCall: Int
    /// Ended calls idle this long (capture time) are moved out of the active table.
    public var finishedCallLinger: Duration
    /// Calls with no message for this long (capture time) are finished as they stand, whatever
    /// their state, so memory stays bounded by concurrent calls.
    public var idleCallTimeout: Duration
    /// Diagnostics kept in full; later ones are only counted.
    public var maxDiagnostics: Int

    public init(numbers: E164Normalizer = E164Normalizer(), maxMessagesPerCall: Int = 200,
                finishedCallLinger: Duration = .seconds(64), idleCallTimeout: Duration = .seconds(7200),
                maxDiagnostics: Int = 1000) {
        self.numbers = numbers; self.maxMessagesPerCall = maxMessagesPerCall
        self.finishedCallLinger = finishedCallLinger; self.idleCallTimeout = idleCallTimeout
        self.maxDiagnostics = maxDiagnostics
    }
}

/// A SIP message that could not be (fully) used, with the packet it came in.
///
/// Codes: `sip_bad_start_line`, `sip_bad_header`, `sip_bad_length`, `sip_truncated`, `sip_limit_exceeded`
/// (from `recordParseError`, i.e. `ParseError` codes); `sip_missing_call_id`, `sip_bad_cseq`,
/// `sip_missing_from_tag` (message skipped); `sip_body_truncated`, `sdp_invalid_value` (message used, body not).
public struct SIPDiagnostic: Sendable, Hashable {
    /// Stable reason key (see above).
    public var code: String
    public var message: String
    public var packetNumber: Int
}

/// Everything the tracker produced for a capture.
public struct SIPAnalysisResult: Sendable {
    /// Calls in order of their first INVITE.
    public var calls: [CallRecord]
    public var metrics: SignallingMetrics
    /// Counters as `tshark -z sip,stat` prints them.
    public var sipStatistics: SIPStatistics
    /// REGISTER attempts in order of their first request.
    public var registrations: [RegistrationOutcome]
    public var diagnostics: [SIPDiagnostic]
    /// Diagnostics per code, including those beyond the kept list.
    public var diagnosticCounts: [String: Int]
    /// Messages with a Call-ID that matched no INVITE seen (mid-call starts, other methods' dialogs).
    public var unmatchedMessages: Int
}

/// Groups SIP messages into calls (one per INVITE dialog set: Call-ID + caller's From tag,
/// RFC 3261 §12, §13) and collects REGISTER and capture-wide counters.
///
/// Feed every SIP message in capture order with `ingest`; collect `MediaExpectation`s with
/// `drainMediaExpectations()` so RTP can be linked to calls; call `finish(at:)` once at the end.
/// Memory is bounded by concurrent calls: ended calls move to a finished list after
/// `finishedCallLinger` of capture time.
public struct CallTracker: Sendable {
    public var configuration: CallTrackerConfiguration

    struct CallKey: Hashable, Sendable { var callID: String; var callerTag: String }

    private var active: [CallKey: CallBuilder] = [:]
    /// Extra caller tags of a call (a UA that changed its From tag when retrying after 401/407) → the call's key.
    private var aliases: [CallKey: CallKey] = [:]
    /// Calls per Call-ID, to find the challenged attempt such a retry continues.
    private var keysByCallID: [String: [CallKey]] = [:]
    private var finishedCalls: [(order: Int, record: CallRecord)] = []
    private var pendingExpectations: [MediaExpectation] = []
    private var registrations = RegistrationTracker()
    private var statistics = SIPStatCounter()
    private var diagnostics: [SIPDiagnostic] = []
    private var diagnosticCounts: [String: Int] = [:]
    private var unmatched = 0
    /// Capture time of the next sweep of ended/idle calls (once per second of capture time: the linger and
    /// idle timeouts are tens of seconds, and a sweep visits every active call).
    private var nextSweep = Timestamp(nanoseconds: .min)

    public init(configuration: CallTrackerConfiguration = CallTrackerConfiguration()) {
        self.configuration = configuration
    }

    /// Calls currently tracked (not yet moved to the finished list).
    public var activeCallCount: Int { active.count }

    /// Processes one SIP message.
    /// - Parameters:
    ///   - time: capture timestamp of the packet (the last segment for TCP).
    ///   - source, destination: transport endpoints of the packet.
    ///   - packetNumber: 1-based packet number in the capture, for diagnostics and the flow.
    public mutating func ingest(_ message: SIPMessage, time: Timestamp, source: Endpoint, destination: Endpoint,
                                transport: TransportProtocol, packetNumber: Int) {
        let essentials = MessageEssentials(message)
        statistics.observe(message, essentials: essentials, time: time, source: source, destination: destination,
                           transport: transport)
        if time >= nextSweep {
            sweep(now: time)
            nextSweep = Timestamp(nanoseconds: time.nanoseconds &+ 1_000_000_000)
        }
        guard let callID = essentials.callID, !callID.isEmpty else {
            return report("sip_missing_call_id", "message without Call-ID", packetNumber)
        }
        guard let cseq = essentials.cseq else {
            return report("sip_bad_cseq", "missing or unreadable CSeq", packetNumber)
        }
        if cseq.method == .register {
            registrations.observe(message, callID: callID, cseq: cseq.number, time: time)
            return
        }
        guard let fromTag = essentials.fromTag else {
            return report("sip_missing_from_tag", "From without tag", packetNumber)
        }
        let toTag = essentials.toTag
        // Requests from the caller and responses to them carry the caller's tag in From;
        // the callee's requests (and responses to those) carry it in To.
        var key = resolve(CallKey(callID: callID, callerTag: fromTag))
        var fromCaller = message.isRequest
        if active[key] == nil, let toTag {
            let byTo = resolve(CallKey(callID: callID, callerTag: toTag))
            if active[byTo] != nil { key = byTo; fromCaller = !message.isRequest }
        }
        if active[key] == nil, message.method == .invite, toTag == nil,
           let challenged = challengedAttempt(callID: callID, source: source, cseq: cseq.number) {
            aliases[key] = challenged
            key = challenged
        }
        if active[key] == nil {
            guard message.method == .invite, toTag == nil else { unmatched += 1; return }
            keysByCallID[callID, default: []].append(key)
            var builder = CallBuilder(callID: callID, callerTag: fromTag, invite: message, time: time, source: source,
                                      destination: destination, transport: transport, packetNumber: packetNumber)
            builder.record.caller = (message.pAssertedIdentity ?? message.remotePartyID ?? message.from)
                .flatMap { configuration.numbers.normalize($0) }
            builder.calleeFromTo = message.to.flatMap { configuration.numbers.normalize($0) }
            active[key] = builder
        }
        if message.isBodyTruncated {
            report("sip_body_truncated", "Content-Length larger than the data (\(message.body.count) bytes present)", packetNumber)
        }
        var sdp: SessionDescription?
        if let body = essentials.sdpBody {
            do { sdp = try SessionDescription.parse(body) } catch {
                report("sdp_" + error.code.rawValue, error.description, packetNumber)
            }
        }
        active[key]?.apply(message, essentials: essentials, sdp: sdp, fromCaller: fromCaller, cseq: cseq, time: time,
                           source: source, destination: destination, packetNumber: packetNumber,
                           configuration: configuration, expectations: &pendingExpectations)
    }

    private func resolve(_ key: CallKey) -> CallKey { aliases[key] ?? key }

    /// An unanswered call with this Call-ID from the same source whose last final response was 401/407
    /// and whose INVITEs had lower CSeqs: a retry with a new From tag continues that attempt.
    private func challengedAttempt(callID: String, source: Endpoint, cseq: UInt32) -> CallKey? {
        for key in keysByCallID[callID] ?? [] {
            guard let call = active[key], call.record.answerTime == nil, call.record.callerSignalling == source,
                  call.record.finalStatus == 401 || call.record.finalStatus == 407,
                  let highest = call.initialInviteCSeqs.max(), highest < cseq else { continue }
            return key
        }
        return nil
    }

    /// True while a call with this Call-ID is being tracked (its SDP is turned into media expectations).
    public func isTracking(callID: String) -> Bool { keysByCallID[callID] != nil }

    /// Records a message that failed to parse (from `SIPMessage.parse` or the stream framer).
    public mutating func recordParseError(_ error: ParseError, packetNumber: Int) {
        report("sip_" + error.code.rawValue, error.description, packetNumber)
    }

    /// Media expectations learned since the last call, in the order the SDP was seen.
    public mutating func drainMediaExpectations() -> [MediaExpectation] {
        defer { pendingExpectations.removeAll(keepingCapacity: true) }
        return pendingExpectations
    }

    /// Ends the analysis at capture time `end`: every call becomes a record, metrics are computed.
    public mutating func finish(at end: Timestamp) -> SIPAnalysisResult {
        for (_, builder) in active { finishedCalls.append((builder.firstPacketNumber, builder.finished())) }
        active.removeAll(); aliases.removeAll(); keysByCallID.removeAll()
        // By first INVITE time (packet numbers restart in each file of a multi-file capture), then arrival order.
        let calls = finishedCalls.sorted { ($0.record.inviteTime, $0.order) < ($1.record.inviteTime, $1.order) }.map(\.record)
        let registrationOutcomes = registrations.finish(at: end)
        return SIPAnalysisResult(
            calls: calls, metrics: SignallingMetrics(calls: calls, registrations: registrationOutcomes),
            sipStatistics: statistics.statistics, registrations: registrationOutcomes, diagnostics: diagnostics, diagnosticCounts: diagnosticCounts,
            unmatchedMessages: unmatched)
    }

    private mutating func report(_ code: String, _ text: String, _ packetNumber: Int) {
        diagnosticCounts[code, default: 0] += 1
        if diagnostics.count < configuration.maxDiagnostics {
            diagnostics.append(SIPDiagnostic(code: code, message: text, packetNumber: packetNumber))
        }
    }

    /// Moves ended calls idle for `finishedCallLinger`, and any call idle for `idleCallTimeout`, to the finished list.
    private mutating func sweep(now: Timestamp) {
        let linger = configuration.finishedCallLinger, idle = configuration.idleCallTimeout
        let done = active.filter {
            ($0.value.isOver && $0.value.lastActivity + linger < now) || $0.value.lastActivity + idle < now
        }
        for (key, builder) in done {
            finishedCalls.append((builder.firstPacketNumber, builder.finished()))
            active.removeValue(forKey: key)
            keysByCallID[key.callID]?.removeAll { $0 == key }
            if keysByCallID[key.callID]?.isEmpty == true { keysByCallID.removeValue(forKey: key.callID) }
        }
        if !done.isEmpty { aliases = aliases.filter { active[$0.value] != nil } }
        registrations.sweep(now: now)
    }
}
