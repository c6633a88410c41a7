import Foundation

/// Intermediate terms and result of one E-model evaluation (ITU-T G.107 (06/2015) clause 7).
public struct EModelResult: Sendable, Equatable {
    /// Which scale R is on: G.107 narrowband (Ro ≈ 94.77, R ≤ 100) or G.107.1 wideband (Ro,WB = 129).
    public var model: EModelScale
    /// Total noise power No (dBm0p), eq. 7-3 (narrowband only; 0 for wideband).
    public var noisePower: Double
    /// Basic signal-to-noise ratio Ro.
    public var ro: Double
    /// Simultaneous impairment Is and its parts Iolr, Ist, Iq.
    public var simultaneousImpairment: Double
    public var iolr: Double
    public var ist: Double
    public var iq: Double
    /// Delay impairment Id = Idte + Idle + Idd.
    public var delayImpairment: Double
    public var idte: Double
    public var idle: Double
    public var idd: Double
    /// Effective equipment impairment Ie,eff (eq. 7-29).
    public var effectiveEquipmentImpairment: Double
    /// Advantage factor A.
    public var advantageFactor: Double
    /// Rating factor R = Ro − Is − Id − Ie,eff + A (on the scale of `model`).
    public var rFactor: Double
    /// MOS_CQE from R (G.107 Annex B; wideband R divided by 1.29 first, G.107.1 Annex A).
    public var mos: Double
}

/// The rating scale an R value is on.
public enum EModelScale: String, Sendable, Equatable, CaseIterable {
    /// ITU-T G.107 narrowband, R in 0…100.
    case narrowband = "G.107"
    /// ITU-T G.107.1 wideband, R in 0…129.
    case wideband = "G.107.1"
}

/// The ITU-T G.107 (06/2015) E-model, narrowband, clause 7, computed exactly as written there.
public enum EModel {
    /// Evaluates the full model: Ro (7.2), Is (7.3), Id (7.4), Ie,eff (7.5), A (7.6); MOS per Annex B.
    public static func evaluate(_ x: EModelInput) -> EModelResult {
        let slr = x.sendLoudnessRating, rlr = x.receiveLoudnessRating
        let olr = slr + rlr
        let t = x.meanOneWayDelayMs

        // 7.2 Basic signal-to-noise ratio.
        let nos = x.roomNoiseSend - slr - x.dValueSend - 100
            + 0.004 * square(x.roomNoiseSend - olr - x.dValueSend - 14)
        let pre = x.roomNoiseReceive + 10 * log10(1 + pow(10, (10 - x.listenerSidetoneRating) / 10))
        let nor = rlr - 121 + pre + 0.008 * square(pre - 35)
        let nfo = x.noiseFloor + rlr
        let no = 10 * log10(pow(10, x.circuitNoise / 10) + pow(10, nos / 10) + pow(10, nor / 10) + pow(10, nfo / 10))
        let ro = 15 - 1.5 * (slr + no)

        // 7.3 Simultaneous impairment.
        let xolr = olr + 0.2 * (64 + no - rlr)
        let iolr = 20 * (pow(1 + pow(xolr / 8, 8), 1.0 / 8) - xolr / 8)
        let stmro = -10 * log10(pow(10, -x.sidetoneMaskingRating / 10) + exp(-t / 4) * pow(10, -x.talkerEchoLoudnessRating / 10))
        let ist = 12 * pow(1 + pow((stmro - 13) / 6, 8), 1.0 / 8)
            - 28 * pow(1 + pow((stmro + 1) / 19.4, 35), 1.0 / 35)
            - 13 * pow(1 + pow((stmro - 3) / 33, 13), 1.0 / 13) + 29
        let q = 37 - 15 * log10(x.quantizingDistortionUnits)
        let g = 1.07 + 0.258 * q + 0.0602 * q * q
        let y = (ro - 100) / 15 + 46.0 / 8.4 - g / 9
        let z = 46.0 / 30 - g / 40
        let iq = 15 * log10(1 + pow(10, y) + pow(10, z))
        let isTotal = iolr + ist + iq

        // 7.4 Delay impairment.
        let idte = talkerEchoImpairment(x, noisePower: no, ist: ist)
        let rle = 10.5 * (x.weightedEchoPathLoss + 7) * pow(x.roundTripDelayMs + 1, -0.25)
        let idle = (ro - rle) / 2 + (square(ro - rle) / 4 + 169).squareRoot()
        let idd = absoluteDelayImpairment(absoluteDelayMs: x.absoluteDelayMs,
                                          minimumPerceivableDelayMs: x.minimumPerceivableDelayMs,
                                          delaySensitivity: x.delaySensitivity)
        let id = idte + idle + idd

        // 7.5 Effective equipment impairment.
        let ieEff = effectiveEquipmentImpairment(ie: x.equipmentImpairment, bpl: x.packetLossRobustness,
                                                 ppl: x.packetLossPercent, burstRatio: x.burstRatio)
        let r = ro - isTotal - id - ieEff + x.advantageFactor
        return EModelResult(model: .narrowband, noisePower: no, ro: ro, simultaneousImpairment: isTotal,
                            iolr: iolr, ist: ist, iq: iq, delayImpairment: id, idte: idte, idle: idle, idd: idd,
                            effectiveEquipmentImpairment: ieEff, advantageFactor: x.advantageFactor,
                            rFactor: r, mos: MOSMapping.mos(fromR: r))
    }

