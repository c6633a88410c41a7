extension SynthesisEngine {
    /// Stream `index` sends its next slot at `time`: audio (or a DTMF event packet), then the loss
    /// model decides whether it is dropped and the delay model when it reaches the capture point.
    mutating func handleSend(stream index: Int, at time: Int64) {
        let samples = plan.codec.samplesPerPacket
        let slot = streams[index].nextSlot
        streams[index].nextSlot += 1
        var packet = SynthEvent(time: time, target: UInt32(index), kind: .rtpArrive)
        packet.sequence = streams[index].firstSequence &+ UInt16(truncatingIfNeeded: slot)
        var exempt = slot == 0 || slot == streams[index].slots - 1
        if streams[index].carriesDTMF, let event = dtmf.packet(atSlot: slot) {
            packet.flags = SynthEvent.dtmfFlag | (event.isFirst ? SynthEvent.markerFlag : 0) | (event.isEnd ? SynthEvent.endFlag : 0)
            packet.dtmfEvent = event.event
            packet.dtmfDuration = UInt16(truncatingIfNeeded: event.durationPackets * Int(samples))
            packet.rtpTimestamp = streams[index].firstTimestamp &+ UInt32(truncatingIfNeeded: event.startSlot) &* samples
            streams[index].dtmfPackets += 1
            streams[index].payloadOctets += 4
            exempt = true
        } else {
            packet.flags = slot == 0 ? SynthEvent.markerFlag : 0
            packet.rtpTimestamp = streams[index].firstTimestamp &+ UInt32(truncatingIfNeeded: slot) &* samples
            streams[index].payloadOctets += frame.count
        }
        streams[index].sent += 1

        if !exempt && streams[index].nextIsLost() {
            streams[index].dropped += 1
        } else {
            // Slot 0 is never delayed, so it is always the stream's first packet in the capture and an
            // analyser's base sequence number is the stream's first one (exact loss figures under jitter).
            packet.time = slot == 0 ? time : time + delay.next(&streams[index].random)
            if packet.time == time { writeRTP(packet) } else { queue.push(packet) }
            if streams[index].random.chance(duplicateProbability) {
                streams[index].duplicates += 1
                var copy = packet
                copy.time = packet.time + Int64(streams[index].random.below(2_000_000)) + delay.next(&streams[index].random)
                queue.push(copy)
            }
        }
        if slot + 1 < streams[index].slots {
            queue.push(SynthEvent(time: streams[index].firstSend + Int64(slot + 1) * SynthesisEngine.packetInterval,
                                  target: UInt32(index), kind: .rtpSend))
        }
    }

    /// Writes one RTP packet (RFC 3550 5.1 fixed header; RFC 4733 2.3 event payload for DTMF).
    mutating func writeRTP(_ packet: SynthEvent) {
        let index = Int(packet.target)
        let isDTMF = packet.flags & SynthEvent.dtmfFlag != 0
        let payloadLength = isDTMF ? 4 : frame.count
        let udpLength = 12 + payloadLength
        let out = writer.beginRecord(nanoseconds: packet.time, length: FrameHeaders.length + udpLength)
        streams[index].ipIdentification &+= 1
        FrameHeaders.write(to: out, source: streams[index].source, sourcePort: streams[index].sourcePort,
                           destination: streams[index].destination, destinationPort: streams[index].destinationPort,
                           payloadLength: udpLength, identification: streams[index].ipIdentification)
        let rtp = out + FrameHeaders.length
        let marker: UInt8 = packet.flags & SynthEvent.markerFlag != 0 ? 0x80 : 0
        rtp.storeBytes(of: UInt8(0x80), as: UInt8.self)   // V=2, no padding, no extension, CC=0
        rtp.storeBytes(of: marker | (isDTMF ? DTMFSchedule.payloadType : plan.codec.payloadType), toByteOffset: 1, as: UInt8.self)
        rtp.storeBytes(of: packet.sequence.bigEndian, toByteOffset: 2, as: UInt16.self)
        rtp.storeBytes(of: packet.rtpTimestamp.bigEndian, toByteOffset: 4, as: UInt32.self)
        rtp.storeBytes(of: streams[index].ssrc.bigEndian, toByteOffset: 8, as: UInt32.self)
        if isDTMF {
            // event | E R volume(6) | duration(16); volume 10 = −10 dBm0.
            rtp.storeBytes(of: packet.dtmfEvent, toByteOffset: 12, as: UInt8.self)
            rtp.storeBytes(of: (packet.flags & SynthEvent.endFlag != 0 ? 0x80 : 0) | 10, toByteOffset: 13, as: UInt8.self)
            rtp.storeBytes(of: packet.dtmfDuration.bigEndian, toByteOffset: 14, as: UInt16.self)
        } else {
            (rtp + 12).copyMemory(from: frame.bytes, byteCount: frame.count)
        }
        streams[index].written += 1
        streams[index].receive(sequence: packet.sequence, rtpTimestamp: packet.rtpTimestamp, at: packet.time,
                               isAudio: !isDTMF, clockRate: clockRate)
        noteWritten(packet.time)
    }
}
