/// Where RFC 4733 telephone-event packets replace audio in the caller→callee stream.
///
/// Each digit occupies 12 packet slots (20 ms each) from slot 100 (2 s after the stream starts):
/// 5 updates with durations 1…5 × the packet's samples (the 5th sets the End bit), the final
/// update repeated twice more (RFC 4733 2.5.1.4 recommends three end packets), then 5 slots of audio.
/// All packets of one event carry the event's start timestamp; the first sets the marker bit.
struct DTMFSchedule: Sendable {
    static let firstSlot = 100
    static let updates = 5
    static let endRepeats = 2
    static let slotsPerDigit = 12
    /// RTP payload type of telephone-event in the synthetic SDP.
    static let payloadType: UInt8 = 101

    /// Event codes in order (RFC 4733 3.2: 0-9, * = 10, # = 11, A-D = 12-15).
    let events: [UInt8]

    init(digits: String) { events = digits.compactMap(DTMFSchedule.eventCode) }

    /// The RFC 4733 event code of a digit, nil for other characters.
    static func eventCode(_ character: Character) -> UInt8? {
        switch character {
        case "0"..."9": character.asciiValue.map { $0 - 48 }
        case "*": 10
        case "#": 11
        case "A"..."D": character.asciiValue.map { $0 - 65 + 12 }
        case "a"..."d": character.asciiValue.map { $0 - 97 + 12 }
        default: nil
        }
    }

    /// One event packet.
    struct Packet {
        var event: UInt8
        var isEnd: Bool
        var isFirst: Bool
        /// Duration in packets (multiply by samples per packet).
        var durationPackets: Int
        /// Slot whose timestamp the event carries.
        var startSlot: Int
    }

    /// The event packet sent in `slot`, or nil when the slot carries audio.
    @inline(__always)
    func packet(atSlot slot: Int) -> Packet? {
        guard !events.isEmpty, slot >= DTMFSchedule.firstSlot else { return nil }
        let offset = slot - DTMFSchedule.firstSlot
        let digit = offset / DTMFSchedule.slotsPerDigit
        guard digit < events.count else { return nil }
        let position = offset - digit * DTMFSchedule.slotsPerDigit
        guard position < DTMFSchedule.updates + DTMFSchedule.endRepeats else { return nil }
        return Packet(event: events[digit], isEnd: position >= DTMFSchedule.updates - 1, isFirst: position == 0,
                      durationPackets: min(position + 1, DTMFSchedule.updates),
                      startSlot: DTMFSchedule.firstSlot + digit * DTMFSchedule.slotsPerDigit)
    }
}
