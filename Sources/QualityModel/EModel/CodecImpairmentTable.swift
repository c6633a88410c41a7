/// The codec table used by CallScope. Edition: ITU-T G.113 (Appendix I Tables I.1/I.3; Appendix IV
/// Tables IV.3/IV.4 as of the 09/2024 edition) where ITU values exist; every other value is flagged
/// `ituPublished == false` and says where it comes from.
public enum CodecImpairmentTable {
    /// Looks a codec up by name, case- and punctuation-insensitively ("PCMU", "g711u", "G.729A", "AMR-WB",
    /// "opus", "iLBC", …). Returns `nil` for an unknown name — use `resolve(_:)` for the explicit fallback.
    public static func lookup(_ name: String) -> CodecImpairment? {
        let key = normalized(name)
        return entries.first { $0.keys.contains(key) }?.value
    }

    /// Looks a codec up by static RTP payload type (RFC 3551 Table 4): 0 PCMU, 3 GSM, 4 G723, 8 PCMA, 9 G722, 18 G729.
    public static func lookup(staticPayloadType pt: UInt8) -> CodecImpairment? {
        switch pt {
        case 0: return lookup("pcmu")
        case 3: return lookup("gsm")
        case 4: return lookup("g723")
        case 8: return lookup("pcma")
        case 9: return lookup("g722")
        case 18: return lookup("g729")
        default: return nil
        }
    }

    /// The fallback for unknown codecs: G.711 values (Ie 0, Bpl 25.1), i.e. no coding distortion is charged;
    /// scores for an unknown codec are therefore an upper bound.
    public static let fallback = CodecImpairment(
        name: "unknown (assumed G.711 with PLC)", scale: .narrowband, ie: 0, bplWithPLC: 25.1, bplWithoutPLC: 4.3,
        frameMs: 20, lookaheadMs: 0,
        source: "assumption: unknown codec scored as G.711 with PLC (G.113 App. I Ie 0, Bpl 25.1); "
            + "coding distortion not charged, so R/MOS are an upper bound",
        ituPublished: false)

    /// A lookup that never fails: the table entry, or `fallback` plus a human-readable assumption.
    public static func resolve(_ name: String) -> (codec: CodecImpairment, assumption: String?) {
        if let found = lookup(name) { return (found, nil) }
        return (fallback, "codec \"\(name)\" is not in the impairment table: \(fallback.source)")
    }

    /// One accepted name per entry, for help texts and error messages.
    public static let commonNames = ["pcmu", "pcma", "g729", "g729a", "g723", "g723-5.3", "gsm", "gsm-efr", "ilbc", "g722",
                                     "amr-wb", "amr-wb-23.05", "amr-wb-23.85", "opus", "opus-nb"]

    /// All entries (for documentation and `--codec` help).
    public static var all: [CodecImpairment] { entries.map(\.value) }

