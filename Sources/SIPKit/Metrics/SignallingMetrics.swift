/// Capture-wide signalling metrics: RFC 6076 (Malas & Morton, January 2011) plus ASR and NER.
///
/// Unit of counting: one **session attempt** = one call record (an INVITE dialog set). Its INVITEs
/// retried after 401/407, 3xx or 503 within the same dialog set are the same attempt, and re-INVITEs
/// are not attempts; the attempt's outcome is its deciding final response (a 2xx wins over forks'
/// failures). Attempts with no final response and no CANCEL when the capture ended (`in_progress`
/// and unanswered) have no known outcome and are left out of every ratio; see `unresolvedAttempts`.
/// Ratios are percentages, nil when their denominator is 0.
public struct SignallingMetrics: Sendable, Hashable {
    /// RFC 6076 §4.3 Session Request Delay, ms (per call: `CallRecord.srdMs`).
    public var srdMs: MetricStatistics
    /// RFC 6076 §4.4 Session Disconnect Delay, ms (BYE → its 2xx).
    public var sddMs: MetricStatistics
    /// RFC 6076 §4.5 Session Duration Time, seconds (2xx → BYE).
    public var sdtS: MetricStatistics
    /// RFC 6076 §4.1 Registration Request Delay, ms (first REGISTER → 2xx, auth round included).
    public var rrdMs: MetricStatistics

    /// Attempts with a known outcome (the ratio denominators before exclusions).
    public var attempts: Int
    public var unresolvedAttempts: Int
    public var answered: Int
    /// Attempts whose deciding final response was 3xx.
    public var redirected: Int

    /// RFC 6076 §4.6 SER = attempts answered by 200 OK ÷ (attempts − attempts ended by 3xx) × 100.
    public var serPct: Double?
    /// RFC 6076 §4.7 SEER = attempts answered by 200 or ended by 480, 486, 600, 603
    /// ÷ (attempts − attempts ended by 3xx) × 100.
    public var seerPct: Double?
    /// RFC 6076 §4.8 ISA = attempts ended by 408, 500, 503 or 504 ÷ attempts × 100 (3xx not excluded).
    public var isaPct: Double?
    /// RFC 6076 §4.9 SCR = attempts answered and ended by a BYE that got a 2xx ÷ attempts × 100.
    public var scrPct: Double?
    /// RFC 6076 §4.2 IRA = ineffective registration attempts (final failure, or challenge/no response with
    /// no retry for 32 s) ÷ registration attempts with a known outcome × 100.
    public var iraPct: Double?
    /// Answer-Seizure Ratio (ITU-T E.411 §3): answered ÷ attempts × 100.
    public var asrPct: Double?
    /// Network Effectiveness Ratio (ITU-T E.425 §3.4): attempts answered, or ended by user busy,
    /// ring-no-answer or terminal rejection, ÷ attempts × 100. SIP codes taken as those outcomes:
    /// 486 Busy Here and 600 Busy Everywhere (user busy); 480 Temporarily Unavailable and
    /// 487 Request Terminated (no answer / abandoned while alerting); 603 Decline (rejection);
    /// and calls cancelled by the caller. Network failures (404, 408, 5xx …) are ineffective.
    public var nerPct: Double?

    public static let seerFailureCodes: Set<Int> = [480, 486, 600, 603]
    public static let isaCodes: Set<Int> = [408, 500, 503, 504]
    public static let nerFailureCodes: Set<Int> = [480, 486, 487, 600, 603]

    public init(calls: [CallRecord], registrations: [RegistrationOutcome]) {
        srdMs = MetricStatistics(calls.compactMap(\.srdMs))
        sddMs = MetricStatistics(calls.compactMap(\.sddMs))
        sdtS = MetricStatistics(calls.compactMap(\.durationS))
        rrdMs = MetricStatistics(registrations.compactMap(\.rrdMs))

        let resolved = calls.filter { $0.answerTime != nil || $0.state != .inProgress }
        attempts = resolved.count
        unresolvedAttempts = calls.count - resolved.count
        answered = resolved.filter { $0.answerTime != nil }.count
        func ended(by codes: Set<Int>) -> Int {
            resolved.filter { $0.answerTime == nil && $0.finalStatus.map(codes.contains) == true }.count
        }
        redirected = resolved.filter { $0.answerTime == nil && ($0.finalStatus.map { (300...399).contains($0) } ?? false) }.count
        let answered200 = resolved.filter { $0.answerTime != nil && $0.finalStatus == 200 }.count
        let completed = resolved.filter { $0.answerTime != nil && ($0.byeResponseStatus.map { (200...299).contains($0) } ?? false) }.count
        let cancelledWithoutCode = resolved.filter { $0.answerTime == nil && $0.state == .cancelled
            && !($0.finalStatus.map(SignallingMetrics.nerFailureCodes.contains) ?? false) }.count

        func pct(_ n: Int, _ d: Int) -> Double? { d > 0 ? Double(n) * 100 / Double(d) : nil }
        serPct = pct(answered200, attempts - redirected)
        seerPct = pct(answered200 + ended(by: SignallingMetrics.seerFailureCodes), attempts - redirected)
        isaPct = pct(ended(by: SignallingMetrics.isaCodes), attempts)
        scrPct = pct(completed, attempts)
        asrPct = pct(answered, attempts)
        nerPct = pct(answered + ended(by: SignallingMetrics.nerFailureCodes) + cancelledWithoutCode, attempts)

        let knownRegistrations = registrations.filter { $0.result != .unresolved }
        iraPct = pct(knownRegistrations.filter { $0.result == .ineffective }.count, knownRegistrations.count)
    }
}
