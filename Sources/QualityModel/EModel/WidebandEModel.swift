/// The wideband E-model (ITU-T G.107.1), reduced to what a packet trace can inform.
///
/// R_WB = Ro,WB − Is,WB − Id,WB − Ie,eff,WB + A with Ro,WB = 129, and MOS = Annex B(R_WB / 1.29)
/// (G.107.1 Annex A). Assumptions (stated in every assessment that uses this model):
/// - Is,WB = 0: default wideband terminals (G.107.1 default parameters give Is,WB = 0).
/// - Id,WB = 1.29 · Idd(Ta): only the absolute-delay term, G.107 eq. 7-27/7-28 rescaled to the wideband
///   scale; talker/listener echo are assumed fully controlled. This is CallScope's approximation, the
///   G.107.1 echo terms are not implemented.
/// - Ie,eff,WB = Ie,WB + (95 − Ie,WB)·Ppl/(Ppl/BurstR + Bpl,WB): the ceiling is 95
///   (`lossCeiling`), the usual reading of G.107.1 eq. 7-15; one other implementation uses 129.
public enum WidebandEModel {
    /// Ro,WB of G.107.1.
    public static let basicRatio = 129.0
    /// The constant in the wideband Ie,eff formula.
    public static let lossCeiling = 95.0

    /// Evaluates the wideband model for the given inputs. `ie`/`bpl` must be wideband (Ie,WB / Bpl,WB) values.
    public static func evaluate(ie: Double, bpl: Double, ppl: Double, burstRatio: Double,
                                absoluteDelayMs: Double, advantageFactor: Double = 0,
                                minimumPerceivableDelayMs: Double = 100, delaySensitivity: Double = 1) -> EModelResult {
        let idd = MOSMapping.widebandScale * EModel.absoluteDelayImpairment(
            absoluteDelayMs: absoluteDelayMs, minimumPerceivableDelayMs: minimumPerceivableDelayMs,
            delaySensitivity: delaySensitivity)
        let burst = max(burstRatio, .leastNonzeroMagnitude)
        let denominator = ppl / burst + bpl
        let ieEff = denominator > 0 ? ie + (lossCeiling - ie) * ppl / denominator : ie
        let r = basicRatio - idd - ieEff + advantageFactor
        return EModelResult(model: .wideband, noisePower: 0, ro: basicRatio, simultaneousImpairment: 0,
                            iolr: 0, ist: 0, iq: 0, delayImpairment: idd, idte: 0, idle: 0, idd: idd,
                            effectiveEquipmentImpairment: ieEff, advantageFactor: advantageFactor,
                            rFactor: r, mos: MOSMapping.mos(fromWidebandR: r))
    }
}
