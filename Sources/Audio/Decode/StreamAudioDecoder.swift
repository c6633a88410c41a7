/// One RTP packet of a stream for decoding, with its jitter-buffer fate.
public struct AudioPacket: Sendable, Equatable {
    public var sequence: UInt16
    public var rtpTimestamp: UInt32
    public var payload: [UInt8]
    /// `true` if the simulated jitter buffer played it; `false` (late / overflow) makes it concealed like a loss.
    public var played: Bool

    public init(sequence: UInt16, rtpTimestamp: UInt32, payload: [UInt8], played: Bool = true) {
        self.sequence = sequence; self.rtpTimestamp = rtpTimestamp; self.payload = payload; self.played = played
    }
}

/// PCM of one stream as the listener heard it through a jitter buffer, plus what was done to produce it.
public struct DecodedAudio: Sendable, Equatable {
    /// Mono 16-bit samples at `sampleRate`.
    public var samples: [Int16]
    public var sampleRate: Int
    /// Packets decoded normally.
    public var decodedPackets: Int
    /// Packets concealed (lost in the network, discarded by the buffer, or undecodable).
    public var concealedPackets: Int
    /// Of the concealed Opus packets, those decoded from the next packet with `decode_fec = 1`. libopus
    /// rebuilds them from in-band FEC (LBRR) when the next packet carries it and falls back to PLC otherwise;
    /// libopus 1.3 offers no call to tell which happened, so this counts attempts.
    public var fecDecodeAttempts: Int
    /// Payloads the decoder rejected (then concealed).
    public var decodeErrors: Int
    /// Samples of silence inserted for timestamp gaps (DTX / silence suppression).
    public var silenceSamples: Int
    /// Timestamp gaps or loss runs longer than `StreamAudioDecoder.maxGapSeconds` that were shortened to that
    /// length, and sequence jumps > 3000 treated as sender restarts (not concealed).
    public var discontinuities: Int
    /// Output reached `StreamAudioDecoder.maxOutputSeconds` and was cut there.
    public var truncated: Bool
    /// Active speech level and silent-frame share of `samples`.
    public var speechLevel: SpeechLevel
}

/// Decodes a stream's packets in sequence order into PCM, concealing every packet that was not played.
///
/// Timeline: each played packet starts at (its RTP timestamp − the first packet's) in output samples; a
/// timestamp gap not explained by missing packets is filled with silence (DTX), concealment overshoot is
/// trimmed. Concealment: G.711 repeats the last decoded packet attenuated by 0.8 per consecutive concealed
/// packet and mutes after 5 (a simple repetition PLC, not G.711 Appendix I); Opus uses libopus PLC (NULL
/// packet) or, when the next packet in sequence was played, in-band FEC (`decode_fec = 1`).
public enum StreamAudioDecoder {
    /// Largest silence inserted for one timestamp gap (s).
    public static let maxGapSeconds = 10
    /// Sequence jumps above this are sender restarts (RFC 3550 A.1 MAX_DROPOUT), not losses.
    public static let maxDropout: Int64 = 3000
    /// Maximum consecutive G.711 concealed packets before muting.
    public static let g711MaxRepeats = 5

    /// Longest output produced (s); decoding stops there and `truncated` is set.
    public static let maxOutputSeconds = 6 * 3600

    /// Decodes `packets` (any order; duplicates are ignored) with `codec`.
    /// Memory: the sorted packet list plus the output PCM; a run of missing packets is concealed for at most
    /// `maxGapSeconds` (the rest of the run counts as a discontinuity).
    public static func decode(_ packets: [AudioPacket], codec: AudioCodec) throws(AudioError) -> DecodedAudio {
        let entries = sortedUnique(packets)
        var state = try DecoderState(codec: codec)
        let maxSamples = maxOutputSeconds * codec.outputSampleRate
        var previous: Int64?
        for (index, e) in entries.enumerated() {
            if state.sampleCount >= maxSamples { state.truncated = true; break }
            if let prev = previous {
                let missing = e.seq - prev - 1
                if missing > maxDropout {
                    state.discontinuities += 1
                    state.anchorNext = true
                } else if missing > 0 {
                    let limit = Int64(state.concealablePackets(seconds: maxGapSeconds))
                    let concealed = min(missing, limit)
                    if concealed < missing { state.discontinuities += 1 }
                    for k in 0..<concealed {
                        let isLast = k == concealed - 1 && concealed == missing
                        state.conceal(nextPayload: isLast && e.packet.played ? e.packet.payload : nil)
                    }
                }
            }
            if e.packet.played {
                state.play(e.packet.payload, extendedTimestamp: e.ts)
            } else {
                // Received but not played (late/overflow): FEC from the next packet if it directly follows and played.
                let next = index + 1 < entries.count ? entries[index + 1] : nil
                let fecSource = next.flatMap { $0.seq == e.seq + 1 && $0.packet.played ? $0.packet.payload : nil }
                state.conceal(nextPayload: fecSource)
            }
            previous = e.seq
        }
        if state.sampleCount > maxSamples { state.truncate(to: maxSamples) }
        return state.finish()
    }

