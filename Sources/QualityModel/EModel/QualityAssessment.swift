/// Inputs of a per-stream quality assessment (what a capture can tell) for `QualityAssessment.assess`.
public struct QualityAssessmentInput: Sendable, Equatable {
    /// Codec name as found in SDP/RTP ("PCMU", "opus", …); resolved with `CodecImpairmentTable.resolve`.
    public var codec: String
    /// Override of the codec values (e.g. `--ie/--bpl`); `codec` is then only a label.
    public var codecOverride: CodecImpairment?
    /// Whether the receiver conceals lost packets (selects Bpl with/without PLC). Default true.
    public var concealment: Bool = true
    /// Effective loss (network + jitter-buffer discards), percent.
    public var effectiveLossPercent: Double
    /// BurstR from `LossMarkovCounter`; `nil` → 1 (random loss) with a stated assumption.
    public var burstRatio: Double?
    /// RTCP round-trip time (ms, RFC 3550 §6.4.1 from LSR/DLSR); the network one-way delay is taken as half of it.
    /// `nil` → `assumedNetworkDelayMs`.
    public var rtcpRoundTripMs: Double?
    /// Assumed network one-way delay (ms) when no RTT is known. Default 20 ms (a national IP path).
    public var assumedNetworkDelayMs: Double = QualityAssessment.defaultAssumedNetworkDelayMs
    /// Mean delay added by the jitter buffer (ms).
    public var jitterBufferDelayMs: Double
    /// RTP packet duration (ms), if known; codec delay = max(frame, packet) + look-ahead.
    public var packetDurationMs: Double?

    public init(codec: String, codecOverride: CodecImpairment? = nil, concealment: Bool = true,
                effectiveLossPercent: Double, burstRatio: Double?, rtcpRoundTripMs: Double?,
                assumedNetworkDelayMs: Double = QualityAssessment.defaultAssumedNetworkDelayMs,
                jitterBufferDelayMs: Double, packetDurationMs: Double? = nil) {
        self.codec = codec; self.codecOverride = codecOverride; self.concealment = concealment
        self.effectiveLossPercent = effectiveLossPercent; self.burstRatio = burstRatio
        self.rtcpRoundTripMs = rtcpRoundTripMs; self.assumedNetworkDelayMs = assumedNetworkDelayMs
        self.jitterBufferDelayMs = jitterBufferDelayMs; self.packetDurationMs = packetDurationMs
    }
}

/// Conversational and listening-only scores of one stream plus the assumptions behind them.
public struct QualityAssessment: Sendable, Equatable {
    /// Default assumed network one-way delay (ms) when no RTCP round-trip time is available.
    public static let defaultAssumedNetworkDelayMs = 20.0

    /// The E-model used ("G.107" narrowband or "G.107.1" wideband).
    public var model: EModelScale
    /// The codec values used.
    public var codec: CodecImpairment
    /// Conversational quality: all impairments including delay (Id). `rFactor` on the `model` scale.
    public var conversational: EModelResult
    /// Listening quality (MOS-LQ): the same connection with no delay impairment (Ta = T = Tr = 0).
    public var listening: EModelResult
    /// Mouth-to-ear delay used for Id (ms) = network + jitter buffer + codec.
    public var mouthToEarDelayMs: Double
    /// Human-readable assumptions (codec value sources, delay source, defaults). Written when read: a capture
    /// scores every stream through every simulated buffer but reports the texts of the reference buffer only.
    public var assumptions: [String] { facts.texts(codec: codec, mouthToEarDelayMs: mouthToEarDelayMs) }
    /// What the assumption texts are made of.
    var facts: AssumptionFacts

    /// Scores a stream. Narrowband codecs use the full G.107 with Table 3 defaults for every terminal
    /// parameter, the delay applied as T = Ta = d, Tr = 2d; wideband codecs use `WidebandEModel` (G.107.1).
    public static func assess(_ input: QualityAssessmentInput) -> QualityAssessment {
        var facts = AssumptionFacts(concealment: input.concealment, jitterBufferDelayMs: input.jitterBufferDelayMs)
        let codec: CodecImpairment
        if let override = input.codecOverride {
            codec = override
            facts.codecSource = .explicit
        } else {
            let resolved = CodecImpairmentTable.resolve(input.codec)
            codec = resolved.codec
            facts.codecSource = resolved.assumption.map(AssumptionFacts.CodecSource.unknown) ?? .table
        }
        let bpl = codec.bpl(concealment: input.concealment)
        let burstRatio: Double
        if let b = input.burstRatio { burstRatio = b } else {
            burstRatio = 1
            facts.burstRatioAssumed = true
        }
        let network: Double
        if let rtt = input.rtcpRoundTripMs, rtt.isFinite, rtt >= 0 {
            network = rtt / 2
            facts.rtcpRoundTripMs = rtt
        } else {
            network = input.assumedNetworkDelayMs
        }
        facts.networkDelayMs = network
        let codecDelay = max(codec.frameMs, input.packetDurationMs ?? codec.frameMs) + codec.lookaheadMs
        facts.codecDelayMs = codecDelay
        let mouthToEar = network + input.jitterBufferDelayMs + codecDelay

        let ppl = max(0, input.effectiveLossPercent)
        let conversational: EModelResult, listening: EModelResult
        switch codec.scale {
        case .narrowband:
            var x = EModelInput()
            x.equipmentImpairment = codec.ie
            x.packetLossRobustness = bpl
            x.packetLossPercent = ppl
            x.burstRatio = burstRatio
            listening = EModel.evaluate(x)
            x.applyPlanningDelay(mouthToEar)
            conversational = EModel.evaluate(x)
        case .wideband:
            listening = WidebandEModel.evaluate(ie: codec.ie, bpl: bpl, ppl: ppl, burstRatio: burstRatio, absoluteDelayMs: 0)
            conversational = WidebandEModel.evaluate(ie: codec.ie, bpl: bpl, ppl: ppl, burstRatio: burstRatio,
                                                     absoluteDelayMs: mouthToEar)
        }
        return QualityAssessment(model: codec.scale, codec: codec, conversational: conversational, listening: listening,
                                 mouthToEarDelayMs: mouthToEar, facts: facts)
    }
}

