import WireCore

/// Per-stream RTP measurement, fed every packet of one stream in arrival (capture) order.
///
/// Computes side by side the strict RFC 3550 figures (A.1 sequence extension, A.3 loss, A.8
/// jitter), RFC 3611 §4.7.2 burst/gap metrics, RFC 4733 events, talkspurt/CN/PT/DSCP events
/// and a per-second series, and the figures tshark 4.0.17 prints (`wireshark`).
/// After the first packets (window bitmap, event list), `observe` does not allocate except to
/// append one per-second sample per second of stream time.
public struct RTPStreamStatistics: Sendable {
    public let key: RTPStreamKey
    public let payloadTypes: PayloadTypeMap
    /// The dynamic types tshark would know (from SDP in the capture); decides its clock rates.
    public let wiresharkPayloadTypes: PayloadTypeMap
    /// tshark-compatible figures for this stream.
    public private(set) var wireshark: WiresharkStreamAnalysis

    public private(set) var packets = 0
    public private(set) var bytes = 0
    public private(set) var firstArrival: Timestamp = .zero
    public private(set) var lastArrival: Timestamp = .zero
    public private(set) var sequence = SequenceTracker()
    public private(set) var window = ReceptionWindow()
    public private(set) var jitter = InterarrivalJitter()
    /// Inter-packet arrival delta over all packets, ms.
    public private(set) var delta = RunningSummary()
    public private(set) var telephoneEvents = TelephoneEventDecoder()
    public private(set) var series = SecondSeries()
    /// Packets with the marker bit (talkspurt starts for audio, RFC 3551 §4.1).
    public private(set) var markerPackets = 0
    /// Comfort-noise packets (PT 13/19 or signalled CN, RFC 3389).
    public private(set) var comfortNoisePackets = 0
    public private(set) var telephoneEventPackets = 0
    /// Changes of payload type between consecutive packets.
    public private(set) var payloadTypeChanges = 0
    /// Consecutive-sequence packet pairs (same PT, not events, no marker) whose timestamp went
    /// backwards or forward by more than one second of clock.
    public private(set) var timestampJumps = 0
    /// Bit i set when payload type i was seen.
    public private(set) var payloadTypesSeen: UInt128 = 0
    public private(set) var firstDSCP: UInt8?
    public private(set) var dscpChanges = 0
    /// Packets whose DSCP was not Expedited Forwarding (46, RFC 3246).
    public private(set) var nonExpeditedPackets = 0
    /// Latest packet interval estimate from consecutive-sequence timestamps, ms.
    public private(set) var packetIntervalMs: Double = 0

    private let resolved: ResolvedPayloadTypes
    private var previous: RTPPacketFields?
    private var previousDSCP: UInt8?
    private var lastLost: Int64 = 0

    /// - Parameters:
    ///   - payloadTypes: dynamic payload types from SDP (static ones need nothing).
    ///   - wiresharkPayloadTypes: what tshark would know about dynamic types: the SDP seen in the
    ///     capture. Defaults to `payloadTypes`; pass an empty map when `payloadTypes` holds guesses
    ///     (e.g. for a heuristically found stream), since tshark then uses clock rate 0.
    ///   - timeOrigin: the capture's first frame time (tshark's time origin; affects the rounding of
    ///     the `wireshark` figures in the last printed digit).
    public init(key: RTPStreamKey, timeOrigin: Timestamp, payloadTypes: PayloadTypeMap = PayloadTypeMap(),
                wiresharkPayloadTypes: PayloadTypeMap? = nil) {
        self.key = key
        self.payloadTypes = payloadTypes
        self.wiresharkPayloadTypes = wiresharkPayloadTypes ?? payloadTypes
        self.resolved = ResolvedPayloadTypes(payloadTypes, wireshark: self.wiresharkPayloadTypes)
        self.wireshark = WiresharkStreamAnalysis(timeOrigin: timeOrigin)
    }

