import PcapIngest
import QualityModel
import RTPKit
import SIPKit
import WireCore

extension Analyzer {
    /// Ends the analysis at the last packet: flushes reassembly, closes calls, scores streams.
    public mutating func finish(captures summaries: [CaptureFileSummary]) -> AnalysisResult {
        let end = lastPacketTime
        withTCPReassembler { reassembler, deliver in reassembler.finish(at: end, deliver: deliver) }
        let leftover = defragmenter.flush()
        if leftover > 0 { record("fragment_incomplete", detail: "\(leftover) IP datagram(s) never completed") }
        let sip = calls.finish(at: end)

        for index in streamStates.indices { streamStates[index].applyPending() }
        let roundTrips = roundTripsByFlow()
        // The states are moved out (not copied: finishing the buffers mutates them in place) and each one's
        // simulators and speech histogram are released once its result is made, so the peak at the end is not
        // the states plus the results.
        var states = streamStates
        streamStates = []
        let order = states.indices.sorted {
            (states[$0].statistics.firstArrival, states[$0].ordinal) < (states[$1].statistics.firstArrival, states[$1].ordinal)
        }
        var results: [StreamResult] = []
        results.reserveCapacity(states.count)
        var idsByCall: [String: [String]] = [:]
        let knownCalls = Set(sip.calls.map(\.callID))
        for (position, index) in order.enumerated() {
            let id = "s\(position + 1)"
            var result = makeStreamResult(id: id, state: &states[index], roundTrips: roundTrips)
            states[index].releaseMeasurementState()
            if let call = result.callID, !knownCalls.contains(call) {
                // Announced by SDP whose dialog was not captured (e.g. responses only): no call to link to.
                result.callID = nil
                result.flags.append("sdp_outside_dialog")
            }
            if let call = result.callID { idsByCall[call, default: []].append(id) }
            results.append(result)
        }
        StreamFlagger.flag(&results, calls: sip.calls)

        var captures: [CaptureEntry] = []
        for (index, summary) in summaries.enumerated() where index < counts.count {
            captures.append(CaptureEntry(summary: summary, counts: counts[index], skipped: skipped[index]))
        }
        var diagnostics = sip.diagnostics.map {
            Diagnostic(severity: .warning, code: $0.code, message: $0.message, packet: $0.packetNumber)
        }
        for (file, counter) in skipped.enumerated() {
            for (reason, entry) in counter.entries.sorted(by: { $0.key < $1.key }) {
                diagnostics.append(Diagnostic(severity: .warning, code: reason,
                                              message: "\(entry.count) skipped: \(entry.example)", packet: entry.firstPacket, file: file))
            }
        }
        for summary in summaries where summary.truncated {
            diagnostics.append(Diagnostic(severity: .error, code: "capture_truncated", message: "\(summary.path): \(summary.end)"))
        }
        return AnalysisResult(captures: captures, sip: sip, streams: results, streamIDsByCall: idsByCall,
                              diagnostics: diagnostics, jitterBufferNames: configuration.jitterBuffers.map(\.text),
                              referenceBufferIndex: configuration.referenceBufferIndex)
    }

    /// Scores one stream through every simulated buffer and attaches what RTCP said about it.
    /// `roundTrips`: RTCP round-trip times per directed flow (`roundTripsByFlow()`), for streams whose own
    /// reports carry none.
    func makeStreamResult(id: String, state: inout StreamState, roundTrips: [FlowKey: Double]) -> StreamResult {
        let summary = state.statistics.summary()
        let payloadTypes = state.statistics.payloadTypes
        let mediaType = state.mainMediaPayloadType
        let format = mediaType.flatMap { payloadTypes.format($0) }
        let codec = format?.encodingName ?? mediaType.flatMap { Codec.staticPayloadType($0)?.name }
        let clockRate = format.map(\.clockRate).flatMap { $0 > 0 ? $0 : nil }
        let ssrc = summary.key.ssrc
        let farEnd = rtcp.farEnd[ssrc]
        // RTT: measured on this stream's reports, else on the reverse direction's.
        let reverse = FlowKey(source: summary.key.destination, destination: summary.key.source, transport: .udp)
        let roundTrip = farEnd?.roundTripMs ?? roundTrips[reverse]
        // SRTP keeps RTP headers in the clear, so encrypted streams are scored too; video is not.
        let scorable = codec.map { PayloadFormat(encodingName: $0, clockRate: 0).kind == .audio } ?? false
        var buffers: [BufferResult] = []
        for outcome in state.buffers.finish() {
            let assessment = scorable && outcome.received > 0
                ? outcome.assess(codec: codec ?? "", rtcpRoundTripMs: roundTrip,
                                 assumedNetworkDelayMs: configuration.assumedNetworkDelayMs)
                : nil
            buffers.append(BufferResult(outcome: outcome, assessment: assessment))
        }
        // Encrypted payloads decode to noise: no speech level for them.
        let encrypted = state.encrypted || state.looksEncrypted
        return StreamResult(id: id, callID: state.callID, discovery: state.discovery, encrypted: encrypted,
                            summary: summary, codec: codec, clockRate: clockRate, farEnd: farEnd,
                            voipMetrics: rtcp.voipMetrics[ssrc], cname: rtcp.cnames[ssrc], roundTripMs: roundTrip,
                            buffers: buffers, referenceIndex: configuration.referenceBufferIndex,
                            speech: encrypted || !state.speechMetered ? nil : state.speech.result(), flags: [])
    }

    /// The RTCP round-trip time measured on each directed flow: the first stream (in order of appearance) whose
    /// far-end reports carry one. Built once, so each stream finds its reverse direction's RTT in O(1).
    func roundTripsByFlow() -> [FlowKey: Double] {
        var roundTrips: [FlowKey: Double] = [:]
        for state in streamStates {
            let key = state.statistics.key
            let flow = FlowKey(source: key.source, destination: key.destination, transport: .udp)
            if roundTrips[flow] == nil, let rtt = rtcp.farEnd[key.ssrc]?.roundTripMs { roundTrips[flow] = rtt }
        }
        return roundTrips
    }
}
