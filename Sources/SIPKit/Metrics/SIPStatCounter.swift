import WireCore

/// The counters of `tshark -z sip,stat` (Wireshark ui/cli/tap-sipstat.c, 4.0).
public struct SIPStatistics: Sendable, Hashable {
    /// Every SIP message seen.
    public var messages: Int
    /// Messages Wireshark flags as resent (see `SIPStatCounter`).
    public var resentMessages: Int
    /// Responses per status code; codes Wireshark does not list are folded into x99 buckets
    /// (199, 299 … 699) as tshark does; codes outside 100…699 are not counted.
    public var responsesByCode: [Int: Int]
    /// Requests per method (Request-Line method).
    public var requestsByMethod: [String: Int]
    /// "Average setup time" figures in whole ms (ACK time − INVITE time over UDP), as tshark prints them.
    public var setupTimeCount: Int
    public var averageSetupTimeMs: Int
    public var minSetupTimeMs: Int
    public var maxSetupTimeMs: Int

    public init(messages: Int, resentMessages: Int, responsesByCode: [Int: Int], requestsByMethod: [String: Int],
                setupTimeCount: Int, averageSetupTimeMs: Int, minSetupTimeMs: Int, maxSetupTimeMs: Int) {
        self.messages = messages; self.resentMessages = resentMessages
        self.responsesByCode = responsesByCode; self.requestsByMethod = requestsByMethod
        self.setupTimeCount = setupTimeCount; self.averageSetupTimeMs = averageSetupTimeMs
        self.minSetupTimeMs = minSetupTimeMs; self.maxSetupTimeMs = maxSetupTimeMs
    }
}

/// Reproduces Wireshark's SIP statistics tap so counts can be checked against tshark.
///
/// "Resent" follows packet-sip.c `sip_is_packet_resend`: only over UDP; state kept per
/// (Call-ID, source address+port, destination address+port) with the last CSeq number and method;
/// a request is resent when the same CSeq number and method was already requested (ACK and CANCEL
/// never count); a final response is resent when the same CSeq, method and status code was already
/// the last final response. Setup time follows `sip_find_invite`: at each ACK over UDP, ACK time minus
/// the time of the last request on that key that was not resent (an INVITE, but also a CANCEL or an
/// earlier ACK), in ms truncated as C does; 0 is ignored. Checked against tshark 4.0.17 on the shared captures.
public struct SIPStatCounter: Sendable {
    struct Key: Hashable, Sendable { var callID: String; var source: Endpoint; var destination: Endpoint }
    enum TransactionState: Sendable { case nothing, request, provisional, final }
    struct Entry: Sendable {
        var cseq: UInt32
        var method: String
        var state: TransactionState
        var responseCode: Int
        var requestTime: Timestamp
        var lastSeen: Timestamp
    }

    private var table: [Key: Entry] = [:]
    public private(set) var statistics = SIPStatistics(messages: 0, resentMessages: 0, responsesByCode: [:],
                                                       requestsByMethod: [:], setupTimeCount: 0, averageSetupTimeMs: 0,
                                                       minSetupTimeMs: 0, maxSetupTimeMs: 0)
    private var totalSetupTimeMs = 0
    private var observationsSinceSweep = 0
    /// Table entries unused this long are dropped (Wireshark keeps them for the whole file; dropping only
    /// matters for a retransmission more than 10 minutes after its original), so memory follows live dialogs.
    static let entryLifetime: Duration = .seconds(600)

    public init() {}

    /// Status codes with their own line in tap-sipstat.c; others fold into the class's x99 entry.
    static let listedCodes: Set<Int> = [
        100, 180, 181, 182, 183, 199, 200, 202, 204, 299, 300, 301, 302, 305, 380, 399,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 424,
        428, 429, 430, 433, 436, 437, 438, 439, 440, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489,
        491, 493, 494, 499, 500, 501, 502, 503, 504, 505, 513, 580, 599, 600, 603, 604, 606, 607, 699,
    ]

