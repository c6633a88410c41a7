/// One RTP stream's sender state plus what its receiver has seen (for the RTCP report block the
/// other direction's sender writes about it).
struct StreamState {
    // Identity.
    let source: UInt32
    let sourcePort: UInt16
    let destination: UInt32
    let destinationPort: UInt16
    let ssrc: UInt32
    let firstSequence: UInt16
    let firstTimestamp: UInt32
    let carriesDTMF: Bool

    // Sender.
    /// Capture time of slot 0 in ns; slot k is sent at `firstSend + k · 20 ms`.
    var firstSend: Int64 = 0
    var slots = 0
    var nextSlot = 0
    var loss: LossModel
    var random: SynthRandom
    var ipIdentification: UInt16
    var sent = 0
    var dropped = 0
    var duplicates = 0
    var written = 0
    var dtmfPackets = 0
    var payloadOctets = 0
    var rtcpReports = 0
    var lastSRTime: Int64 = -1
    var lastSRMiddle: UInt32 = 0

    // Receiver (RFC 3550 A.1 extended highest sequence, A.3 loss, A.8 jitter in timestamp units).
    var received = 0
    var highestExtended: Int
    /// Slot (unwrapped sequence offset) of the packet that arrived last so far.
    var lastArrivedSlot = 0
    var jitter: Double = 0
    var lastTransit: Double?
    var expectedPrior = 0
    var receivedPrior = 0

    init(source: UInt32, sourcePort: UInt16, destination: UInt32, destinationPort: UInt16,
         carriesDTMF: Bool, loss: LossModel, random: SynthRandom) {
        self.source = source; self.sourcePort = sourcePort
        self.destination = destination; self.destinationPort = destinationPort
        self.carriesDTMF = carriesDTMF
        self.loss = loss
        var random = random
        ssrc = UInt32(truncatingIfNeeded: random.next())
        firstSequence = UInt16(truncatingIfNeeded: random.next())
        firstTimestamp = UInt32(truncatingIfNeeded: random.next())
        ipIdentification = UInt16(truncatingIfNeeded: random.next())
        highestExtended = Int(firstSequence) - 1
        self.random = random
    }

    /// Time of the last slot, ns.
    var lastSlotTime: Int64 { firstSend + Int64(max(slots - 1, 0)) * SynthesisEngine.packetInterval }

    /// Advances the loss model by one packet (true: drop it).
    @inline(__always)
    mutating func nextIsLost() -> Bool { loss.nextIsLost(&random) }

    /// Records one packet reaching the receiver.
    @inline(__always)
    mutating func receive(sequence: UInt16, rtpTimestamp: UInt32, at time: Int64, isAudio: Bool, clockRate: Double) {
        received += 1
        let delta = Int(Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: highestExtended)))
        if delta > 0 { highestExtended += delta }
        lastArrivedSlot = highestExtended - Int(firstSequence)
            + Int(Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: highestExtended)))
        guard isAudio else { return }
        let arrival = Double(time &- firstSend) * clockRate / 1e9
        let transit = arrival - Double(rtpTimestamp &- firstTimestamp)
        if let lastTransit {
            jitter += (abs(transit - lastTransit) - jitter) / 16
        }
        lastTransit = transit
    }

    /// The RFC 3550 6.4.1 report-block figures, advancing the "prior" counters for the next interval.
    mutating func reportFigures() -> (fractionLost: UInt8, cumulativeLost: Int32, extendedHighest: UInt32, jitter: UInt32) {
        let expected = highestExtended - Int(firstSequence) + 1
        let lost = expected - received
        let expectedInterval = expected - expectedPrior
        let receivedInterval = received - receivedPrior
        expectedPrior = expected
        receivedPrior = received
        let lostInterval = expectedInterval - receivedInterval
        let fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (lostInterval << 8) / expectedInterval
        let clamped = Int32(clamping: min(max(lost, -0x80_0000), 0x7F_FFFF))
        return (UInt8(clamping: fraction), clamped, UInt32(truncatingIfNeeded: highestExtended), UInt32(jitter))
    }
}
