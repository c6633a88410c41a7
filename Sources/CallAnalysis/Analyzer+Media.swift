import PcapIngest
import QualityModel
import RTPKit
import SIPKit
import WireCore

extension Analyzer {
    /// One RTP packet: to its stream, or to a new stream announced by SDP, or to the heuristic.
    mutating func handleRTP(_ payload: UnsafeRawBufferPointer, source: Endpoint, destination: Endpoint, dscp: UInt8, record: CaptureRecord) {
        let header: RTPHeaderView
        do {
            header = try RTPHeaderView(payload)
        } catch {
            self.record("rtp_\(error.code.rawValue)", detail: error.description)
            return
        }
        let key = RTPStreamKey(source: source, destination: destination, ssrc: header.ssrc)
        if let index = streamIndex.position(of: key) {
            observe(index, header, arrival: record.timestamp, dscp: dscp)
            return
        }
        let flow = FlowKey(source: source, destination: destination, transport: .udp)
        if let expectation = media.expectation(source: source, destination: destination) {
            let index = startStream(key, discovery: .sdp, expectation: expectation)
            observe(index, header, arrival: record.timestamp, dscp: dscp)
            return
        }
        if knownMediaFlows.contains(flow) {
            // A new SSRC on a flow already recognised as RTP (sender restart, SSRC change, a second source).
            let index = promote(key, held: candidates.removeValue(forKey: key)?.held ?? [])
            observe(index, header, arrival: record.timestamp, dscp: dscp)
            return
        }
        guard configuration.heuristicRTP, !rejectedFlows.contains(flow) else { return }
        // Candidates are judged per SSRC, so interleaved sources on one flow (audio + DTMF) are each found.
        var candidate = candidates.removeValue(forKey: key) ?? CandidateFlow(lastSeen: record.timestamp)
        if candidate.held.isEmpty && candidates.count >= configuration.maxCandidateFlows { return }
        candidate.lastSeen = record.timestamp
        let verdict = candidate.detector.observe(payload)
        candidate.held.append(.init(arrival: record.timestamp, fields: header.fields, size: payload.count, dscp: dscp, telephoneEvent: nil))
        switch verdict {
        case .undecided:
            candidates[key] = candidate
        case .notRTP:
            rejectedFlows.insert(flow)
        case .rtp:
            knownMediaFlows.insert(flow)
            promote(key, held: candidate.held)
        }
    }

    /// Starts a heuristically found stream and replays the packets held while it was judged,
    /// so the stream starts at its first packet.
    @discardableResult
    mutating func promote(_ key: RTPStreamKey, held: [CandidateFlow.HeldPacket]) -> Int {
        let index = startStream(key, discovery: .heuristic, expectation: nil)
        for packet in held {
            streamStates[index].observe(arrival: packet.arrival, packet: packet.fields, packetSize: packet.size, dscp: packet.dscp, telephoneEvent: nil)
        }
        return index
    }

    /// Creates the state for a new stream; returns its index in `streamStates`.
    mutating func startStream(_ key: RTPStreamKey, discovery: StreamDiscovery, expectation: MediaExpectation?) -> Int {
        let payloadTypes = PayloadTypeMap(expectation)
        let statistics = RTPStreamStatistics(key: key, timeOrigin: firstPacketTime ?? .zero, payloadTypes: payloadTypes)
        let index = streamStates.count
        streamIndex.append(key)
        streamStates.append(StreamState(ordinal: index, statistics: statistics,
                                   // The reports do not show playout changes: no log (it would grow with the stream).
                                   buffers: JitterBufferBank(specs: configuration.jitterBuffers, playoutLogLimit: 0),
                                   callID: expectation?.callID, discovery: discovery,
                                   encrypted: expectation?.isEncrypted ?? false))
        if expectation != nil { knownMediaFlows.insert(FlowKey(source: key.source, destination: key.destination, transport: .udp)) }
        return index
    }

    mutating func observe(_ index: Int, _ header: RTPHeaderView, arrival: Timestamp, dscp: UInt8) {
        streamStates[index].observe(header, arrival: arrival, dscp: dscp)
    }

    /// RTCP (compound) packets: far-end reports, RTT, XR; attributed to streams by SSRC at the end.
    mutating func handleRTCP(_ payload: UnsafeRawBufferPointer, source: Endpoint, destination: Endpoint, record: CaptureRecord) {
        let before = rtcp.malformedCount
        rtcp.observe(payload, arrival: record.timestamp)
        if rtcp.malformedCount > before {
            self.record("rtcp_malformed", detail: "malformed RTCP from \(source) to \(destination)")
        }
    }
}
