import Foundation

/// R ↔ MOS conversions: ITU-T G.107 Annex B (R → MOS_CQE), Appendix I (MOS → R),
/// and the G.107.1 Annex A wideband mapping (R_WB / 1.29).
public enum MOSMapping {
    /// Ratio between the wideband and narrowband R scales (G.107.1: Ro,WB = 129 ↔ 100).
    public static let widebandScale = 1.29

    /// MOS_CQE from a narrowband R, G.107 Annex B eq. B-1:
    /// R ≤ 0 → 1; 0 < R < 100 → 1 + 0.035R + R(R − 60)(100 − R)·7·10⁻⁶; R ≥ 100 → 4.5.
    ///
    /// Clamping used here: the result is additionally clamped to ≥ 1. Annex B's cubic dips below 1
    /// (minimum ≈ 0.977 near R ≈ 3.3) for 0 < R < 6.515; G.107 does not clamp it, we do, so MOS is always in 1…4.5.
    public static func mos(fromR r: Double) -> Double {
        guard r.isFinite else { return r.isNaN ? .nan : (r > 0 ? 4.5 : 1) }
        if r <= 0 { return 1 }
        if r >= 100 { return 4.5 }
        return max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6)
    }

    /// MOS from a wideband R_WB (G.107.1 Annex A): the Annex B formula applied to R_WB / 1.29.
    public static func mos(fromWidebandR r: Double) -> Double { mos(fromR: r / widebandScale) }

    /// R from MOS, G.107 Appendix I: R = (20/3)(8 − √226 · cos(h + π/3)),
    /// h = ⅓ · atan2(15√(−903522 + 1113960·MOS − 202500·MOS²), 18566 − 6750·MOS)
    /// (C argument order: y first; the Recommendation writes the spreadsheet order).
    /// MOS ≤ 1 → 0 and MOS ≥ 4.5 → 100 (the formula holds for 1 < MOS < 4.5).
    public static func r(fromMOS mos: Double) -> Double {
        if mos <= 1 { return 0 }
        if mos >= 4.5 { return 100 }
        let radicand = -903522 + 1113960 * mos - 202500 * mos * mos
        let h = atan2(15 * max(radicand, 0).squareRoot(), 18566 - 6750 * mos) / 3
        return 20.0 / 3.0 * (8 - 226.0.squareRoot() * cos(h + Double.pi / 3))
    }

    /// Wideband R_WB from MOS: 1.29 · R(MOS).
    public static func widebandR(fromMOS mos: Double) -> Double { widebandScale * r(fromMOS: mos) }
}
