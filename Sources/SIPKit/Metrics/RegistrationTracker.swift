import WireCore

/// Outcome of one registration attempt (a REGISTER and its auth retries, RFC 6076 §4.1–4.2).
public struct RegistrationOutcome: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable {
        /// Final 2xx.
        case registered
        /// Final failure, or a challenge / no response and no retry for 32 s (Timer F, RFC 3261 §17.1.2.2).
        case ineffective
        /// No final answer yet when the capture ended, less than 32 s after the last REGISTER.
        case unresolved
    }
    public var callID: String
    public var firstRequestTime: Timestamp
    public var result: Result
    public var finalStatus: Int?
    /// RFC 6076 §4.1 RRD in ms: first REGISTER → final 2xx, including a 401/407 round; nil unless registered.
    public var rrdMs: Double?
}

/// Groups REGISTER transactions into attempts keyed by Call-ID (a UA keeps one Call-ID per registrar,
/// RFC 3261 §10.2; some change the From tag on every REGISTER). A REGISTER continues the open attempt
/// when the previous one was challenged (401/407) less than 32 s (Timer F) earlier; otherwise the
/// open attempt is closed as ineffective and a new one starts.
struct RegistrationTracker: Sendable {
    struct Attempt: Sendable {
        var firstRequestTime: Timestamp
        var lastRequestTime: Timestamp
        var lastEventTime: Timestamp
        var cseqs: Set<UInt32>
        var lastStatus: Int?
    }
    struct Key: Hashable, Sendable { var callID: String }

    private var open: [Key: Attempt] = [:]
    private var done: [RegistrationOutcome] = []
    static let timeout: Duration = .seconds(32)

    mutating func observe(_ message: SIPMessage, callID: String, cseq: UInt32, time: Timestamp) {
        let key = Key(callID: callID)
        if message.method == .register {
            if var attempt = open[key] {
                if attempt.cseqs.contains(cseq) { return }  // retransmission
                if attempt.lastEventTime + RegistrationTracker.timeout > time {
                    attempt.cseqs.insert(cseq); attempt.lastRequestTime = time; attempt.lastEventTime = time
                    open[key] = attempt
                    return
                }
                done.append(RegistrationOutcome(callID: callID, firstRequestTime: attempt.firstRequestTime,
                                                result: .ineffective, finalStatus: attempt.lastStatus, rrdMs: nil))
            }
            open[key] = Attempt(firstRequestTime: time, lastRequestTime: time, lastEventTime: time, cseqs: [cseq], lastStatus: nil)
            return
        }
        guard let code = message.statusCode, code >= 200, var attempt = open[key], attempt.cseqs.contains(cseq) else { return }
        if (200...299).contains(code) {
            done.append(RegistrationOutcome(callID: callID, firstRequestTime: attempt.firstRequestTime, result: .registered,
                                            finalStatus: code, rrdMs: time.milliseconds(since: attempt.firstRequestTime)))
            open.removeValue(forKey: key)
        } else if code == 401 || code == 407 {
            attempt.lastStatus = code
            attempt.lastEventTime = time
            open[key] = attempt
        } else {
            done.append(RegistrationOutcome(callID: callID, firstRequestTime: attempt.firstRequestTime, result: .ineffective,
                                            finalStatus: code, rrdMs: nil))
            open.removeValue(forKey: key)
        }
    }

    /// Closes attempts idle for 32 s (Timer F) as ineffective, keeping the open table small.
    mutating func sweep(now: Timestamp) {
        let expired = open.filter { $0.value.lastEventTime + RegistrationTracker.timeout <= now }
        for (key, attempt) in expired {
            done.append(RegistrationOutcome(callID: key.callID, firstRequestTime: attempt.firstRequestTime,
                                            result: .ineffective, finalStatus: attempt.lastStatus, rrdMs: nil))
            open.removeValue(forKey: key)
        }
    }

    /// All attempts; open ones become ineffective when idle for 32 s before `end`, else unresolved.
    mutating func finish(at end: Timestamp) -> [RegistrationOutcome] {
        for (key, attempt) in open {
            let timedOut = attempt.lastEventTime + RegistrationTracker.timeout <= end
            done.append(RegistrationOutcome(callID: key.callID, firstRequestTime: attempt.firstRequestTime,
                                            result: timedOut ? .ineffective : .unresolved,
                                            finalStatus: attempt.lastStatus, rrdMs: nil))
        }
        open.removeAll()
        return done.sorted { $0.firstRequestTime < $1.firstRequestTime }
    }
}
