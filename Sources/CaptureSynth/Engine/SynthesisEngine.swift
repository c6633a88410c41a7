import WireCore

/// Runs the event loop: every call's SIP script, RTP senders, network impairments and RTCP, merged
/// in capture-time order through one min-heap and written straight into the pcap buffer.
///
/// Ordering argument: an event is popped at time t only when no earlier event remains, and every event
/// scheduled while handling it is at t or later (network delay is never negative), so packets reach
/// the file in non-decreasing capture time even when jitter reorders a stream's sequence numbers.
struct SynthesisEngine {
    /// RTP packetisation interval: 20 ms in ns.
    static let packetInterval: Int64 = 20_000_000

    let plan: SynthesisPlan
    let writer: PcapStreamWriter
    let frame: PayloadFrame
    let dtmf: DTMFSchedule
    let delay: DelayModel
    let clockRate: Double
    let duplicateProbability: Double
    let queue: EventQueue
    var calls: [CallRuntime] = []
    var streams: [StreamState] = []
    var summary: SynthesisSummary
    var lastWritten = Int64.min

    init(plan: SynthesisPlan, path: String) throws(SynthesisError) {
        self.plan = plan
        writer = try PcapStreamWriter(path: path, precision: plan.precision)
        frame = PayloadFrame(codec: plan.codec)
        dtmf = DTMFSchedule(digits: plan.dtmfDigits)
        delay = DelayModel(meanMilliseconds: plan.jitterMilliseconds)
        clockRate = Double(plan.codec.clockRate)
        duplicateProbability = plan.duplicatePercent / 100
        queue = EventQueue(capacity: plan.calls * 8 + 64)
        summary = SynthesisSummary(path: path)
        setUpCalls()
    }

    private mutating func setUpCalls() {
        calls.reserveCapacity(plan.calls)
        streams.reserveCapacity(plan.calls * 2)
        let rampNanoseconds = plan.effectiveRampSeconds * 1e9
        for index in 0..<plan.calls {
            var random = SynthRandom(seed: SplitMix64.derive(plan.seed, UInt64(index)))
            let identity = CallIdentity(index: index, carriers: plan.carriers, random: &random)
            let outcome = CallSynthesis.outcome(failureRatio: plan.failureRatio, random: &random)
            let start = plan.start.nanoseconds + Int64(Double(index) * rampNanoseconds / Double(plan.calls))
            calls.append(CallRuntime(identity: identity, outcome: outcome, script: outcome.script, random: random,
                                     ipIdentification: UInt16(truncatingIfNeeded: index &* 7919),
                                     inviteTime: start, lastMessageTime: start))
            for direction in 0..<2 {
                let callerSends = direction == 0
                streams.append(StreamState(
                    source: callerSends ? identity.caller : identity.calleeMedia,
                    sourcePort: callerSends ? identity.callerRTPPort : identity.calleeRTPPort,
                    destination: callerSends ? identity.calleeMedia : identity.caller,
                    destinationPort: callerSends ? identity.calleeRTPPort : identity.callerRTPPort,
                    carriesDTMF: callerSends && !dtmf.events.isEmpty,
                    loss: LossModel(lossPercent: plan.lossPercent, burstLength: plan.burstLength),
                    random: SynthRandom(seed: SplitMix64.derive(plan.seed, UInt64(index), UInt64(direction) + 1))))
            }
            queue.push(SynthEvent(time: start, target: UInt32(index), kind: .sip))
        }
    }

    /// Runs every event to the end and returns the summary.
    mutating func run() throws(SynthesisError) -> SynthesisSummary {
        while let event = queue.pop() {
            switch event.kind {
            case .sip: handleSIP(call: Int(event.target), at: event.time)
            case .rtpSend: handleSend(stream: Int(event.target), at: event.time)
            case .rtpArrive: writeRTP(event)
            case .rtcp: handleRTCP(stream: Int(event.target), at: event.time)
            }
        }
        try writer.finish()
        return finishSummary()
    }

    /// Bookkeeping shared by every written packet.
    @inline(__always)
    mutating func noteWritten(_ time: Int64) {
        if summary.firstPacket == nil { summary.firstPacket = Timestamp(nanoseconds: time) }
        assert(time >= lastWritten, "capture order broken")
        lastWritten = time
    }

    private func finishSummary() -> SynthesisSummary {
        var summary = self.summary
        summary.packets = writer.packetsWritten
        summary.bytes = writer.bytesWritten
        if lastWritten != Int64.min { summary.lastPacket = Timestamp(nanoseconds: lastWritten) }
        for (index, call) in calls.enumerated() {
            summary.calls.append(SynthCallSummary(
                callID: call.identity.callID, outcome: call.outcome,
                callerNumber: call.identity.callerNumber, calleeNumber: call.identity.calleeNumber,
                carrier: IPAddress(ipv4: call.identity.carrier),
                inviteTime: Timestamp(nanoseconds: call.inviteTime),
                answerTime: call.answerTime.map { Timestamp(nanoseconds: $0) },
                endTime: Timestamp(nanoseconds: call.lastMessageTime), sipMessages: call.sipMessages))
            guard call.answerTime != nil else { continue }
            for direction in 0..<2 {
                let s = streams[index * 2 + direction]
                summary.streams.append(SynthStreamSummary(
                    callID: call.identity.callID, direction: direction == 0 ? .callerToCallee : .calleeToCaller,
                    ssrc: s.ssrc, source: Endpoint(IPAddress(ipv4: s.source), s.sourcePort),
                    destination: Endpoint(IPAddress(ipv4: s.destination), s.destinationPort),
                    payloadType: plan.codec.payloadType, firstSequence: s.firstSequence, firstTimestamp: s.firstTimestamp,
                    sent: s.sent, dropped: s.dropped, duplicates: s.duplicates, written: s.written,
                    dtmfPackets: s.dtmfPackets, rtcpReports: s.rtcpReports,
                    lastArrivedSlot: s.lastArrivedSlot))
                summary.rtpPackets += s.written
                summary.dtmfPackets += s.dtmfPackets
                summary.droppedPackets += s.dropped
                summary.duplicatePackets += s.duplicates
            }
        }
        return summary
    }
}