    static func normalized(_ s: String) -> String {
        // ASCII names (all real codec names) take a byte loop with the same result: lower-cased letters and
        // digits kept, everything else dropped. The Unicode path looked up scalar properties per character on
        // every stream and buffer scored.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var kept: [UInt8] = []
            kept.reserveCapacity(s.utf8.count)
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "0") ... UInt8(ascii: "9"): kept.append(byte)
                case UInt8(ascii: "A") ... UInt8(ascii: "Z"): kept.append(byte | 0x20)
                default: break
                }
            }
            return String(decoding: kept, as: UTF8.self)
        }
        return String(s.lowercased().unicodeScalars.filter { CharacterSetLike.isAlphanumeric($0) }.map(Character.init))
    }

    private static let g113I = "ITU-T G.113 App. I Table I.1 (Ie) / Table I.3 (Bpl)"

    private static let entries: [(keys: Set<String>, value: CodecImpairment)] = [
        (["pcmu", "g711u", "g711ulaw", "g711mulaw", "g711µlaw", "ulaw", "mulaw", "g711"],
         CodecImpairment(name: "G.711 µ-law (PCMU)", scale: .narrowband, ie: 0, bplWithPLC: 25.1, bplWithoutPLC: 4.3,
                         frameMs: 0.125, lookaheadMs: 0,
                         source: "\(g113I): Ie 0; Bpl 25.1 with G.711 App. I PLC, 4.3 without", ituPublished: true)),
        (["pcma", "g711a", "g711alaw", "alaw"],
         CodecImpairment(name: "G.711 A-law (PCMA)", scale: .narrowband, ie: 0, bplWithPLC: 25.1, bplWithoutPLC: 4.3,
                         frameMs: 0.125, lookaheadMs: 0,
                         source: "\(g113I): Ie 0; Bpl 25.1 with G.711 App. I PLC, 4.3 without", ituPublished: true)),
        (["g729", "g7298k"],
         CodecImpairment(name: "G.729 (CS-ACELP 8 kbit/s)", scale: .narrowband, ie: 10, bplWithPLC: 19.0, bplWithoutPLC: nil,
                         frameMs: 10, lookaheadMs: 5,
                         source: "\(g113I): Ie 10; Bpl 19.0 is the published G.729A+VAD value, used for G.729 (built-in PLC)",
                         ituPublished: true)),
        (["g729a", "g729ab", "g729b", "g729avad"],
         CodecImpairment(name: "G.729A + VAD", scale: .narrowband, ie: 11, bplWithPLC: 19.0, bplWithoutPLC: nil,
                         frameMs: 10, lookaheadMs: 5,
                         source: "\(g113I): Ie 11, Bpl 19.0 (built-in PLC)", ituPublished: true)),
        (["g723", "g7231", "g723163", "g72316k3"],
         CodecImpairment(name: "G.723.1 6.3 kbit/s (MP-MLQ)", scale: .narrowband, ie: 15, bplWithPLC: 16.1, bplWithoutPLC: nil,
                         frameMs: 30, lookaheadMs: 7.5,
                         source: "\(g113I): Ie 15, Bpl 16.1 (G.723.1+VAD, built-in PLC)", ituPublished: true)),
        (["g72353", "g723153", "g72315k3"],
         CodecImpairment(name: "G.723.1 5.3 kbit/s (ACELP)", scale: .narrowband, ie: 19, bplWithPLC: 16.1, bplWithoutPLC: nil,
                         frameMs: 30, lookaheadMs: 7.5,
                         source: "G.113 App. I Table I.1: Ie 19; Bpl 16.1 assumed from the 6.3 kbit/s mode (not ITU-published for 5.3)",
                         ituPublished: false)),
        (["gsm", "gsmfr", "gsm0610", "gsmfullrate"],
         CodecImpairment(name: "GSM-FR (06.10 RPE-LTP)", scale: .narrowband, ie: 20, bplWithPLC: 10, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 0,
                         source: "G.113 App. I Table I.1: Ie 20; Bpl 10 assumed equal to GSM-EFR (no published GSM-FR Bpl)",
                         ituPublished: false)),
        (["gsmefr", "gsm0660", "efr"],
         CodecImpairment(name: "GSM-EFR (06.60 ACELP)", scale: .narrowband, ie: 5, bplWithPLC: 10, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 0,
                         source: "\(g113I): Ie 5, Bpl 10 (built-in PLC)", ituPublished: true)),
        (["ilbc", "ilbc20", "ilbc30"],
         CodecImpairment(name: "iLBC (RFC 3951)", scale: .narrowband, ie: 11, bplWithPLC: 19.0, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 5,
                         source: "assumption: no ITU (G.113) value exists for iLBC; Ie 11 / Bpl 19 taken equal to G.729A+VAD, "
                             + "a narrowband codec of similar rate with built-in PLC",
                         ituPublished: false)),
        (["g722", "g72264k"],
         CodecImpairment(name: "G.722 64 kbit/s", scale: .wideband, ie: 13, bplWithPLC: 10, bplWithoutPLC: nil,
                         frameMs: 0.125, lookaheadMs: 1.5,
                         source: "non-ITU: Ie,WB 13 and Bpl,WB 10 from a third-party wideband E-model implementation (unverified "
                             + "against G.113)", ituPublished: false)),
        (["amrwb", "g7222", "amrwb1265"],
         CodecImpairment(name: "AMR-WB 12.65 kbit/s (G.722.2)", scale: .wideband, ie: 20, bplWithPLC: 4.3, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 5,
                         source: "ITU-T G.113 (09/2024) App. IV: Ie,WB 20 (Table IV.3, diotic), Bpl,WB 4.3 (Table IV.4, uniform loss)",
                         ituPublished: true)),
        (["amrwb2305"],
         CodecImpairment(name: "AMR-WB 23.05 kbit/s (G.722.2)", scale: .wideband, ie: 8, bplWithPLC: 4.6, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 5,
                         source: "ITU-T G.113 (09/2024) App. IV: Ie,WB 8 (Table IV.3, diotic), Bpl,WB 4.6 (Table IV.4)",
                         ituPublished: true)),
        (["amrwb2385"],
         CodecImpairment(name: "AMR-WB 23.85 kbit/s (G.722.2)", scale: .wideband, ie: 10, bplWithPLC: 4.9, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 5,
                         source: "ITU-T G.113 (09/2024) App. IV: Ie,WB 10 (Table IV.3, diotic), Bpl,WB 4.9 (Table IV.4)",
                         ituPublished: true)),
        (["opus", "opuswb"],
         CodecImpairment(name: "Opus (wideband VBR ~13 kbit/s)", scale: .wideband, ie: 19.96, bplWithPLC: 19.50, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 6.5,
                         source: "non-ITU research value (Alahmadi, Pocta, Melvin, ACM TOMM 17(4) 2021): WB VBR 13 kbit/s Ie 19.96, "
                             + "Bpl 19.50 (random loss); no G.113 entry exists for Opus", ituPublished: false)),
        (["opusnb"],
         CodecImpairment(name: "Opus (narrowband CBR 11 kbit/s)", scale: .narrowband, ie: 2.03, bplWithPLC: 15.95, bplWithoutPLC: nil,
                         frameMs: 20, lookaheadMs: 6.5,
                         source: "non-ITU research value (Alahmadi, Pocta, Melvin, ACM TOMM 17(4) 2021): NB CBR 11 kbit/s Ie 2.03, "
                             + "Bpl 15.95 (random loss)", ituPublished: false)),
    ]
}

/// ASCII/Unicode alphanumeric test without Foundation's CharacterSet.
enum CharacterSetLike {
    static func isAlphanumeric(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil
    }
}
