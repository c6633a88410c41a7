import CallAnalysis

extension ReportDiff {
    /// The shifts as a terminal table.
    public static func table(_ shifts: [MetricShift]) -> String {
        func n(_ v: Double?) -> String { NumberText.fixed(v, 2) }
        return TextTable(header: ["metric", "n before", "n after", "mean before", "mean after", "p50 before", "p50 after",
                                  "p95 before", "p95 after", "change", "tolerance", "verdict"],
                         rows: shifts.map { s in
            [s.label, String(s.before.count), String(s.after.count), n(s.before.mean), n(s.after.mean), n(s.before.p50), n(s.after.p50),
             n(s.before.p95), n(s.after.p95), s.direction.rawValue, n(s.tolerance), s.regressed ? "REGRESSED" : "ok"]
        }).text
    }

    /// The shifts as JSON (snake_case).
    public static func json(_ shifts: [MetricShift]) -> JSONValue {
        func summary(_ s: MetricSummary) -> JSONValue {
            .object([("count", .int(s.count)), ("mean", .number(s.mean)), ("p50", .number(s.p50)), ("p95", .number(s.p95))])
        }
        return .array(shifts.map { s in
            .object([("metric", .string(s.metric)), ("label", .string(s.label)), ("higher_is_better", .bool(s.higherIsBetter)),
                     ("before", summary(s.before)), ("after", summary(s.after)), ("tolerance", .number(s.tolerance)),
                     ("direction", .string(s.direction.rawValue)), ("regressed", .bool(s.regressed))])
        })
    }
}

extension CarrierScore {
    /// Groups as a terminal table (percentages with their 95 % Wilson interval).
    public static func table(_ groups: [GroupScore]) -> String {
        func pct(_ p: Proportion) -> String {
            guard let ratio = p.ratio, let ci = p.wilson() else { return "—" }
            return "\(NumberText.fixed(100 * ratio, 1)) [\(NumberText.fixed(100 * ci.lower, 1))–\(NumberText.fixed(100 * ci.upper, 1))]"
        }
        func n(_ v: Double?, _ d: Int = 0) -> String { NumberText.fixed(v, d) }
        return TextTable(header: ["group", "attempts", "ASR % [95% CI]", "NER %", "SER %", "PDD p50/p95 ms", "answer p50 ms",
                                  "MOS mean", "MOS p5", "loss p95 %", "jitter p95 ms", "poor % [95% CI]"],
                         rows: groups.map { g in
            [g.group, String(g.attempts), pct(g.asr), n(g.ner.ratio.map { $0 * 100 }, 1), n(g.ser.ratio.map { $0 * 100 }, 1),
             "\(n(g.pdd.quantile(0.5)))/\(n(g.pdd.quantile(0.95)))", n(g.answerTime.quantile(0.5)),
             n(g.mos.mean, 2), n(g.mos.quantile(0.05), 2), n(g.lossPct.quantile(0.95), 2), n(g.jitterMs.quantile(0.95), 1), pct(g.poorCalls)]
        }).text
    }
}

