/// Equipment-impairment values of one codec for the E-model.
///
/// `ie`/`bpl…` are on the scale of `scale`: narrowband values (ITU-T G.113 Appendix I) feed G.107,
/// wideband Ie,WB/Bpl,WB values (G.113 Appendix IV) feed G.107.1 — never mix them (a WB Ie in the NB
/// model is a ~36-point scale error).
public struct CodecImpairment: Sendable, Equatable {
    /// Canonical display name, e.g. "G.711 µ-law (PCMU)".
    public var name: String
    /// The E-model these values belong to.
    public var scale: EModelScale
    /// Ie (or Ie,WB).
    public var ie: Double
    /// Bpl with the codec's packet-loss concealment (or its built-in PLC).
    public var bplWithPLC: Double
    /// Bpl without concealment (silence insertion), when published; `nil` when the codec's PLC is built in.
    public var bplWithoutPLC: Double?
    /// Codec frame length (ms).
    public var frameMs: Double
    /// Look-ahead / algorithmic delay beyond the frame (ms).
    public var lookaheadMs: Double
    /// Where each value comes from (document, table, or "assumption: …").
    public var source: String
    /// `true` only when Ie and Bpl are both published by the ITU (G.113).
    public var ituPublished: Bool

    public init(name: String, scale: EModelScale, ie: Double, bplWithPLC: Double, bplWithoutPLC: Double?,
                frameMs: Double, lookaheadMs: Double, source: String, ituPublished: Bool) {
        self.name = name; self.scale = scale; self.ie = ie; self.bplWithPLC = bplWithPLC
        self.bplWithoutPLC = bplWithoutPLC; self.frameMs = frameMs; self.lookaheadMs = lookaheadMs
        self.source = source; self.ituPublished = ituPublished
    }

    /// Bpl for the given concealment setting; without PLC falls back to `bplWithPLC` when the codec's
    /// concealment is built in (no separate value published).
    public func bpl(concealment: Bool) -> Double {
        concealment ? bplWithPLC : (bplWithoutPLC ?? bplWithPLC)
    }
}