    /// Extends sequence numbers and timestamps (in the given order), sorts by sequence and drops duplicates
    /// (keeping a played copy).
    static func sortedUnique(_ packets: [AudioPacket]) -> [(seq: Int64, ts: Int64, packet: AudioPacket)] {
        guard let first = packets.first else { return [] }
        var highest = Int64(first.sequence)
        var lastTs = first.rtpTimestamp
        var extTs: Int64 = 0
        var entries: [(seq: Int64, ts: Int64, packet: AudioPacket)] = []
        entries.reserveCapacity(packets.count)
        for p in packets {
            let seq = highest + Int64(Int16(bitPattern: p.sequence &- UInt16(truncatingIfNeeded: highest)))
            highest = max(highest, seq)
            extTs += Int64(Int32(bitPattern: p.rtpTimestamp &- lastTs))
            lastTs = p.rtpTimestamp
            entries.append((seq, extTs, p))
        }
        entries.sort { $0.seq < $1.seq || ($0.seq == $1.seq && $0.packet.played && !$1.packet.played) }
        var unique: [(seq: Int64, ts: Int64, packet: AudioPacket)] = []
        unique.reserveCapacity(entries.count)
        for e in entries where unique.last?.seq != e.seq { unique.append(e) }
        return unique
    }
}

/// Mutable decoding state shared by the G.711 and Opus paths.
struct DecoderState {
    let codec: AudioCodec
    let sampleRate: Int
    private let opus: OpusDecoder?
    private var samples: [Int16] = []
    private var lastFrame: [Int16] = []
    private var consecutiveConcealed = 0
    private var packetSamples: Int
    private var originTimestamp: Int64?
    private var originOffset = 0
    var anchorNext = false
    private var decoded = 0, concealed = 0, fec = 0, errors = 0, silence = 0
    var discontinuities = 0
    var truncated = false
    var sampleCount: Int { samples.count }

    /// How many packets of the current packet duration fit in `seconds`.
    func concealablePackets(seconds: Int) -> Int { max(1, seconds * sampleRate / max(1, packetSamples)) }

    mutating func truncate(to count: Int) { samples.removeLast(max(0, samples.count - count)); truncated = true }

    init(codec: AudioCodec) throws(AudioError) {
        self.codec = codec
        sampleRate = codec.outputSampleRate
        packetSamples = sampleRate / 50
        opus = codec == .opus ? try OpusDecoder(sampleRate: Int32(codec.outputSampleRate), channels: 1) : nil
    }

    mutating func play(_ payload: [UInt8], extendedTimestamp ts: Int64) {
        align(to: ts)
        let start = samples.count
        switch codec {
        case .pcmu: samples.append(contentsOf: payload.lazy.map(G711.decodeMuLaw))
        case .pcma: samples.append(contentsOf: payload.lazy.map(G711.decodeALaw))
        case .opus: if let pcm = opus?.decode(payload) { samples.append(contentsOf: pcm) }
        }
        guard samples.count > start else {
            errors += 1
            conceal(nextPayload: nil)
            return
        }
        lastFrame.removeAll(keepingCapacity: true)
        lastFrame.append(contentsOf: samples[start...])
        packetSamples = samples.count - start
        consecutiveConcealed = 0
        decoded += 1
    }

    /// Places the next played packet at its timestamp: silence for a DTX gap, trim for concealment overshoot.
    private mutating func align(to ts: Int64) {
        if originTimestamp == nil || anchorNext {
            originTimestamp = ts
            originOffset = samples.count
            anchorNext = false
            return
        }
        guard let origin = originTimestamp else { return }
        let ticks = ts - origin
        let target = originOffset + Int(ticks * Int64(sampleRate) / Int64(codec.clockRate))
        if target > samples.count {
            let maxGap = StreamAudioDecoder.maxGapSeconds * sampleRate
            let fill = target - samples.count
            if fill > maxGap {
                discontinuities += 1
                silence += maxGap
                samples.append(contentsOf: repeatElement(0, count: maxGap))
                originTimestamp = ts
                originOffset = samples.count
            } else {
                silence += fill
                samples.append(contentsOf: repeatElement(0, count: fill))
            }
        } else if target < samples.count && target >= originOffset {
            samples.removeLast(samples.count - target)
        }
    }

    mutating func conceal(nextPayload: [UInt8]?) {
        concealed += 1
        consecutiveConcealed += 1
        switch codec {
        case .pcmu, .pcma:
            let gain = consecutiveConcealed > StreamAudioDecoder.g711MaxRepeats ? 0 : pow08(consecutiveConcealed)
            if lastFrame.isEmpty || gain == 0 {
                samples.append(contentsOf: repeatElement(0, count: packetSamples))
            } else {
                for s in lastFrame { samples.append(Int16((Double(s) * gain).rounded())) }
            }
        case .opus:
            guard let opus else { return }
            if let next = nextPayload, let recovered = opus.recover(from: next, samples: packetSamples) {
                fec += 1
                samples.append(contentsOf: recovered)
            } else if let plc = opus.conceal(samples: packetSamples) {
                samples.append(contentsOf: plc)
            } else {
                samples.append(contentsOf: repeatElement(0, count: packetSamples))
            }
        }
    }

    private func pow08(_ k: Int) -> Double {
        var g = 1.0
        for _ in 0..<k { g *= 0.8 }
        return g
    }

    func finish() -> DecodedAudio {
        DecodedAudio(samples: samples, sampleRate: sampleRate, decodedPackets: decoded, concealedPackets: concealed,
                     fecDecodeAttempts: fec, decodeErrors: errors, silenceSamples: silence,
                     discontinuities: discontinuities, truncated: truncated,
                     speechLevel: SpeechLevel.measure(samples, sampleRate: sampleRate))
    }
}
