import Testing
import WireCore
@testable import CaptureSynth

/// A 12 s capture with failures, loss, DTMF and no jitter, read back through PcapIngest + NetDecode.
@Suite("Synthetic capture read back")
struct SynthesisReadBackTests {
    static func plan() -> SynthesisPlan {
        var plan = SynthesisPlan(calls: 8, durationSeconds: 12)
        plan.failureRatio = 0.5
        plan.lossPercent = 5
        plan.dtmfDigits = "1#"
        plan.seed = 11
        return plan
    }

    let output = TemporaryCapture("readback")
    let summary: SynthesisSummary
    let capture: ReadBack

    init() throws {
        summary = try CaptureSynthesizer.write(Self.plan(), to: output.path)
        capture = try ReadBack(path: output.path)
    }

    @Test func countsMatchSummaryAndFile() throws {
        #expect(capture.undecoded == 0)
        #expect(capture.packets.count == summary.packets)
        #expect(capture.summary?.packets == summary.packets)
        #expect(output.bytes.count == summary.bytes)
        #expect(capture.linkTypes.isEmpty || capture.linkTypes == [.ethernet])
        #expect(capture.sip.count == summary.sipMessages)
        #expect(capture.rtp.count == summary.rtpPackets)
        #expect(capture.rtcp.count == summary.rtcpPackets)
        #expect(summary.sipMessages + summary.rtpPackets + summary.rtcpPackets == summary.packets)
        #expect(summary.calls.count == 8)
        // Failed calls carry no media: two streams per completed call.
        #expect(summary.streams.count == 2 * summary.count(.completed))
        #expect(summary.count(.completed) > 0 && summary.count(.completed) < 8)
    }

    @Test func answeredCallsRunConcurrently() throws {
        // Starts spread over min(12/4, 30) = 3 s and answered within ~5.6 s, media lasting 12 s:
        // the last answer comes before the first hang-up, so every answered call overlaps every other.
        let answered = summary.calls.filter { $0.outcome == .completed }
        let lastAnswer = try #require(answered.compactMap(\.answerTime).max())
        let firstEnd = try #require(answered.map(\.endTime).min())
        #expect(lastAnswer < firstEnd)
        // Calls are spread over the carriers round robin (4 by default).
        #expect(Set(summary.calls.map(\.carrier)).count == 4)
    }

    @Test func packetsAreInCaptureTimeOrder() {
        for (earlier, later) in zip(capture.packets, capture.packets.dropFirst()) {
            #expect(earlier.time <= later.time, "packet \(later.number) goes back in time")
        }
        #expect(capture.packets.first?.time == Self.plan().start)
        #expect(capture.packets.last?.time == summary.lastPacket.map { Timestamp(nanoseconds: $0.nanoseconds / 1000 * 1000) })
    }

