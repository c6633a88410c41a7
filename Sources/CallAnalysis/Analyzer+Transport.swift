import NetDecode
import NetReassembly
import PcapIngest
import SIPKit
import WireCore

extension Analyzer {
    /// Routes a decoded UDP datagram or TCP segment: SIP to the call tracker, media to the stream table.
    mutating func dispatchTransport(_ packet: DecodedPacket, _ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
        let file = record.fileIndex
        switch packet.transport {
        case .udp(let udp):
            guard let payload = bytes.slice(udp.payload) else { return }
            let source = Endpoint(packet.source, udp.sourcePort)
            let destination = Endpoint(packet.destination, udp.destinationPort)
            if PayloadClassifier.looksLikeSIP(payload) {
                counts[file].sipMessages += 1
                if !configuration.inventoryOnly { handleSIPDatagram(payload, source: source, destination: destination, record: record) }
                return
            }
            let kind = PayloadClassifier.classifyMedia(payload)
            switch kind {
            case .rtp: counts[file].rtpCandidates += 1
            case .rtcp: counts[file].rtcpCandidates += 1
            case .stun, .dtls, .zrtp: counts[file].stunDtlsZrtp += 1
            default: counts[file].otherUDP += 1
            }
            if configuration.inventoryOnly { return }
            switch kind {
            case .rtp: handleRTP(payload, source: source, destination: destination, dscp: packet.dscp, record: record)
            case .rtcp: handleRTCP(payload, source: source, destination: destination, record: record)
            default: break
            }
        case .tcp(let segment):
            counts[file].tcpSegments += 1
            guard let payload = bytes.slice(segment.payload) else { return }
            // Reassembled and framed even for `info`, so SIP over TCP is counted in messages, not segments.
            var flags: TCPControlFlags = []
            if segment.isSYN { flags.insert(.syn) }
            if segment.isFIN { flags.insert(.fin) }
            if segment.isRST { flags.insert(.rst) }
            let flow = FlowKey(source: Endpoint(packet.source, segment.sourcePort),
                               destination: Endpoint(packet.destination, segment.destinationPort), transport: .tcp)
            let input = TCPSegmentInput(flow: flow, sequence: segment.sequence, flags: flags, payload: payload, time: record.timestamp)
            withTCPReassembler { reassembler, deliver in reassembler.add(input, deliver: deliver) }
        case .other:
            counts[file].otherIP += 1
        case .none:
            break
        }
    }

    /// Runs `body` on the TCP reassembler while its events go to `handleTCPEvent` (which may change
    /// any other part of the analyzer): the reassembler is moved out for the duration.
    mutating func withTCPReassembler(_ body: (inout TCPStreamReassembler, (TCPStreamEvent) -> Void) -> Void) {
        var reassembler = TCPStreamReassembler(limits: configuration.tcp)
        swap(&reassembler, &tcp)
        body(&reassembler) { event in self.handleTCPEvent(event) }
        swap(&reassembler, &tcp)
    }

    /// In-order bytes of a TCP direction go through that direction's SIP framer.
    mutating func handleTCPEvent(_ event: TCPStreamEvent) {
        switch event.kind {
        case .data(let bytes):
            var framer = framers.removeValue(forKey: event.flow) ?? SIPStreamFramer()
            framer.append(bytes)
            drain(&framer, flow: event.flow, time: event.time)
            framers[event.flow] = framer
        case .gap(let missing):
            record("tcp_gap", detail: "\(missing) bytes missing in \(event.flow)")
            // Bytes are missing: whatever the framer held is unusable; a fresh framer starts at the next data.
            framers.removeValue(forKey: event.flow)
        case .closed:
            framers.removeValue(forKey: event.flow)
        }
    }

    /// Hands every complete message the framer holds to the call tracker.
    mutating func drain(_ framer: inout SIPStreamFramer, flow: FlowKey, time: Timestamp) {
        while let event = framer.next() {
            switch event {
            case .message(let message):
                counts[currentRecord.fileIndex].sipMessages += 1
                if !configuration.inventoryOnly {
                    ingestSIP(message, source: flow.source, destination: flow.destination, transport: .tcp, time: time)
                }
            case .error(let error):
                if configuration.inventoryOnly {
                    record("sip_\(error.code.rawValue)", detail: error.description)
                } else {
                    calls.recordParseError(error, packetNumber: currentRecord.packetNumber)
                }
            }
        }
    }

    mutating func handleSIPDatagram(_ payload: UnsafeRawBufferPointer, source: Endpoint, destination: Endpoint, record: CaptureRecord) {
        do throws(ParseError) {
            let message = try SIPMessage.parse(payload)
            ingestSIP(message, source: source, destination: destination, transport: .udp, time: record.timestamp)
        } catch {
            calls.recordParseError(error, packetNumber: record.packetNumber)
        }
    }

    mutating func ingestSIP(_ message: SIPMessage, source: Endpoint, destination: Endpoint, transport: TransportProtocol, time: Timestamp) {
        calls.ingest(message, time: time, source: source, destination: destination, transport: transport,
                     packetNumber: currentRecord.packetNumber)
        for expectation in calls.drainMediaExpectations() { media.learn(expectation) }
        // SDP the tracker could not place in a dialog (e.g. only responses captured) still announces media.
        if !message.body.isEmpty, let callID = message.callID, !calls.isTracking(callID: callID),
           let sdp = message.sessionDescription {
            let party: CallParty = message.isRequest ? .caller : .callee
            for expectation in MediaExpectation.expectations(from: sdp, callID: callID, receiver: party, time: time,
                                                             packetNumber: currentRecord.packetNumber)
            where media.expectation(source: expectation.endpoint, destination: expectation.endpoint) == nil {
                media.learn(expectation)
            }
        }
    }

    /// Counts a skipped item against the current packet.
    mutating func record(_ reason: String, detail: @autoclosure () -> String) {
        skipped[currentRecord.fileIndex].record(reason, file: currentRecord.fileIndex, packet: currentRecord.packetNumber, detail: detail())
    }
}
