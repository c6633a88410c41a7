import CallAnalysis
import QualityModel
import RTPKit
import WireCore

/// One `streams[]` entry: RFC 3550 figures, tshark-compatible figures, RFC 3611 burst/gap,
/// DTMF, RTCP, E-model quality through each simulated jitter buffer, flags and a per-second series.
enum StreamJSON {
    static func build(_ stream: StreamResult, bufferNames: [String]) -> JSONValue {
        let s = stream.summary
        let key = s.key
        let hasPackets = s.packets > 0
        return .object([
            ("id", .string(stream.id)),
            ("call_id", .text(stream.callID)),
            ("ssrc", .string(ssrcText(key.ssrc))),
            ("src_ip", .string(key.source.address.description)),
            ("src_port", .int(Int(key.source.port))),
            ("dst_ip", .string(key.destination.address.description)),
            ("dst_port", .int(Int(key.destination.port))),
            ("payload_types", .array(s.payloadTypes.map { .int(Int($0)) })),
            ("codec", .text(stream.codec)),
            ("clock_rate", .number(stream.clockRate.map(Int.init))),
            ("first_packet", .string(s.firstPacket.iso8601)),
            ("last_packet", .string(s.lastPacket.iso8601)),
            ("packets", .int(s.packets)),
            ("expected", .int(Int(s.expected))),
            ("lost", .int(Int(s.lost))),
            ("loss_pct", .number(s.expected > 0 ? s.lossPercent : nil)),
            ("duplicates", .int(s.duplicates)),
            ("reordered", .int(s.reordered)),
            ("seq_errors", .int(s.sequenceErrors)),
            ("max_delta_ms", .number(s.packets > 1 ? s.maxDeltaMs : nil)),
            ("mean_delta_ms", .number(s.packets > 1 ? s.meanDeltaMs : nil)),
            ("max_jitter_ms", .number(stream.clockRate != nil && hasPackets ? s.maxJitterMs : nil)),
            ("mean_jitter_ms", .number(stream.clockRate != nil && hasPackets ? s.meanJitterMs : nil)),
            ("jitter_ms", .number(stream.clockRate != nil && hasPackets ? s.jitterMs : nil)),
            ("min_delta_ms", .number(s.packets > 1 ? s.minDeltaMs : nil)),
            ("restarts", .int(s.restarts)),
            ("clock_skew_ms", .number(s.maxSkewMs)),
            ("clock_drift_ppm", .number(s.driftPPM)),
            ("talkspurts", .int(s.talkspurts)),
            ("comfort_noise_packets", .int(s.comfortNoisePackets)),
            ("payload_type_changes", .int(s.payloadTypeChanges)),
            ("timestamp_jumps", .int(s.timestampJumps)),
            ("mean_bitrate_kbps", .number(s.meanBitsPerSecond / 1000)),
            ("dscp", .number(s.firstDSCP.map(Int.init))),
            ("wireshark", wireshark(s.wireshark)),
            ("burst", burst(s.burst)),
            ("dtmf", .string(s.dtmfDigits)),
            ("dtmf_events", .array(s.telephoneEvents.map { e in
                .object([("digit", .string(String(e.digit))), ("time", .string(e.start.iso8601)),
                         ("duration_ms", .number(e.durationMs)), ("ended", .bool(e.ended))])
            })),
            ("speech", stream.speech.map { level in
                .object([("active_level_dbov", .number(level.activeLevelDbov)), ("silent_share", .number(level.silentFrameShare)),
                         ("frames", .int(level.frames))])
            } ?? .null),
            ("rtcp", rtcp(stream)),
            ("quality", quality(stream)),
            ("flags", .array(stream.flags.map(JSONValue.string))),
            ("discovery", .string(stream.discovery.rawValue)),
            ("encrypted", .bool(stream.encrypted)),
            ("time_series", series(s)),
        ])
    }