    @Test func everyCallHasItsSIPDialogInOrder() throws {
        var byCall: [String: [CapturedUDP]] = [:]
        for packet in capture.sip {
            let callID = try #require(sipHeader("Call-ID", in: packet.text))
            byCall[callID, default: []].append(packet)
        }
        #expect(byCall.count == summary.calls.count)
        for call in summary.calls {
            let messages = try #require(byCall[call.callID])
            let expected: [String] = switch call.outcome {
            case .completed: ["INVITE", "100", "180", "200", "ACK", "BYE", "200"]
            case .busy: ["INVITE", "100", "486", "ACK"]
            case .unavailable: ["INVITE", "100", "503", "ACK"]
            case .cancelled: ["INVITE", "100", "180", "CANCEL", "200", "487", "ACK"]
            }
            #expect(messages.map { sipKind($0.text) } == expected, "call \(call.callID)")
            #expect(messages.count == call.sipMessages)
            // INVITE goes caller → carrier on port 5060, and the carrier is the call's gateway.
            #expect(messages[0].destination == Endpoint(call.carrier, 5060))
            #expect(messages[0].source.port == 5060)
            #expect(sipHeader("From", in: messages[0].text)?.contains("sip:\(call.callerNumber)@") == true)
            #expect(sipHeader("To", in: messages[0].text)?.hasPrefix("<sip:\(call.calleeNumber)@") == true)
            #expect(call.callerNumber.hasPrefix("+7495") || call.callerNumber.hasPrefix("+4930"))
            for message in messages {
                // Content-Length counts exactly the bytes after the blank line.
                let text = message.text
                let length = try #require(sipHeader("Content-Length", in: text).flatMap { Int($0) })
                let separator = try #require(text.range(of: "\r\n\r\n"))
                #expect(text[separator.upperBound...].utf8.count == length)
                #expect(sipHeader("Via", in: text)?.contains(";branch=z9hG4bK") == true)
                let isRequest = text.hasPrefix("SIP/2.0") == false
                #expect((sipHeader("User-Agent", in: text) != nil) == isRequest)
                #expect((sipHeader("Server", in: text) != nil) == !isRequest)
            }
            // Every message of the INVITE transaction (and a non-2xx ACK or CANCEL) reuses the INVITE's
            // branch and CSeq number 1; the ACK for a 200 is a new transaction with its own branch (RFC 3261 17.1.1.3).
            let inviteVia = sipHeader("Via", in: messages[0].text)
            for message in messages {
                let kind = sipKind(message.text)
                let cseq = sipHeader("CSeq", in: message.text) ?? ""
                let sameBranch = sipHeader("Via", in: message.text) == inviteVia
                switch kind {
                case "INVITE", "100", "180", "486", "503", "487", "CANCEL":
                    #expect(sameBranch)
                    #expect(cseq == (kind == "CANCEL" ? "1 CANCEL" : "1 INVITE"))
                case "ACK":
                    #expect(sameBranch == (call.outcome != .completed))
                    #expect(cseq == "1 ACK")
                case "BYE":
                    #expect(!sameBranch)
                    #expect(cseq.hasSuffix(" BYE"))
                default:  // 200 answers INVITE, CANCEL or BYE
                    #expect(["1 INVITE", "1 CANCEL", "1 BYE", "2 BYE"].contains(cseq))
                }
            }
            if call.outcome == .completed {
                // Responses after 100 carry the To tag; the answer carries an SDP body with our codec.
                let answer = messages[3].text
                #expect(sipHeader("To", in: answer)?.contains(";tag=") == true)
                #expect(answer.contains("m=audio "))
                #expect(answer.contains("RTP/AVP 0 101\r\n"))
                #expect(messages[0].text.contains("RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"))
                #expect(messages[0].text.contains("a=ptime:20\r\na=sendrecv\r\n"))
            }
        }
    }

    @Test func rtpSequenceAndTimestampsProgress() throws {
        for stream in summary.streams {
            let packets = capture.rtp.filter { $0.rtpSSRC == stream.ssrc }
            #expect(packets.count == stream.written)
            // 12 s at 20 ms = 600 slots per stream.
            #expect(stream.sent == 600)
            #expect(stream.written == stream.sent - stream.dropped + stream.duplicates)
            let first = try #require(packets.first)
            #expect(first.rtpMarker)
            #expect(first.rtpSequence == stream.firstSequence)
            #expect(first.rtpTimestamp == stream.firstTimestamp)
            #expect(first.source == stream.source && first.destination == stream.destination)
            var lastSlot = -1
            for packet in packets {
                // No jitter: slots arrive in order; slot k carries sequence first + k.
                let slot = Int(packet.rtpSequence &- stream.firstSequence)
                #expect(slot > lastSlot)
                lastSlot = slot
                if packet.rtpPayloadType == 0 {
                    #expect(packet.rtpTimestamp == stream.firstTimestamp &+ UInt32(slot) &* 160)
                    #expect(packet.payload.count == 12 + 160)
                }
            }
            // The last slot always arrives, so expected = highest - first + 1 = sent.
            #expect(lastSlot == stream.sent - 1)
            #expect(stream.expectedLost == stream.dropped)
        }
    }

