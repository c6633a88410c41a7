extension SynthesisEngine {
    /// NTP time (RFC 5905: seconds since 1900 and a 2^-32 s fraction) of a Unix-epoch ns time.
    static func ntp(_ nanoseconds: Int64) -> (seconds: UInt32, fraction: UInt32) {
        let seconds = nanoseconds / 1_000_000_000
        let remainder = nanoseconds - seconds * 1_000_000_000
        let fraction = UInt64(remainder) << 32 / 1_000_000_000
        return (UInt32(truncatingIfNeeded: seconds + 2_208_988_800), UInt32(truncatingIfNeeded: fraction))
    }

    /// Schedules stream `index`'s next sender report 0.8…1.2 × the plan's interval after `time`,
    /// as long as it falls within the stream's media.
    mutating func scheduleRTCP(stream index: Int, after time: Int64) {
        let interval = plan.rtcpIntervalSeconds * 1e9 * (0.8 + 0.4 * streams[index].random.unit())
        let at = time + Int64(interval)
        guard at <= streams[index].lastSlotTime else { return }
        queue.push(SynthEvent(time: at, target: UInt32(index), kind: .rtcp))
    }

    /// Writes a compound RTCP packet from stream `index`'s sender: SR (RFC 3550 6.4.1) with one report
    /// block about the opposite stream once it has received packets, then SDES with a CNAME (6.5).
    /// DLSR is shortened by the plan's round trip so an analyser computes RTT = A − LSR − DLSR = that value.
    mutating func handleRTCP(stream index: Int, at time: Int64) {
        let reverse = index ^ 1
        let hasBlock = streams[reverse].received > 0
        let srLength = 28 + (hasBlock ? 24 : 0)
        let cnameLength = 6 + DottedQuad.length(streams[index].source)
        let sdesLength = (8 + 2 + cnameLength + 1 + 3) & ~3
        let udpLength = srLength + sdesLength
        let out = writer.beginRecord(nanoseconds: time, length: FrameHeaders.length + udpLength)
        streams[index].ipIdentification &+= 1
        FrameHeaders.write(to: out, source: streams[index].source, sourcePort: streams[index].sourcePort + 1,
                           destination: streams[index].destination, destinationPort: streams[index].destinationPort + 1,
                           payloadLength: udpLength, identification: streams[index].ipIdentification)
        let rtcp = out + FrameHeaders.length
        let now = SynthesisEngine.ntp(time)
        rtcp.storeBytes(of: UInt8(hasBlock ? 0x81 : 0x80), as: UInt8.self)
        rtcp.storeBytes(of: UInt8(200), toByteOffset: 1, as: UInt8.self)
        rtcp.storeBytes(of: UInt16(srLength / 4 - 1).bigEndian, toByteOffset: 2, as: UInt16.self)
        rtcp.storeBytes(of: streams[index].ssrc.bigEndian, toByteOffset: 4, as: UInt32.self)
        rtcp.storeBytes(of: now.seconds.bigEndian, toByteOffset: 8, as: UInt32.self)
        rtcp.storeBytes(of: now.fraction.bigEndian, toByteOffset: 12, as: UInt32.self)
        let elapsedSamples = Double(time - streams[index].firstSend) * clockRate / 1e9
        let rtpTime = streams[index].firstTimestamp &+ UInt32(truncatingIfNeeded: Int64(elapsedSamples))
        rtcp.storeBytes(of: rtpTime.bigEndian, toByteOffset: 16, as: UInt32.self)
        rtcp.storeBytes(of: UInt32(truncatingIfNeeded: streams[index].sent).bigEndian, toByteOffset: 20, as: UInt32.self)
        rtcp.storeBytes(of: UInt32(truncatingIfNeeded: streams[index].payloadOctets).bigEndian, toByteOffset: 24, as: UInt32.self)
        if hasBlock {
            let block = rtcp + 28
            let figures = streams[reverse].reportFigures()
            block.storeBytes(of: streams[reverse].ssrc.bigEndian, as: UInt32.self)
            let lostWord = UInt32(figures.fractionLost) << 24 | UInt32(bitPattern: figures.cumulativeLost) & 0xFF_FFFF
            block.storeBytes(of: lostWord.bigEndian, toByteOffset: 4, as: UInt32.self)
            block.storeBytes(of: figures.extendedHighest.bigEndian, toByteOffset: 8, as: UInt32.self)
            block.storeBytes(of: figures.jitter.bigEndian, toByteOffset: 12, as: UInt32.self)
            var lsr: UInt32 = 0
            var dlsr: UInt32 = 0
            if streams[reverse].lastSRTime >= 0 {
                lsr = streams[reverse].lastSRMiddle
                let held = time - streams[reverse].lastSRTime - Int64(plan.rtcpRoundTripMilliseconds * 1e6)
                dlsr = held > 0 ? UInt32(truncatingIfNeeded: held * 65_536 / 1_000_000_000) : 0
            }
            block.storeBytes(of: lsr.bigEndian, toByteOffset: 16, as: UInt32.self)
            block.storeBytes(of: dlsr.bigEndian, toByteOffset: 20, as: UInt32.self)
        }
        // SDES: one chunk, CNAME item, END, zero padding to a 32-bit boundary.
        let sdes = rtcp + srLength
        sdes.initializeMemory(as: UInt8.self, repeating: 0, count: sdesLength)
        sdes.storeBytes(of: UInt8(0x81), as: UInt8.self)
        sdes.storeBytes(of: UInt8(202), toByteOffset: 1, as: UInt8.self)
        sdes.storeBytes(of: UInt16(sdesLength / 4 - 1).bigEndian, toByteOffset: 2, as: UInt16.self)
        sdes.storeBytes(of: streams[index].ssrc.bigEndian, toByteOffset: 4, as: UInt32.self)
        sdes.storeBytes(of: UInt8(1), toByteOffset: 8, as: UInt8.self)
        sdes.storeBytes(of: UInt8(cnameLength), toByteOffset: 9, as: UInt8.self)
        // CNAME "synth@<dotted quad>", written without building a String.
        for (offset, byte) in "synth@".utf8.enumerated() { sdes.storeBytes(of: byte, toByteOffset: 10 + offset, as: UInt8.self) }
        DottedQuad.write(streams[index].source, to: sdes + 16)

        streams[index].lastSRTime = time
        streams[index].lastSRMiddle = now.seconds << 16 | now.fraction >> 16
        streams[index].rtcpReports += 1
        summary.rtcpPackets += 1
        noteWritten(time)
        scheduleRTCP(stream: index, after: time)
    }
}
