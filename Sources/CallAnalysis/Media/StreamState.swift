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
    /// Order of first appearance (stable ids `s1`, `s2` … are assigned by first packet at the end).
    let ordinal: Int
    var statistics: RTPStreamStatistics
    var buffers: JitterBufferBank
    var callID: String?
    let discovery: StreamDiscovery
    var encrypted: Bool
    /// Packets per payload type (index = PT), to find the stream's main media type.
    var packetsByPayloadType = [UInt32](repeating: 0, count: 128)

    /// What the stream's payload-type map says about the last payload type seen (the map never changes
    /// for a stream, and streams rarely switch type), so the per-packet path skips the map lookups.
    var cachedPayloadType = -1
    var cachedTraits = PayloadTypeTraits(clockRate: 0, isTelephoneEvent: false, entersBuffer: false)

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

    /// Feeds one packet to the statistics and every simulated jitter buffer (media packets only:
    /// RFC 4733 events and comfort noise do not enter a voice playout buffer).
    mutating func observe(arrival: Timestamp, packet: RTPPacketFields, packetSize: Int, dscp: UInt8?,
                          telephoneEvent: TelephoneEventPayload?) {
        statistics.observe(arrival: arrival, packet: packet, packetSize: packetSize, dscp: dscp, telephoneEvent: telephoneEvent)
        packetsByPayloadType[Int(packet.payloadType & 0x7F)] &+= 1
        let traits = traits(of: packet.payloadType)
        if traits.entersBuffer {
            buffers.feed(JitterBufferPacket(arrivalNanoseconds: arrival.nanoseconds, rtpTimestamp: packet.timestamp,
                                            sequence: packet.sequenceNumber, marker: packet.marker,
                                            payloadType: packet.payloadType, clockRate: Int(traits.clockRate)))
        }
    }
}

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