    @Test func requestedLossIsAppliedExactly() {
        let sent = summary.streams.reduce(0) { $0 + $1.sent }
        let dropped = summary.streams.reduce(0) { $0 + $1.dropped }
        #expect(dropped == summary.droppedPackets)
        #expect(summary.rtpPackets == sent - dropped)
        // 5 % of the lossable packets (all but 2 per stream and the DTMF ones), within a loose band.
        let rate = Double(dropped) / Double(sent)
        #expect(rate > 0.03 && rate < 0.07, "loss rate \(rate)")
    }

    @Test func dtmfEventsFollowRFC4733() throws {
        for stream in summary.streams {
            let events = capture.rtp.filter { $0.rtpSSRC == stream.ssrc && $0.rtpPayloadType == 101 }
            guard stream.direction == .callerToCallee else {
                #expect(events.isEmpty)
                continue
            }
            // Two digits × (5 updates + 2 repeated ends).
            #expect(events.count == 14)
            #expect(stream.dtmfPackets == 14)
            for (index, packet) in events.enumerated() {
                let digit = index / 7, position = index % 7
                #expect(packet.payload[12] == (digit == 0 ? 1 : 11))            // '1', then '#' = 11
                #expect((packet.payload[13] & 0x80 != 0) == (position >= 4))   // End bit on the last three
                #expect(packet.payload[13] & 0x3F == 10)                        // volume
                #expect(packet.be16(14) == UInt16(min(position + 1, 5) * 160))  // duration in samples
                #expect(packet.rtpMarker == (position == 0))
                // Every packet of a digit carries the timestamp of its start slot (100 + 12·digit).
                #expect(packet.rtpTimestamp == stream.firstTimestamp &+ UInt32(100 + 12 * digit) * 160)
            }
        }
    }

    @Test func rtcpSenderReportsDescribeTheStreams() throws {
        let bySSRC = Dictionary(uniqueKeysWithValues: summary.streams.map { ($0.ssrc, $0) })
        var reports = 0
        var roundTripsChecked = 0
        for packet in capture.rtcp {
            #expect(packet.payload[1] == 200)
            let sender = try #require(bySSRC[packet.be32(4)])
            #expect(packet.source.port == sender.source.port + 1)
            // Sender's packet count never exceeds what the stream sends in total.
            #expect(Int(packet.be32(20)) <= sender.sent)
            let reportCount = Int(packet.payload[0] & 0x1F)
            let srBytes = (Int(packet.be16(2)) + 1) * 4
            #expect(srBytes == 28 + 24 * reportCount)
            #expect(packet.payload[srBytes + 1] == 202)  // SDES follows
            if reportCount == 1, packet.be32(44) != 0 {
                // RTT = arrival − LSR − DLSR in 1/65536 s must show the plan's 40 ms (±2 units of rounding).
                let seconds = UInt64(packet.time.wholeSeconds + 2_208_988_800)
                let fraction = UInt64(packet.time.subsecondNanoseconds) << 16 / 1_000_000_000
                let arrival = UInt32(truncatingIfNeeded: (seconds & 0xFFFF) << 16 | fraction)
                let rtt = arrival &- packet.be32(44) &- packet.be32(48)
                #expect(abs(Double(rtt) / 65_536 * 1000 - 40) < 0.1, "RTT \(Double(rtt) / 65.536) ms")
                roundTripsChecked += 1
            }
            reports += 1
        }
        #expect(roundTripsChecked > 0)
        // SDES CNAME is "synth@" + the sender's address.
        for packet in capture.rtcp {
            let sdes = (Int(packet.be16(2)) + 1) * 4
            let length = Int(packet.payload[sdes + 9])
            let cname = String(decoding: packet.payload[(sdes + 10)..<(sdes + 10 + length)], as: UTF8.self)
            #expect(cname == "synth@\(packet.source.address)")
        }
        #expect(reports == summary.streams.reduce(0) { $0 + $1.rtcpReports })
        // 12 s streams with a 4-6 s interval: at least one report each.
        #expect(summary.streams.allSatisfy { $0.rtcpReports >= 1 })
    }
}
