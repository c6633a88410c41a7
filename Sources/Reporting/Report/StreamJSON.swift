import CallAnalysis
import QualityModel
import RTPKit
import WireCore

/// One `streams[]` entry: RFC 3550 figures, tshark-compatible figures, RFC 3611 burst/gap,
/// DTMF, RTCP, E-model quality through each simulated jitter buffer, flags and a per-second series.
enum StreamJSON {
    static func build(_ stream: StreamResult) -> JSONValue {
        JSONTreeBuilder.build { write(stream, to: &$0) }
    }

    static func write<Sink: JSONSink>(_ stream: StreamResult, to w: inout Sink) {
        let s = stream.summary
        let key = s.key
        let hasPackets = s.packets > 0
        let jitterKnown = stream.clockRate != nil && hasPackets
        w.object { w in
            w.field("id", stream.id)
            w.field("call_id", text: stream.callID)
            w.field("ssrc", ssrcText(key.ssrc))
            w.field("src_ip", key.source.address.description)
            w.field("src_port", Int(key.source.port))
            w.field("dst_ip", key.destination.address.description)
            w.field("dst_port", Int(key.destination.port))
            w.field("payload_types") { $0.array(s.payloadTypes) { $0.int(Int($1)) } }
            w.field("codec", text: stream.codec)
            w.field("clock_rate", number: stream.clockRate.map(Int.init))
            w.field("first_packet", time: s.firstPacket)
            w.field("last_packet", time: s.lastPacket)
            w.field("packets", s.packets)
            w.field("expected", Int(s.expected))
            w.field("lost", Int(s.lost))
            w.field("loss_pct", number: s.expected > 0 ? s.lossPercent : nil)
            w.field("duplicates", s.duplicates)
            w.field("reordered", s.reordered)
            w.field("seq_errors", s.sequenceErrors)
            w.field("max_delta_ms", number: s.packets > 1 ? s.maxDeltaMs : nil)
            w.field("mean_delta_ms", number: s.packets > 1 ? s.meanDeltaMs : nil)
            w.field("max_jitter_ms", number: jitterKnown ? s.maxJitterMs : nil)
            w.field("mean_jitter_ms", number: jitterKnown ? s.meanJitterMs : nil)
            w.field("jitter_ms", number: jitterKnown ? s.jitterMs : nil)
            w.field("min_delta_ms", number: s.packets > 1 ? s.minDeltaMs : nil)
            w.field("restarts", s.restarts)
            w.field("clock_skew_ms", number: s.maxSkewMs)
            w.field("clock_drift_ppm", number: s.driftPPM)
            w.field("talkspurts", s.talkspurts)
            w.field("comfort_noise_packets", s.comfortNoisePackets)
            w.field("payload_type_changes", s.payloadTypeChanges)
            w.field("timestamp_jumps", s.timestampJumps)
            w.field("mean_bitrate_kbps", number: s.meanBitsPerSecond / 1000)
            w.field("dscp", number: s.firstDSCP.map(Int.init))
            w.field("wireshark") { wireshark(s.wireshark, to: &$0) }
            w.field("burst") { burst(s.burst, to: &$0) }
            w.field("dtmf", s.dtmfDigits)
            w.field("dtmf_events") {
                $0.array(s.telephoneEvents) { w, e in
                    w.object { w in
                        w.field("digit", String(e.digit))
                        w.field("time", time: e.start)
                        w.field("duration_ms", number: e.durationMs)
                        w.field("ended", e.ended)
                    }
                }
            }
            w.field("speech") { w in
                guard let level = stream.speech else { w.null(); return }
                w.object { w in
                    w.field("active_level_dbov", number: level.activeLevelDbov)
                    w.field("silent_share", number: level.silentFrameShare)
                    w.field("frames", level.frames)
                }
            }
            w.field("rtcp") { rtcp(stream, to: &$0) }
            w.field("quality") { quality(stream, to: &$0) }
            w.field("flags") { $0.array(stream.flags) { $0.string($1) } }
            w.field("discovery", stream.discovery.rawValue)
            w.field("encrypted", stream.encrypted)
            w.field("time_series") { series(s, to: &$0) }
        }
    }

