/// One stand-alone E-model calculation (the `callscope emodel` planning calculator): the inputs used,
/// the codec values (if a codec was named), the result and the assumptions behind it.
public struct EModelCalculation: Sendable, Equatable {
    /// "G.107" or "G.107.1".
    public var model: EModelScale
    /// All G.107 inputs as used (for wideband only Ie, Bpl, Ppl, BurstR, Ta, A, mT, sT matter).
    public var input: EModelInput
    /// The codec table entry, when the codec was given by name.
    public var codec: CodecImpairment?
    public var result: EModelResult
    public var assumptions: [String]

    /// Computes R and MOS. With a wideband codec (or `wideband: true`) the G.107.1 model is used with
    /// `input`'s Ie/Bpl/Ppl/BurstR/Ta/A/mT/sT; otherwise the full G.107 with every input.
    /// `codec` overrides `input.equipmentImpairment`/`packetLossRobustness` (Bpl with or without PLC).
    public static func compute(input: EModelInput, codec: CodecImpairment? = nil, concealment: Bool = true,
                               wideband: Bool = false) -> EModelCalculation {
        var x = input
        var assumptions: [String] = []
        if let codec {
            x.equipmentImpairment = codec.ie
            x.packetLossRobustness = codec.bpl(concealment: concealment)
            assumptions.append("codec \(codec.name): \(codec.source)")
            if !concealment && codec.bplWithoutPLC == nil {
                assumptions.append("no Bpl without PLC is published for \(codec.name); its built-in-PLC value is used")
            }
        }
        let scale: EModelScale = (codec?.scale == .wideband || wideband) ? .wideband : .narrowband
        let result: EModelResult
        switch scale {
        case .narrowband:
            assumptions.append("ITU-T G.107 (06/2015) narrowband E-model; inputs not given keep their Table 3 defaults")
            result = EModel.evaluate(x)
        case .wideband:
            assumptions.append("ITU-T G.107.1 wideband E-model: Ro,WB = 129, Is,WB = 0, Id,WB = 1.29·Idd(Ta), echo assumed "
                + "controlled; MOS from R/1.29")
            result = WidebandEModel.evaluate(ie: x.equipmentImpairment, bpl: x.packetLossRobustness, ppl: x.packetLossPercent,
                                             burstRatio: x.burstRatio, absoluteDelayMs: x.absoluteDelayMs,
                                             advantageFactor: x.advantageFactor,
                                             minimumPerceivableDelayMs: x.minimumPerceivableDelayMs,
                                             delaySensitivity: x.delaySensitivity)
        }
        assumptions.append("MOS from R per G.107 Annex B, clamped to 1…4.5")
        return EModelCalculation(model: scale, input: x, codec: codec, result: result, assumptions: assumptions)
    }
}
