import WireCore

/// The 4-byte RFC 4733 §2.3 named-event payload.
public struct TelephoneEventPayload: Sendable, Hashable {
    public var event: UInt8
    public var isEnd: Bool
    /// Power level, −dBm0 (0…63).
    public var volume: UInt8
    /// Duration so far, in timestamp units.
    public var duration: UInt16

    /// Parses the first 4 bytes; nil when shorter.
    public init?(_ payload: UnsafeRawBufferPointer) {
        guard let event = payload.u8(at: 0), let flags = payload.u8(at: 1), let duration = payload.be16(at: 2) else { return nil }
        self.event = event; isEnd = flags & 0x80 != 0; volume = flags & 0x3F; self.duration = duration
    }

    public init(event: UInt8, isEnd: Bool, volume: UInt8, duration: UInt16) {
        self.event = event; self.isEnd = isEnd; self.volume = volume; self.duration = duration
    }

    /// "0"–"9", "*", "#", "A"–"D" for DTMF events 0–15 (RFC 4733 §3.2), "!" for flash (16), else "?".
    public var digit: Character {
        switch event {
        case 0...9: return Character(Unicode.Scalar(UInt8(48) + event))
        case 10: return "*"
        case 11: return "#"
        case 12...15: return Character(Unicode.Scalar(UInt8(65) + event - 12))
        case 16: return "!"
        default: return "?"
        }
    }
}

/// One decoded telephone event (one digit, however many packets carried it).
public struct TelephoneEvent: Sendable, Hashable {
    public var digit: Character
    public var event: UInt8
    /// Arrival of the first packet of the event.
    public var start: Timestamp
    /// RTP timestamp of the event (its identity, RFC 4733 §2.5.1.1).
    public var rtpTimestamp: UInt32
    /// Longest duration field seen, in ms (timestamp units / clock rate).
    public var durationMs: Double
    /// Whether an end-of-event packet was seen.
    public var ended: Bool
    public var volume: UInt8
}

/// Folds RFC 4733 packets into events: a new event starts when the RTP timestamp (or the
/// event code) changes; repeats and the three end-flagged retransmissions update it.
public struct TelephoneEventDecoder: Sendable, Hashable {
    public private(set) var events: [TelephoneEvent] = []
    /// Events kept at most (a flood of distinct events must not grow memory without bound).
    public static let maxEvents = 1024
    public private(set) var droppedEvents = 0

    public init() {}

    /// - Parameter clockRate: the event's RTP clock, Hz; 0 falls back to 8000 (the usual rate, RFC 4733 §7.1.1).
    public mutating func observe(_ payload: TelephoneEventPayload, timestamp: UInt32, arrival: Timestamp, clockRate: UInt32) {
        let rate = Double(clockRate == 0 ? 8000 : clockRate)
        let durationMs = Double(payload.duration) * 1000 / rate
        if let last = events.last, last.rtpTimestamp == timestamp, last.event == payload.event {
            let i = events.count - 1
            events[i].durationMs = max(events[i].durationMs, durationMs)
            events[i].ended = events[i].ended || payload.isEnd
            return
        }
        guard events.count < Self.maxEvents else { droppedEvents += 1; return }
        events.append(TelephoneEvent(digit: payload.digit, event: payload.event, start: arrival, rtpTimestamp: timestamp,
                                     durationMs: durationMs, ended: payload.isEnd, volume: payload.volume))
    }

    /// The digits in order, e.g. "123#".
    public var digits: String { String(events.map(\.digit)) }
}