/// The values behind a `QualityAssessment`'s assumption texts, kept instead of the texts themselves.
struct AssumptionFacts: Sendable, Equatable {
    enum CodecSource: Sendable, Equatable {
        /// Codec values given explicitly (`codecOverride`).
        case explicit
        /// Found in the impairment table.
        case table
        /// Not in the table: the fallback's assumption text.
        case unknown(String)
    }
    var codecSource = CodecSource.table
    var concealment: Bool
    var burstRatioAssumed = false
    /// The RTCP round-trip time the network delay came from (nil: assumed).
    var rtcpRoundTripMs: Double?
    var networkDelayMs = 0.0
    var jitterBufferDelayMs: Double
    var codecDelayMs = 0.0
    /// The simulated buffer scored (`JitterBufferOutcome.assess`).
    var buffer: ScoredBuffer?

    /// A simulated buffer's name, effective loss (%) and mean delay (ms).
    struct ScoredBuffer: Sendable, Equatable {
        var name: String
        var effectiveLossPercent: Double
        var meanDelayMs: Double
    }

    init(concealment: Bool, jitterBufferDelayMs: Double) {
        self.concealment = concealment
        self.jitterBufferDelayMs = jitterBufferDelayMs
    }

    /// The texts, in the order the assessment applies them.
    func texts(codec: CodecImpairment, mouthToEarDelayMs mouthToEar: Double) -> [String] {
        var texts: [String] = []
        switch codecSource {
        case .explicit: texts.append(joined("codec values given explicitly: Ie ", format(codec.ie), ", Bpl ", format(codec.bplWithPLC)))
        case .table: texts.append(joined("codec ", codec.name, ": ", codec.source))
        case .unknown(let text): texts.append(text)
        }
        if !concealment && codec.bplWithoutPLC == nil {
            texts.append(joined("no Bpl without PLC is published for ", codec.name, "; the built-in-PLC value ",
                                format(codec.bpl(concealment: concealment)), " is used"))
        }
        if burstRatioAssumed { texts.append("burst ratio undefined for this loss pattern; BurstR = 1 (random loss) assumed") }
        if let rtt = rtcpRoundTripMs {
            texts.append(joined("network one-way delay ", format(networkDelayMs), " ms = RTCP round-trip time ", format(rtt), " ms / 2"))
        } else {
            texts.append(joined("no RTCP round-trip time: network one-way delay assumed ", format(networkDelayMs), " ms"))
        }
        texts.append(joined("mouth-to-ear delay ", format(mouthToEar), " ms = network ", format(networkDelayMs), " + jitter buffer ",
                            format(jitterBufferDelayMs), " + codec frame/packet and look-ahead ", format(codecDelayMs)))
        switch codec.scale {
        case .narrowband:
            texts.append("G.107 (06/2015) narrowband E-model, Table 3 defaults for all terminal parameters, "
                + "delay applied as T = Ta = d, Tr = 2d")
        case .wideband:
            texts.append("G.107.1 wideband E-model (Ro,WB = 129, MOS from R/1.29); Is,WB = 0, Id,WB = 1.29·Idd(Ta), "
                + "echo assumed controlled")
        }
        texts.append("MOS from R per G.107 Annex B, clamped to 1…4.5")
        if let buffer {
            texts.append(joined("jitter buffer '", buffer.name, "': effective loss ", format(buffer.effectiveLossPercent), " % ",
                                "(network + late + overflow), mean buffer delay ", format(buffer.meanDelayMs), " ms"))
        }
        return texts
    }
}

/// An assumption text from its pieces, built in one reserved buffer (interpolating cost several thousand
/// instructions per text, and every stream and buffer carries several).
func joined(_ parts: String...) -> String {
    var text = ""
    text.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
    for part in parts { text += part }
    return text
}

/// Short decimal rendering for assumption texts (no Foundation formatting): up to 2 decimals.
func format(_ v: Double) -> String {
    guard v.isFinite else { return "\(v)" }
    let scaled = (v * 100).rounded() / 100
    if scaled == scaled.rounded() { return String(Int(scaled)) }
    return scaled.description
}