    static func ssrcText(_ ssrc: UInt32) -> String {
        let hex = String(ssrc, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// What `tshark -q -z rtp,streams` (4.0.17) prints for this stream.
    static func wireshark<Sink: JSONSink>(_ ws: WiresharkStreamAnalysis, to w: inout Sink) {
        w.object { w in
            w.field("packets", ws.packets)
            w.field("lost", ws.lost)
            w.field("lost_pct", number: ws.lostPercent)
            w.field("min_delta_ms", number: ws.minDeltaMs < 0 ? nil : ws.minDeltaMs)
            w.field("mean_delta_ms", number: ws.meanDeltaMs)
            w.field("max_delta_ms", number: ws.maxDeltaMs)
            w.field("min_jitter_ms", number: ws.minJitterMs < 0 ? nil : ws.minJitterMs)
            w.field("mean_jitter_ms", number: ws.meanJitterMs)
            w.field("max_jitter_ms", number: ws.maxJitterMs)
            w.field("problems", ws.problem)
        }
    }

    /// RFC 3611 §4.7.2 burst/gap metrics (Gmin 16) as fractions and ms, plus the Appendix A.2 estimate.
    static func burst<Sink: JSONSink>(_ b: BurstGapMetrics, to w: inout Sink) {
        func reading(_ r: BurstGapMetrics.Reading, to w: inout Sink) {
            w.field("burst_density", number: r.burstDensity)
            w.field("gap_density", number: r.gapDensity)
            w.field("burst_duration_ms", number: r.burstDurationMs)
            w.field("gap_duration_ms", number: r.gapDurationMs)
        }
        w.object { w in
            reading(b.definitional, to: &w)
            w.field("gmin", b.gMin)
            w.field("bursts", b.bursts)
            w.field("longest_loss_run", b.longestLossRun)
            w.field("loss_run_histogram") { $0.array(b.lossRunHistogram) { $0.int($1) } }
            w.field("appendix_a2") { w in w.object { reading(b.appendixA2, to: &$0) } }
        }
    }

    static func rtcp<Sink: JSONSink>(_ stream: StreamResult, to w: inout Sink) {
        guard stream.farEnd != nil || stream.voipMetrics != nil || stream.cname != nil else { w.null(); return }
        let block = stream.farEnd?.block
        w.object { w in
            w.field("rtt_ms", number: stream.roundTripMs)
            w.field("reported_loss_pct", number: block.map { Double($0.fractionLost) * 100 / 256 })
            w.field("reported_cumulative_lost", number: block.map { Int($0.cumulativeLost) })
            w.field("reported_jitter_ms", number: stream.clockRate.flatMap { stream.farEnd?.jitterMs(clockRate: $0) })
            w.field("cname", text: stream.cname)
            guard let xr = stream.voipMetrics else { return }
            func scaled(_ v: UInt8) -> Double? { v == 127 ? nil : Double(v) / 10 }
            w.field("xr_voip_metrics") { w in
                w.object { w in
                    w.field("loss_rate_pct", double: Double(xr.lossRate) * 100 / 256)
                    w.field("discard_rate_pct", double: Double(xr.discardRate) * 100 / 256)
                    w.field("burst_density", double: Double(xr.burstDensity) / 256)
                    w.field("gap_density", double: Double(xr.gapDensity) / 256)
                    w.field("burst_duration_ms", Int(xr.burstDurationMs))
                    w.field("gap_duration_ms", Int(xr.gapDurationMs))
                    w.field("round_trip_delay_ms", Int(xr.roundTripDelayMs))
                    w.field("end_system_delay_ms", Int(xr.endSystemDelayMs))
                    w.field("r_factor", number: xr.rFactor == 127 ? nil : Int(xr.rFactor))
                    w.field("mos_lq", number: scaled(xr.mosLQ))
                    w.field("mos_cq", number: scaled(xr.mosCQ))
                    w.field("jb_nominal_ms", Int(xr.jitterBufferNominalMs))
                    w.field("jb_maximum_ms", Int(xr.jitterBufferMaximumMs))
                }
            }
        }
    }

    static func quality<Sink: JSONSink>(_ stream: StreamResult, to w: inout Sink) {
        let reference = stream.reference
        w.object { w in
            w.field("model", text: reference?.model.rawValue)
            w.field("r_factor", number: reference?.conversational.rFactor)
            w.field("mos", number: reference?.conversational.mos)
            w.field("mos_lq", number: reference?.listening.mos)
            w.field("r_factor_lq", number: reference?.listening.rFactor)
            w.field("mouth_to_ear_delay_ms", number: reference?.mouthToEarDelayMs)
            w.field("reference_buffer", text: stream.referenceIndex < stream.buffers.count
                        ? stream.buffers[stream.referenceIndex].outcome.name : nil)
            w.field("assumptions") { $0.array(reference?.assumptions ?? []) { $0.string($1) } }
            w.field("jitter_buffers") {
                $0.array(stream.buffers) { w, buffer in
                    let o = buffer.outcome
                    w.object { w in
                        w.field("name", o.name)
                        w.field("discarded", o.discardedLate)
                        w.field("discarded_overflow", o.discardedOverflow)
                        w.field("played", o.played)
                        w.field("network_lost", o.networkLost)
                        w.field("effective_loss_pct", number: o.expected > 0 ? o.effectiveLossPercent : nil)
                        w.field("mean_delay_ms", number: o.played > 0 ? o.meanDelayMs : nil)
                        w.field("p95_delay_ms", number: o.played > 0 ? o.p95DelayMs : nil)
                        w.field("max_delay_ms", number: o.played > 0 ? o.maxDelayMs : nil)
                        w.field("adaptations", o.adaptations)
                        w.field("concealment_events", o.concealmentEvents)
                        w.field("burst_ratio", number: o.burstRatio)
                        w.field("r_factor", number: buffer.assessment?.conversational.rFactor)
                        w.field("mos", number: buffer.assessment?.conversational.mos)
                        w.field("mos_lq", number: buffer.assessment?.listening.mos)
                    }
                }
            }
        }
    }

    /// Per-second arrays for charts (index 0 = the second of the first packet).
    static func series<Sink: JSONSink>(_ s: RTPStreamSummary, to w: inout Sink) {
        let samples = s.series
        w.object { w in
            w.field("start", time: Timestamp(nanoseconds: s.firstPacket.wholeSeconds * 1_000_000_000))
            w.field("interval_s", 1)
            w.field("packets") { $0.array(samples) { $0.int(Int($1.packets)) } }
            w.field("lost") { $0.array(samples) { $0.int(Int($1.lost)) } }
            w.field("max_delta_ms") { $0.array(samples) { $0.double(Double($1.maxDeltaMs)) } }
            w.field("jitter_ms") { $0.array(samples) { $0.double(Double($1.jitterMs)) } }
            w.field("bitrate_kbps") { $0.array(samples) { $0.double($1.bitsPerSecond / 1000) } }
        }
    }
}
