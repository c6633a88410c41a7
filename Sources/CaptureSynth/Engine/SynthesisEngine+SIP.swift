extension SynthesisEngine {
    /// Writes call `index`'s next SIP message at `time` and schedules what follows it.
    mutating func handleSIP(call index: Int, at time: Int64) {
        let step = calls[index].script[calls[index].step]
        writeSIP(step, call: index, at: time)
        calls[index].step += 1
        calls[index].sipMessages += 1
        calls[index].lastMessageTime = time
        if step == .answer {
            calls[index].answerTime = time
            startMedia(call: index, answeredAt: time)
        }
        guard calls[index].step < calls[index].script.count else { return }
        let next = calls[index].script[calls[index].step]
        var at = time + CallSynthesis.delay(before: next, random: &calls[index].random)
        if next == .bye {
            // Hang up 20-60 ms after the later stream's last packet slot.
            let end = max(streams[index * 2].lastSlotTime, streams[index * 2 + 1].lastSlotTime)
            at = max(at, end + CallSynthesis.delay(before: .bye, random: &calls[index].random))
        }
        queue.push(SynthEvent(time: at, target: UInt32(index), kind: .sip))
    }

    /// Both RTP senders start after the 200 OK: the callee 1-20 ms after it, the caller 20-60 ms
    /// (once it has the answer); each sends round(duration × 50) packets. RTCP starts with them.
    private mutating func startMedia(call index: Int, answeredAt time: Int64) {
        let slots = max(2, Int((plan.durationSeconds * 50).rounded()))
        for direction in 0..<2 {
            let offsetMs: ClosedRange<Int64> = direction == 0 ? 20...60 : 1...20
            let first = time + calls[index].random.inRange(offsetMs) * 1_000_000 + calls[index].random.inRange(0...999_999)
            let stream = index * 2 + direction
            streams[stream].firstSend = first
            streams[stream].slots = slots
            queue.push(SynthEvent(time: first, target: UInt32(stream), kind: .rtpSend))
            scheduleRTCP(stream: stream, after: first)
        }
    }

    private mutating func writeSIP(_ step: SIPStep, call index: Int, at time: Int64) {
        let identity = calls[index].identity
        var text = SIPMessageBuilder.message(step, identity, codec: plan.codec)
        let fromCaller = SIPMessageBuilder.callerSends(step, identity)
        calls[index].ipIdentification &+= 1
        let identification = calls[index].ipIdentification
        text.withUTF8 { utf8 in
            let frame = writer.beginRecord(nanoseconds: time, length: FrameHeaders.length + utf8.count)
            FrameHeaders.write(to: frame, source: fromCaller ? identity.caller : identity.carrier, sourcePort: 5060,
                               destination: fromCaller ? identity.carrier : identity.caller, destinationPort: 5060,
                               payloadLength: utf8.count, identification: identification)
            if let base = utf8.baseAddress {
                (frame + FrameHeaders.length).copyMemory(from: base, byteCount: utf8.count)
            }
        }
        noteWritten(time)
        summary.sipMessages += 1
        if let method = step.method { summary.sipRequests[method, default: 0] += 1 }
        if let status = step.status { summary.sipResponses[status, default: 0] += 1 }
    }
}
