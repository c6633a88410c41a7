import WireCore

/// Per-group call statistics for carrier scoring. Ratios are fractions of attempts with 95 % Wilson intervals;
/// ms/percent figures are quantiles of the group's calls (PDD, answer time, call MOS) or streams (loss, jitter).
public struct GroupScore: Sendable {
    public var group: String
    /// Calls not in progress at capture end.
    public var attempts: Int
    public var answered: Int
    /// ASR (E.411): answered / attempts.
    public var asr: Proportion
    /// NER (E.425): answered, busy, no answer or terminal rejection / attempts.
    public var ner: Proportion
    /// SER (RFC 6076 §4.6): answered / (attempts − 3xx).
    public var ser: Proportion
    public var pdd: Distribution
    /// INVITE → 200 OK, ms (`answer_ms`).
    public var answerTime: Distribution
    /// Worst-direction call MOS.
    public var mos: Distribution
    public var lossPct: Distribution
    public var jitterMs: Distribution
    /// Scored calls with MOS < `CarrierScore.poorMOS`.
    public var poorCalls: Proportion

    /// The ranking key: the lower bound of the ASR Wilson interval (0 without attempts), so a small
    /// group needs a convincing ratio to outrank a large one.
    public var rankScore: Double { asr.wilson()?.lower ?? 0 }

    /// The group as a JSON object with snake_case names (percentages 0–100, nulls where undefined).
    public var json: JSONValue {
        func pct(_ value: Double?) -> JSONValue { .number(value.map { $0 * 100 }) }
        func ratio(_ name: String, _ p: Proportion) -> [(String, JSONValue)] {
            let ci = p.wilson()
            return [("\(name)_pct", pct(p.ratio)), ("\(name)_ci_low_pct", pct(ci?.lower)), ("\(name)_ci_high_pct", pct(ci?.upper))]
        }
        var members: [(String, JSONValue)] = [("group", .string(group)), ("attempts", .int(attempts)), ("answered", .int(answered))]
        members += ratio("asr", asr) + ratio("ner", ner) + ratio("ser", ser)
        members += [("pdd_p50_ms", .number(pdd.quantile(0.5))), ("pdd_p95_ms", .number(pdd.quantile(0.95))),
                    ("answer_time_p50_ms", .number(answerTime.quantile(0.5))), ("answer_time_p95_ms", .number(answerTime.quantile(0.95))),
                    ("mos_count", .int(mos.count)), ("mos_mean", .number(mos.mean)), ("mos_p5", .number(mos.quantile(0.05))),
                    ("loss_p50_pct", .number(lossPct.quantile(0.5))), ("loss_p95_pct", .number(lossPct.quantile(0.95))),
                    ("jitter_p50_ms", .number(jitterMs.quantile(0.5))), ("jitter_p95_ms", .number(jitterMs.quantile(0.95)))]
        members += ratio("poor_calls", poorCalls)
        members.append(("rank_score", .number(rankScore)))
        return .object(members)
    }
}

/// Aggregates calls into groups (carrier, destination or source) for carrier scoring.
public enum CarrierScore {
    public enum Grouping: String, Sendable, CaseIterable { case carrier, destination, source }

    /// MOS below which a call counts as poor (G.107 Annex B: "some users dissatisfied" starts at 3.60).
    public static let poorMOS = 3.6

    /// The group of a call: carrier = callee signalling host (or its name in `carriers`), destination = E.164
    /// country (and `areaDigits` more digits) of `callee`, source = caller signalling host. "unknown" when absent.
    public static func group(of call: JSONValue, by grouping: Grouping, carriers: CarrierMap = CarrierMap(), areaDigits: Int = 0) -> String {
        switch grouping {
        case .carrier:
            guard let endpoint = call.string(at: "callee_signalling") else { return "unknown" }
            let host = CarrierMap.host(of: endpoint)
            return IPAddress(host).flatMap(carriers.carrier(for:)) ?? host
        case .source:
            return call.string(at: "caller_signalling").map(CarrierMap.host(of:)) ?? "unknown"
        case .destination:
            return call.string(at: "callee").flatMap { E164Prefixes.group(of: $0, areaDigits: areaDigits) } ?? "unknown"
        }
    }

    /// Groups ordered by `rankScore` (descending), then attempts (descending), then name.
    public static func score(_ report: JSONValue, by grouping: Grouping, carriers: CarrierMap = CarrierMap(), areaDigits: Int = 0) -> [GroupScore] {
        let view = ReportView(report)
        var order: [String] = []
        var members: [String: [JSONValue]] = [:]
        for call in view.calls where CallOutcome.isAttempt(call) {
            let key = group(of: call, by: grouping, carriers: carriers, areaDigits: areaDigits)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(call)
        }
        let scores = order.map { key in aggregate(key, members[key] ?? [], view: view) }
        return scores.sorted {
            ($0.rankScore, $0.attempts) != ($1.rankScore, $1.attempts)
                ? ($0.rankScore, $0.attempts) > ($1.rankScore, $1.attempts) : $0.group < $1.group
        }
    }

    static func aggregate(_ group: String, _ calls: [JSONValue], view: ReportView) -> GroupScore {
        let answered = calls.filter(ReportView.isAnswered).count
        let streams = calls.flatMap(view.streams(of:))
        let moses = calls.compactMap { $0.double(at: "mos") }
        return GroupScore(
            group: group, attempts: calls.count, answered: answered,
            asr: Proportion(successes: answered, trials: calls.count),
            ner: Proportion(successes: calls.filter(CallOutcome.reachedUser).count, trials: calls.count),
            ser: Proportion(successes: answered, trials: calls.filter { !CallOutcome.isRedirected($0) }.count),
            pdd: Distribution(calls.compactMap { $0.double(at: "pdd_ms") }),
            answerTime: Distribution(calls.compactMap { $0.double(at: "answer_ms") }),
            mos: Distribution(moses),
            lossPct: Distribution(streams.compactMap { $0.double(at: "loss_pct") }),
            jitterMs: Distribution(streams.compactMap { $0.double(at: "max_jitter_ms") }),
            poorCalls: Proportion(successes: moses.filter { $0 < poorMOS }.count, trials: moses.count))
    }
}