    /// Counts one message (every SIP message, in capture order).
    public mutating func observe(_ message: SIPMessage, time: Timestamp, source: Endpoint, destination: Endpoint,
                                 transport: TransportProtocol) {
        observe(message, essentials: MessageEssentials(message), time: time, source: source,
                destination: destination, transport: transport)
    }

    mutating func observe(_ message: SIPMessage, essentials: MessageEssentials, time: Timestamp, source: Endpoint,
                          destination: Endpoint, transport: TransportProtocol) {
        statistics.messages += 1
        observationsSinceSweep += 1
        if observationsSinceSweep >= 4096 {
            observationsSinceSweep = 0
            table = table.filter { $0.value.lastSeen + SIPStatCounter.entryLifetime > time }
        }
        if transport == .udp, let callID = essentials.callID, let cseq = essentials.cseq {
            let key = Key(callID: callID, source: source, destination: destination)
            if message.method == .ack { recordSetupTime(key: key, time: time) }
            if isResend(key: key, message: message, cseq: cseq.number, method: cseq.method.rawValue, time: time) {
                statistics.resentMessages += 1
            }
        }
        if let code = message.statusCode {
            guard (100...699).contains(code) else { return }
            let bucket = SIPStatCounter.listedCodes.contains(code) ? code : (code / 100) * 100 + 99
            statistics.responsesByCode[bucket, default: 0] += 1
        } else if let method = message.method {
            statistics.requestsByMethod[method.rawValue, default: 0] += 1
        }
    }

    private mutating func recordSetupTime(key: Key, time: Timestamp) {
        guard let entry = table[key] else { return }
        // (seconds difference) * 1000 + (nanoseconds difference) / 1e6, each part truncated as in C.
        let seconds = time.wholeSeconds - entry.requestTime.wholeSeconds
        let nanos = time.subsecondNanoseconds - entry.requestTime.subsecondNanoseconds
        let ms = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: seconds * 1000 + nanos / 1_000_000))
        guard ms != 0 else { return }
        statistics.setupTimeCount += 1
        if totalSetupTimeMs == 0 {
            statistics.minSetupTimeMs = ms; statistics.maxSetupTimeMs = ms
        } else {
            statistics.minSetupTimeMs = min(statistics.minSetupTimeMs, ms)
            statistics.maxSetupTimeMs = max(statistics.maxSetupTimeMs, ms)
        }
        totalSetupTimeMs += ms
        statistics.averageSetupTimeMs = totalSetupTimeMs / statistics.setupTimeCount
    }

    private mutating func isResend(key: Key, message: SIPMessage, cseq: UInt32, method: String, time: Timestamp) -> Bool {
        let isRequest = message.isRequest
        var entry: Entry
        var compareCSeq: UInt32 = 0
        if let existing = table[key] {
            entry = existing
            compareCSeq = existing.cseq
            if cseq != existing.cseq {
                entry.cseq = cseq; entry.method = method; entry.state = .nothing
                if isRequest { entry.requestTime = time }
            }
        } else {
            // Wireshark zero-fills a new entry: a response-created entry has request time 0.
            entry = Entry(cseq: cseq, method: method, state: .nothing, responseCode: 0,
                          requestTime: isRequest ? time : .zero, lastSeen: time)
        }
        var resent = false
        if isRequest {
            resent = cseq == compareCSeq && entry.state == .request && method == entry.method
                && method != "ACK" && method != "CANCEL"
            entry.state = .request
            if !resent { entry.requestTime = time }  // the original request (Wireshark ≥ 3.x)
        } else if let code = message.statusCode {
            resent = cseq == compareCSeq && entry.state == .final && method == entry.method && code >= 200
                && code == entry.responseCode
            if code >= 200 { entry.responseCode = code; entry.state = .final } else { entry.state = .provisional }
        }
        entry.lastSeen = time
        table[key] = entry
        return resent
    }
}
