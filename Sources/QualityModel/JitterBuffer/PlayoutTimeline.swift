/// The part of jitter-buffer simulation that depends only on the packets, never on a buffer's decisions:
/// sequence placement (duplicates, too old, loss), the extended RTP timestamp, transit, sender timestamp
/// resets and talkspurt starts. A `JitterBufferBank` computes it once per packet for all its buffers.
///
/// Time model (ms, relative to the stream's first packet): arrival a, media time m = unwrapped RTP timestamp /
/// clock rate (+ the re-basing offset after a timestamp reset), transit r = a − m.
struct PlayoutTimeline: Sendable {
    /// What the buffers need to know about one admitted packet.
    struct Arrival {
        /// Extended sequence number (the window slot of the packet's fate).
        var extended: Int64
        var arrivalMs: Double
        var mediaMs: Double
        var transitMs: Double
        /// First packet of the stream (or of the first talkspurt: the playout delay is set from it).
        var isFirstPacket: Bool
        /// First packet of the stream, marker bit, sender restart, or a timestamp step larger than the sequence
        /// step × packet duration.
        var talkspurtStart: Bool
        /// Silence before this talkspurt (ms): the timestamp step beyond the sequence step × packet duration.
        var silenceMs: Double
        /// Smallest timestamp step between consecutive sequence numbers seen so far (timestamp units).
        var frameTicks: Int64?
        var clockRate: Int

        /// Packet duration (ms) from `frameTicks`, nil before two consecutive packets.
        var packetDurationMs: Double? { PlayoutTimeline.durationMs(frameTicks: frameTicks, clockRate: clockRate) }
    }

    /// The verdict on one fed packet.
    enum Admission {
        case arrival(Arrival)
        case duplicate, tooOld, invalid
    }

    /// A jump of the transit of a new highest sequence number by more than this (ms) is a sender timestamp
    /// reset, not network delay: the timeline is re-based so that packet keeps the previous transit.
    static let timestampJumpMs = 60_000.0

    private(set) var window: SequenceWindow
    private var firstArrivalNs: Int64?
    private(set) var clockRate = 0
    private var lastTimestamp: UInt32 = 0
    private var lastExtendedTimestamp: Int64 = 0
    private var highestExtendedTimestamp: Int64 = 0
    private(set) var frameTicks: Int64?
    private var timelineOffsetMs = 0.0
    private var lastTransit: Double?
    private(set) var received = 0, duplicates = 0, tooOld = 0, invalid = 0
    private(set) var timestampResets = 0, talkspurts = 0

    /// - Parameter lanes: buffers whose packet fates the sequence window keeps.
    init(lanes: Int) { window = SequenceWindow(lanes: lanes) }

    /// Places the next packet (arrival order) on the timeline.
    mutating func admit(_ packet: JitterBufferPacket) -> Admission {
        guard packet.clockRate > 0 else { invalid += 1; return .invalid }
        let first: Int64
        if let f = firstArrivalNs { first = f } else {
            firstArrivalNs = packet.arrivalNanoseconds
            first = packet.arrivalNanoseconds
            clockRate = packet.clockRate
            lastTimestamp = packet.rtpTimestamp
        }
        let arrivalMs = Double(packet.arrivalNanoseconds &- first) / 1e6
        let extendedTimestamp = lastExtendedTimestamp + Int64(Int32(bitPattern: packet.rtpTimestamp &- lastTimestamp))
        lastTimestamp = packet.rtpTimestamp
        lastExtendedTimestamp = extendedTimestamp
        var mediaMs = Double(extendedTimestamp) * 1000 / Double(clockRate) + timelineOffsetMs

        let ext: Int64, step: Int64?
        switch window.place(packet.sequence) {
        case .duplicate: duplicates += 1; return .duplicate
        case .tooOld: tooOld += 1; return .tooOld
        case .new(let e, let s): ext = e; step = s
        }
        received += 1
        var transit = arrivalMs - mediaMs
        if step != nil {
            if let last = lastTransit, abs(transit - last) > Self.timestampJumpMs {
                timelineOffsetMs += transit - last   // media time shifted so that transit == last
                mediaMs += transit - last
                transit = last
                timestampResets += 1
            }
            lastTransit = transit
        }

        var talkspurtStart = false
        var silenceMs = 0.0
        if let step {
            let tsStep = extendedTimestamp - highestExtendedTimestamp
            if step == 0 {
                talkspurtStart = true
            } else {
                if step == 1 && tsStep > 0 { frameTicks = min(frameTicks ?? tsStep, tsStep) }
                let gap = frameTicks.map { tsStep > step * $0 } ?? false
                talkspurtStart = packet.marker || gap
                if let f = frameTicks, tsStep > step * f {
                    silenceMs = Double(tsStep - step * f) * 1000 / Double(clockRate)
                }
            }
            highestExtendedTimestamp = extendedTimestamp
        }
        if talkspurtStart { talkspurts += 1 }
        return .arrival(Arrival(extended: ext, arrivalMs: arrivalMs, mediaMs: mediaMs, transitMs: transit,
                                isFirstPacket: received == 1, talkspurtStart: talkspurtStart, silenceMs: silenceMs,
                                frameTicks: frameTicks, clockRate: clockRate))
    }

    mutating func setFate(_ fate: SequenceWindow.Fate, for extended: Int64, lane: Int) {
        window.setFate(fate, for: extended, lane: lane)
    }

    /// Sets the packet's fate in lanes `0 ..< count` (at most 32) from `packed` (see `SequenceWindow.setFates`).
    mutating func setFates(_ packed: UInt64, count: Int, for extended: Int64) {
        window.setFates(packed, count: count, for: extended)
    }

    /// Finalizes every pending sequence number (end of stream).
    mutating func flush() { window.flush() }

    /// Packet duration (ms) from the smallest timestamp step, nil before two consecutive packets.
    var packetDurationMs: Double? { Self.durationMs(frameTicks: frameTicks, clockRate: clockRate) }

    /// `frameTicks` timestamp units in ms.
    static func durationMs(frameTicks: Int64?, clockRate: Int) -> Double? {
        frameTicks.map { Double($0) * 1000 / Double(clockRate) }
    }
}
