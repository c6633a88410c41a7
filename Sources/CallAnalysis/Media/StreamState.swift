import Audio
import QualityModel
import RTPKit
import SIPKit
import WireCore

/// How a stream was found.
public enum StreamDiscovery: String, Sendable, Hashable {
    /// Its destination (or source) was announced in SDP.
    case sdp
    /// No signalling: recognised by the RTP heuristic.
    case heuristic
}

/// Everything tracked for one RTP stream (source, destination, SSRC) while packets arrive.
struct StreamState {
    // Touched by every packet: declared first so they share the first cache lines of the state.
    /// What the stream's payload-type map says about the last payload type seen (the map never changes
    /// for a stream, and streams rarely switch type), so the per-packet path skips the map lookups.
    var cachedPayloadType = -1
    var cachedTraits = PayloadTypeTraits(clockRate: 0, isTelephoneEvent: false, entersBuffer: false)
    var encrypted: Bool
    /// Cached G.711 law of the last payload type seen (nil: not G.711).
    var lawPayloadType: UInt8 = 0xFF
    var law: G711Law?
    /// SRTP detection without signalling: consecutive G.711 packets whose payload is longer than their
    /// timestamp step by an SRTP authentication tag (4 or 10 bytes, RFC 3711 HMAC-SHA1-32/80), versus exact.
    var taggedPackets = 0
    var plainPackets = 0
    var previousFields: RTPPacketFields?
    /// Speech level of G.711 payloads; `speechMetered` once the first G.711 packet of a clear stream reached it.
    /// Not optional: the meter is cheap until it bins frames, and optional chaining on it copied it per packet.
    var speech = SpeechLevelMeter(sampleRate: 8000)
    var speechMetered = false
    /// Packets waiting for `applyPending` (see `observe`): the first `pendingCount` of `pendingBatch`, stored
    /// inline in the state (no separate allocation to reach per packet).
    private(set) var pendingCount = 0
    private var pendingBatch = PendingBatch(repeating: .empty)

    // Touched once per batch, or at the end.
    /// Order of first appearance (stable ids `s1`, `s2` … are assigned by first packet at the end).
    let ordinal: Int
    var statistics: RTPStreamStatistics
    var buffers: JitterBufferBank
    var callID: String?
    let discovery: StreamDiscovery
    /// Packets per payload type (index = PT), to find the stream's main media type.
    var packetsByPayloadType = [UInt32](repeating: 0, count: 128)

    init(ordinal: Int, statistics: RTPStreamStatistics, buffers: JitterBufferBank, callID: String?,
         discovery: StreamDiscovery, encrypted: Bool) {
        self.ordinal = ordinal; self.statistics = statistics; self.buffers = buffers; self.callID = callID
        self.discovery = discovery; self.encrypted = encrypted
    }

    /// The traits of `payloadType` from `statistics.payloadTypes`, via the one-entry cache.
    mutating func traits(of payloadType: UInt8) -> PayloadTypeTraits {
        if Int(payloadType) == cachedPayloadType { return cachedTraits }
        let payloadTypes = statistics.payloadTypes
        let rate = payloadTypes.clockRate(payloadType)
        let isEvent = payloadTypes.isTelephoneEvent(payloadType)
        cachedTraits = PayloadTypeTraits(clockRate: rate, isTelephoneEvent: isEvent,
                                         entersBuffer: rate > 0 && !isEvent && !payloadTypes.isComfortNoise(payloadType))
        cachedPayloadType = Int(payloadType)
        return cachedTraits
    }

    /// Packets a stream collects before its statistics and simulated buffers take them.
    typealias PendingBatch = InlineArray<32, PendingPacket>
    static var batchSize: Int { PendingBatch.count }

    /// Takes one packet of the stream. The payload bytes are used now (speech meter, SRTP tag check); the
    /// statistics and every simulated jitter buffer take the packet in batches of `batchSize`, in arrival
    /// order, so that with thousands of concurrent streams each stream's measurement state (a few dozen
    /// cache lines spread over several arrays) is brought into the cache once per batch instead of once per
    /// packet. Results are the same as packet by packet: call `applyPending()` before reading any figure.
    /// `payload` (the RTP payload, borrowed) feeds the speech-level meter when the payload type is G.711.
    mutating func observe(arrival: Timestamp, packet: RTPPacketFields, packetSize: Int, dscp: UInt8?,
                          telephoneEvent: TelephoneEventPayload?, payload: UnsafeRawBufferPointer? = nil) {
        if let payload, !encrypted { meterSpeech(payload, payloadType: packet.payloadType) }
        if law != nil { countAuthenticationTag(packet) }
        pendingBatch[pendingCount] = PendingPacket(arrival: arrival, fields: packet, packetSize: Int32(clamping: packetSize),
                                                   dscp: dscp, telephoneEvent: telephoneEvent)
        pendingCount += 1
        if pendingCount == pendingBatch.count { applyPending() }
    }