    /// Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl/BurstR + Bpl), G.107 eq. 7-29 (Ppl in percent).
    public static func effectiveEquipmentImpairment(ie: Double, bpl: Double, ppl: Double, burstRatio: Double) -> Double {
        let burst = max(burstRatio, .leastNonzeroMagnitude)
        let denominator = ppl / burst + bpl
        guard denominator > 0 else { return ie }
        return ie + (95 - ie) * ppl / denominator
    }

    /// Idd (G.107 (06/2015) eq. 7-27/7-28): 0 for Ta ≤ mT, else
    /// 25{(1 + X^(6sT))^(1/(6sT)) − 3(1 + (X/3)^(6sT))^(1/(6sT)) + 2}, X = lg(Ta/mT)/lg 2. Delays in ms.
    public static func absoluteDelayImpairment(absoluteDelayMs ta: Double, minimumPerceivableDelayMs mt: Double = 100,
                                               delaySensitivity st: Double = 1) -> Double {
        guard ta > mt, mt > 0 else { return 0 }
        let xx = log10(ta / mt) / log10(2)
        let e = 6 * st
        return 25 * (pow(1 + pow(xx, e), 1 / e) - 3 * pow(1 + pow(xx / 3, e), 1 / e) + 2)
    }

    /// Idte with the STMR < 9 dB (TERVs) and STMR > 20 dB (Idtes) special cases of 7.4. No `T ≥ 1` gate:
    /// the (1 − e^(−T)) factor makes it vanish at T = 0 as G.107 writes it.
    static func talkerEchoImpairment(_ x: EModelInput, noisePower no: Double, ist: Double) -> Double {
        let t = x.meanOneWayDelayMs
        let roe = -1.5 * (no - x.receiveLoudnessRating)
        var terv = x.talkerEchoLoudnessRating - 40 * log10((1 + t / 10) / (1 + t / 150)) + 6 * exp(-0.3 * t * t)
        if x.sidetoneMaskingRating < 9 { terv += ist / 2 }
        let re = 80 + 2.5 * (terv - 14)
        var idte = ((roe - re) / 2 + (square(roe - re) / 4 + 100).squareRoot() - 1) * (1 - exp(-t))
        if x.sidetoneMaskingRating > 20 { idte = (idte * idte + ist * ist).squareRoot() }
        return idte + 0.0   // normalises −0 (T = 0 with Roe < Re) to 0
    }
}

@inline(__always) func square(_ v: Double) -> Double { v * v }
