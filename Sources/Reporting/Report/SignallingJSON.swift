import CallAnalysis
import SIPKit

/// The capture-wide `signalling` object: RFC 6076 delays and ratios, ASR/NER, and tshark's `-z sip,stat` counts.
enum SignallingJSON {
    static func build(_ sip: SIPAnalysisResult) -> JSONValue {
        let m = sip.metrics
        let s = sip.sipStatistics
        return .object([
            ("srd_ms", ReportDocument.statistics(m.srdMs)),
            ("sdd_ms", ReportDocument.statistics(m.sddMs)),
            ("sdt_s", ReportDocument.statistics(m.sdtS)),
            ("ser_pct", .number(m.serPct)),
            ("seer_pct", .number(m.seerPct)),
            ("isa_pct", .number(m.isaPct)),
            ("scr_pct", .number(m.scrPct)),
            ("rrd_ms", ReportDocument.statistics(m.rrdMs)),
            ("ira_pct", .number(m.iraPct)),
            ("asr_pct", .number(m.asrPct)),
            ("ner_pct", .number(m.nerPct)),
            ("attempts", .int(m.attempts)),
            ("answered", .int(m.answered)),
            ("redirected", .int(m.redirected)),
            ("unresolved_attempts", .int(m.unresolvedAttempts)),
            ("sip_messages", .int(s.messages)),
            ("sip_resent_messages", .int(s.resentMessages)),
            ("sip_requests", .object(s.requestsByMethod.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("sip_responses", .object(s.responsesByCode.sorted { $0.key < $1.key }.map { (String($0.key), .int($0.value)) })),
            ("unmatched_messages", .int(sip.unmatchedMessages)),
        ])
    }
}