    /// Takes one packet as read from the wire (one access to the state per packet): an RFC 4733 event payload is
    /// read when the payload type is telephone-event, and the payload feeds the speech meter.
    mutating func observe(_ header: RTPHeaderView, arrival: Timestamp, dscp: UInt8) {
        let event = traits(of: header.payloadType).isTelephoneEvent ? TelephoneEventPayload(header.payload) : nil
        observe(arrival: arrival, packet: header.fields, packetSize: header.bytes.count, dscp: dscp, telephoneEvent: event,
                payload: header.payload)
    }

    /// Drops the simulated buffers and the speech histogram (the largest parts of the state) once the
    /// stream's result has been made.
    mutating func releaseMeasurementState() {
        buffers = JitterBufferBank(specs: [])
        speech = SpeechLevelMeter(sampleRate: 8000)
        speechMetered = false
        pendingCount = 0
    }

    /// Feeds the waiting packets to the statistics and the simulated jitter buffers (media packets only:
    /// RFC 4733 events and comfort noise do not enter a voice playout buffer).
    mutating func applyPending() {
        let ssrc = statistics.key.ssrc
        for index in 0 ..< pendingCount {
            let item = pendingBatch[index]
            let packet = item.fields(ssrc: ssrc)
            statistics.observe(arrival: item.arrival, packet: packet, packetSize: Int(item.packetSize),
                               dscp: item.dscp, telephoneEvent: item.telephoneEvent)
            packetsByPayloadType[Int(packet.payloadType & 0x7F)] &+= 1
            let traits = traits(of: packet.payloadType)
            if traits.entersBuffer {
                buffers.feed(JitterBufferPacket(arrivalNanoseconds: item.arrival.nanoseconds, rtpTimestamp: packet.timestamp,
                                                sequence: packet.sequenceNumber, marker: packet.marker,
                                                payloadType: packet.payloadType, clockRate: Int(traits.clockRate)))
            }
        }
        pendingCount = 0
    }
}

/// One RTP packet waiting in its stream's batch: the header fields and what the statistics need, no payload,
/// packed into 32 bytes (a batch slot is written per packet, so its size is cache traffic per packet). The SSRC is
/// the stream's own (part of its key) and is supplied when the fields are read back.
struct PendingPacket {
    private var arrivalNanoseconds: Int64
    private var timestamp: UInt32
    private var payloadSize: Int32
    /// UDP payload length in bytes.
    private(set) var packetSize: Int32
    private var sequenceNumber: UInt16
    private var eventDuration: UInt16
    private var payloadType: UInt8
    /// Bit 0 marker, bit 1 DSCP known, bit 2 telephone event present, bit 3 event end.
    private var flags: UInt8
    private var dscpValue: UInt8
    private var eventCode: UInt8
    private var eventVolume: UInt8

    init(arrival: Timestamp, fields: RTPPacketFields, packetSize: Int32, dscp: UInt8?, telephoneEvent: TelephoneEventPayload?) {
        arrivalNanoseconds = arrival.nanoseconds
        timestamp = fields.timestamp
        payloadSize = Int32(clamping: fields.payloadSize)
        self.packetSize = packetSize
        sequenceNumber = fields.sequenceNumber
        payloadType = fields.payloadType
        dscpValue = dscp ?? 0
        eventCode = telephoneEvent?.event ?? 0
        eventVolume = telephoneEvent?.volume ?? 0
        eventDuration = telephoneEvent?.duration ?? 0
        flags = (fields.marker ? 1 : 0) | (dscp != nil ? 2 : 0) | (telephoneEvent != nil ? 4 : 0)
            | (telephoneEvent?.isEnd == true ? 8 : 0)
    }