    /// Feeds one packet (already parsed) of this stream.
    /// - Parameters:
    ///   - packetSize: UDP payload length in bytes (RTP header + payload + padding).
    ///   - dscp: DiffServ code point of the carrying IP packet (nil when unknown).
    ///   - telephoneEvent: the RFC 4733 payload when the packet is a telephone-event.
    public mutating func observe(arrival: Timestamp, packet: RTPPacketFields, packetSize: Int, dscp: UInt8?,
                                 telephoneEvent: TelephoneEventPayload? = nil) {
        let pt = packet.payloadType
        let clockRate = resolved.clockRate(pt)
        let isEvent = resolved.isTelephoneEvent(pt)

        wireshark.observe(arrival: arrival, sequence: packet.sequenceNumber, timestamp: packet.timestamp,
                          payloadType: pt, marker: packet.marker, clockRate: resolved.wiresharkClockRate(pt))

        let interPacketMs = packets == 0 ? 0 : arrival.milliseconds(since: lastArrival)
        if packets == 0 { firstArrival = arrival } else { delta.add(interPacketMs) }
        packets += 1
        bytes += packetSize
        lastArrival = arrival
        payloadTypesSeen |= UInt128(1) << UInt128(pt & 0x7F)

        trackSequence(packet.sequenceNumber)
        if !isEvent { jitter.observe(arrival: arrival, timestamp: packet.timestamp, clockRate: clockRate) }
        if packet.marker { markerPackets += 1 }
        if resolved.isComfortNoise(pt) { comfortNoisePackets += 1 }
        if isEvent {
            telephoneEventPackets += 1
            if let telephoneEvent {
                telephoneEvents.observe(telephoneEvent, timestamp: packet.timestamp, arrival: arrival, clockRate: clockRate)
            }
        }
        trackContinuity(packet, isEvent: isEvent, clockRate: clockRate)
        trackDSCP(dscp)

        let lostNow = sequence.lost
        let lostStep = lostNow - lastLost
        lastLost = lostNow
        let jitterMs = jitter.milliseconds(jitter.jitter)
        series.withSample(at: arrival) { sample in
            sample.packets += 1
            sample.lost += Int32(clamping: lostStep)
            sample.bytes &+= UInt32(clamping: packetSize)
            sample.maxDeltaMs = max(sample.maxDeltaMs, Float(interPacketMs))
            sample.jitterMs = Float(jitterMs)
        }
        previous = packet
    }

    /// Convenience: feeds a parsed header, decoding the telephone-event payload when the type is one.
    public mutating func observe(arrival: Timestamp, header: RTPHeaderView, dscp: UInt8?) {
        let event = resolved.isTelephoneEvent(header.payloadType) ? TelephoneEventPayload(header.payload) : nil
        observe(arrival: arrival, packet: header.fields, packetSize: header.bytes.count, dscp: dscp, telephoneEvent: event)
    }

    private mutating func trackSequence(_ number: UInt16) {
        switch sequence.update(number) {
        case .accepted(let extended): window.record(extended)
        case .probation, .rejected: break
        case .validated(let held, let extended): window.record(held); window.record(extended)
        case .restarted(let extended): window.restart(); window.record(extended)
        }
    }

    private mutating func trackContinuity(_ packet: RTPPacketFields, isEvent: Bool, clockRate: UInt32) {
        guard let previous else { return }
        if previous.payloadType != packet.payloadType { payloadTypeChanges += 1; return }
        guard !isEvent, clockRate > 0, packet.sequenceNumber == previous.sequenceNumber &+ 1 else { return }
        let step = Int64(Int32(bitPattern: packet.timestamp &- previous.timestamp))
        if step > 0 && step <= Int64(clockRate) { packetIntervalMs = Double(step) * 1000 / Double(clockRate) }
        if !packet.marker && (step < 0 || step > Int64(clockRate)) { timestampJumps += 1 }
    }

    private mutating func trackDSCP(_ dscp: UInt8?) {
        guard let dscp else { return }
        if firstDSCP == nil { firstDSCP = dscp }
        if let previousDSCP, previousDSCP != dscp { dscpChanges += 1 }
        previousDSCP = dscp
        if dscp != 46 { nonExpeditedPackets += 1 }
    }

    /// The figures so far (the stream may continue to be fed afterwards).
    public func summary() -> RTPStreamSummary { RTPStreamSummary(self) }
}