    static func ssrcText(_ ssrc: UInt32) -> String {
        let hex = String(ssrc, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// What `tshark -q -z rtp,streams` (4.0.17) prints for this stream.
    static func wireshark(_ w: WiresharkStreamAnalysis) -> JSONValue {
        .object([
            ("packets", .int(w.packets)),
            ("lost", .int(w.lost)),
            ("lost_pct", .number(w.lostPercent)),
            ("min_delta_ms", .number(w.minDeltaMs < 0 ? nil : w.minDeltaMs)),
            ("mean_delta_ms", .number(w.meanDeltaMs)),
            ("max_delta_ms", .number(w.maxDeltaMs)),
            ("min_jitter_ms", .number(w.minJitterMs < 0 ? nil : w.minJitterMs)),
            ("mean_jitter_ms", .number(w.meanJitterMs)),
            ("max_jitter_ms", .number(w.maxJitterMs)),
            ("problems", .bool(w.problem)),
        ])
    }

    /// RFC 3611 §4.7.2 burst/gap metrics (Gmin 16) as fractions and ms, plus the Appendix A.2 estimate.
    static func burst(_ b: BurstGapMetrics) -> JSONValue {
        func reading(_ r: BurstGapMetrics.Reading) -> [(String, JSONValue)] {
            [("burst_density", .number(r.burstDensity)), ("gap_density", .number(r.gapDensity)),
             ("burst_duration_ms", .number(r.burstDurationMs)), ("gap_duration_ms", .number(r.gapDurationMs))]
        }
        return .object(reading(b.definitional) + [
            ("gmin", .int(b.gMin)), ("bursts", .int(b.bursts)), ("longest_loss_run", .int(b.longestLossRun)),
            ("loss_run_histogram", .array(b.lossRunHistogram.map(JSONValue.int))),
            ("appendix_a2", .object(reading(b.appendixA2))),
        ])
    }

    static func rtcp(_ stream: StreamResult) -> JSONValue {
        guard stream.farEnd != nil || stream.voipMetrics != nil || stream.cname != nil else { return .null }
        let block = stream.farEnd?.block
        var members: [(String, JSONValue)] = [
            ("rtt_ms", .number(stream.roundTripMs)),
            ("reported_loss_pct", .number(block.map { Double($0.fractionLost) * 100 / 256 })),
            ("reported_cumulative_lost", .number(block.map { Int($0.cumulativeLost) })),
            ("reported_jitter_ms", .number(stream.clockRate.flatMap { stream.farEnd?.jitterMs(clockRate: $0) })),
            ("cname", .text(stream.cname)),
        ]
        if let xr = stream.voipMetrics {
            func scaled(_ v: UInt8) -> JSONValue { v == 127 ? .null : .double(Double(v) / 10) }
            members.append(("xr_voip_metrics", .object([
                ("loss_rate_pct", .double(Double(xr.lossRate) * 100 / 256)),
                ("discard_rate_pct", .double(Double(xr.discardRate) * 100 / 256)),
                ("burst_density", .double(Double(xr.burstDensity) / 256)), ("gap_density", .double(Double(xr.gapDensity) / 256)),
                ("burst_duration_ms", .int(Int(xr.burstDurationMs))), ("gap_duration_ms", .int(Int(xr.gapDurationMs))),
                ("round_trip_delay_ms", .int(Int(xr.roundTripDelayMs))), ("end_system_delay_ms", .int(Int(xr.endSystemDelayMs))),
                ("r_factor", xr.rFactor == 127 ? .null : .int(Int(xr.rFactor))),
                ("mos_lq", scaled(xr.mosLQ)), ("mos_cq", scaled(xr.mosCQ)),
                ("jb_nominal_ms", .int(Int(xr.jitterBufferNominalMs))), ("jb_maximum_ms", .int(Int(xr.jitterBufferMaximumMs))),
            ])))
        }
        return .object(members)
    }

    static func quality(_ stream: StreamResult) -> JSONValue {
        let reference = stream.reference
        return .object([
            ("model", .text(reference?.model.rawValue)),
            ("r_factor", .number(reference?.conversational.rFactor)),
            ("mos", .number(reference?.conversational.mos)),
            ("mos_lq", .number(reference?.listening.mos)),
            ("r_factor_lq", .number(reference?.listening.rFactor)),
            ("mouth_to_ear_delay_ms", .number(reference?.mouthToEarDelayMs)),
            ("reference_buffer", .text(stream.referenceIndex < stream.buffers.count ? stream.buffers[stream.referenceIndex].outcome.name : nil)),
            ("assumptions", .array((reference?.assumptions ?? []).map(JSONValue.string))),
            ("jitter_buffers", .array(stream.buffers.map { buffer in
                let o = buffer.outcome
                return .object([
                    ("name", .string(o.name)),
                    ("discarded", .int(o.discardedLate)),
                    ("discarded_overflow", .int(o.discardedOverflow)),
                    ("played", .int(o.played)),
                    ("network_lost", .int(o.networkLost)),
                    ("effective_loss_pct", .number(o.expected > 0 ? o.effectiveLossPercent : nil)),
                    ("mean_delay_ms", .number(o.played > 0 ? o.meanDelayMs : nil)),
                    ("p95_delay_ms", .number(o.played > 0 ? o.p95DelayMs : nil)),
                    ("max_delay_ms", .number(o.played > 0 ? o.maxDelayMs : nil)),
                    ("adaptations", .int(o.adaptations)),
                    ("concealment_events", .int(o.concealmentEvents)),
                    ("burst_ratio", .number(o.burstRatio)),
                    ("r_factor", .number(buffer.assessment?.conversational.rFactor)),
                    ("mos", .number(buffer.assessment?.conversational.mos)),
                    ("mos_lq", .number(buffer.assessment?.listening.mos)),
                ])
            })),
        ])
    }

    /// Per-second arrays for charts (index 0 = the second of the first packet).
    static func series(_ s: RTPStreamSummary) -> JSONValue {
        let samples = s.series
        return .object([
            ("start", .string(Timestamp(nanoseconds: s.firstPacket.wholeSeconds * 1_000_000_000).iso8601)),
            ("interval_s", .int(1)),
            ("packets", .array(samples.map { .int(Int($0.packets)) })),
            ("lost", .array(samples.map { .int(Int($0.lost)) })),
            ("max_delta_ms", .array(samples.map { .double(Double($0.maxDeltaMs)) })),
            ("jitter_ms", .array(samples.map { .double(Double($0.jitterMs)) })),
            ("bitrate_kbps", .array(samples.map { .double($0.bitsPerSecond / 1000) })),
        ])
    }
}