    var arrival: Timestamp { Timestamp(nanoseconds: arrivalNanoseconds) }
    var dscp: UInt8? { flags & 2 != 0 ? dscpValue : nil }
    var telephoneEvent: TelephoneEventPayload? {
        flags & 4 != 0 ? TelephoneEventPayload(event: eventCode, isEnd: flags & 8 != 0, volume: eventVolume, duration: eventDuration) : nil
    }
    /// The header fields as observed; `ssrc` is the stream's.
    func fields(ssrc: UInt32) -> RTPPacketFields {
        RTPPacketFields(sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc, payloadType: payloadType,
                        marker: flags & 1 != 0, payloadSize: Int(payloadSize))
    }

    static let empty = PendingPacket(arrival: .zero, fields: RTPPacketFields(sequenceNumber: 0, timestamp: 0, ssrc: 0, payloadType: 0,
                                                                             marker: false, payloadSize: 0),
                                     packetSize: 0, dscp: nil, telephoneEvent: nil)
}

/// The two G.711 companding laws.
enum G711Law { case muLaw, aLaw }

/// A payload type as one stream's payload-type map describes it.
struct PayloadTypeTraits {
    /// RTP clock (Hz); 0 when unknown.
    var clockRate: UInt32
    /// RFC 4733 telephone-event.
    var isTelephoneEvent: Bool
    /// Media that a voice playout buffer takes: known clock, neither telephone-event nor comfort noise (RFC 3389).
    var entersBuffer: Bool
}

extension StreamState {
    /// Decodes a G.711 payload into the speech-level meter (active level in dBov, share of silent frames).
    mutating func meterSpeech(_ payload: UnsafeRawBufferPointer, payloadType: UInt8) {
        if payloadType != lawPayloadType {
            lawPayloadType = payloadType
            switch statistics.payloadTypes.format(payloadType)?.encodingName.uppercased() ?? (payloadType == 0 ? "PCMU" : payloadType == 8 ? "PCMA" : "") {
            case "PCMU": law = .muLaw
            case "PCMA": law = .aLaw
            default: law = nil
            }
        }
        guard let law else { return }
        speechMetered = true
        speech.add(g711: payload, aLaw: law == .aLaw)
    }

    /// G.711 carries one byte per timestamp unit: a payload consistently 4 or 10 bytes longer than the
    /// timestamp step is SRTP (the authentication tag follows the encrypted payload).
    mutating func countAuthenticationTag(_ packet: RTPPacketFields) {
        defer { previousFields = packet }
        guard let previous = previousFields, packet.sequenceNumber == previous.sequenceNumber &+ 1,
              packet.payloadType == previous.payloadType else { return }
        let step = Int(Int32(bitPattern: packet.timestamp &- previous.timestamp))
        guard step > 0 && step <= 8000 else { return }
        switch packet.payloadSize - step {
        case 0: plainPackets += 1
        case 4, 10: taggedPackets += 1
        default: break
        }
    }

    /// True when the payloads look like SRTP although no SDP said so (see `countAuthenticationTag`).
    var looksEncrypted: Bool { taggedPackets >= 10 && taggedPackets > 4 * plainPackets }

    /// The payload type carrying most packets, RFC 4733 events and comfort noise aside (nil without media).
    var mainMediaPayloadType: UInt8? {
        let types = statistics.payloadTypes
        var best: UInt8?
        var bestCount: UInt32 = 0
        for pt in 0..<128 where packetsByPayloadType[pt] > bestCount {
            let type = UInt8(pt)
            if types.isTelephoneEvent(type) || types.isComfortNoise(type) { continue }
            best = type
            bestCount = packetsByPayloadType[pt]
        }
        return best
    }
}

/// RTP packets held while the heuristic decides whether a UDP flow carries RTP; replayed into the
/// stream when it does, so a heuristically found stream loses none of its first packets.
struct CandidateFlow {
    struct HeldPacket {
        var arrival: Timestamp
        var fields: RTPPacketFields
        var size: Int
        var dscp: UInt8
        var telephoneEvent: TelephoneEventPayload?
    }

    var detector = RTPFlowDetector()
    var held: [HeldPacket] = []
    var lastSeen: Timestamp
}

extension PayloadTypeMap {
    /// The payload-type map of an SDP expectation (dynamic types from a=rtpmap).
    init(_ expectation: MediaExpectation?) {
        var signalled: [UInt8: PayloadFormat] = [:]
        for (pt, codec) in expectation?.payloadTypes ?? [:] {
            signalled[pt] = PayloadFormat(encodingName: codec.name, clockRate: UInt32(max(0, codec.clockRate)),
                                          channels: UInt8(clamping: codec.channels))
        }
        self.init(signalled: signalled)
    }
}
