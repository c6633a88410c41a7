/// A jitter-buffer configuration parsed from a short spec string (the `--buffer SPEC` syntax).
///
/// Syntax: `KIND[:ARG[,ARG…]]`, each ARG either `key=value` or a bare word. Values are milliseconds unless noted.
/// - `fixed:D` — static buffer of nominal delay D ms anchored on the first packet: packet i's deadline is
///   first arrival + D + (ts_i − ts_0)/clock. Options: `cap=MS`.
/// - `fixed-reanchor:D` — as `fixed`, re-anchored (deadline base reset to that packet's arrival + D) at each
///   talkspurt start (marker bit or a timestamp jump larger than the sequence step explains). Options: `cap=MS`.
/// - `neteq[:max=500,min=0,quantile=0.95,bucket=20,forget=0.983,cap=MS,continuous]` — WebRTC NetEq-like:
///   target delay = upper edge of the `quantile` bucket of a forgetting histogram (buckets of `bucket` ms,
///   forget factor `forget` per packet) of the relative arrival delay (transit − minimum transit of the last
///   2–4 s), clamped to [min, max].
/// - `asterisk[:max=200,window=500,drop=3,margin=40,cap=MS,continuous]` — Asterisk jitterbuf-like: over the
///   last `window` packets, the top `drop` % of transit delays are ignored; target = (highest kept − lowest)
///   + `margin`, at most `max`. Default `cap` = `max` (packets that would wait longer are overflow discards).
/// - `ideal` — oracle: one constant delay chosen with hindsight, the smallest with no late discard.
/// Adaptive buffers change their delay only at talkspurt starts unless `continuous` (time-scaling on every packet)
/// is given (`adapt=continuous` / `adapt=talkspurt` are accepted too). `cap=MS` sets the largest wait a packet
/// may have in the buffer; an earlier packet is an overflow discard (default: unbounded).
/// `text` keeps the spec exactly as the user typed it (reports name each buffer by it).
public struct JitterBufferSpec: Sendable, Equatable, CustomStringConvertible {
    /// The spec string exactly as given.
    public let text: String
    /// The algorithm and its parameters.
    public let algorithm: Algorithm
    /// When an adaptive buffer may change its delay.
    public let adaptation: Adaptation
    /// Largest wait (ms) in the buffer before a packet is discarded on overflow; `nil` = unbounded.
    public let capacityMs: Double?

    public enum Algorithm: Sendable, Equatable {
        case fixed(delayMs: Double)
        case fixedReanchor(delayMs: Double)
        case netEq(NetEqParameters)
        case asterisk(AsteriskParameters)
        case ideal
    }

    public enum Adaptation: String, Sendable, Equatable {
        case talkspurt
        case continuous
    }

    public struct NetEqParameters: Sendable, Equatable {
        public var maxDelayMs = 500.0
        public var minDelayMs = 0.0
        public var quantile = 0.95
        public var bucketMs = 20.0
        public var forgetFactor = 0.983
        public init() {}
    }

    public struct AsteriskParameters: Sendable, Equatable {
        public var maxDelayMs = 200.0
        public var windowPackets = 500
        public var dropPercent = 3.0
        public var marginMs = 40.0
        public init() {}
    }

    public var description: String { text }

    /// The default what-if set per stream: `fixed:50`, `fixed:200`, `neteq:max=500,continuous` (the reference
    /// buffer), `ideal`. The reference NetEq-like buffer adapts continuously (time-scaling), as WebRTC NetEq does:
    /// with talkspurt-only adaptation a stream without silence suppression would never adapt at all and the
    /// buffer would stay at its start-up delay for the whole call.
    public static let defaultSpecs = ["fixed:50", "fixed:200", "neteq:max=500,continuous", "ideal"]
    /// Index of the reference (adaptive) buffer in `defaultSpecs`.
    public static let defaultReferenceIndex = 2

    /// `defaultSpecs` parsed.
    public static var defaultSet: [JitterBufferSpec] {
        defaultSpecs.compactMap { try? JitterBufferSpec(parsing: $0) }
    }

    /// Parses a spec string; see the type's documentation for the syntax.
    public init(parsing text: String) throws(JitterBufferSpecError) {
        self.text = text
        let trimmed = text.trimmingSpaces()
        let kind: Substring, rest: Substring
        if let colon = trimmed.firstIndex(of: ":") {
            kind = trimmed[..<colon]; rest = trimmed[trimmed.index(after: colon)...]
        } else {
            kind = trimmed[...]; rest = ""
        }
        var args = try SpecArguments(parsing: rest, spec: text)
        var adaptation = Adaptation.talkspurt
        if args.takeFlag("continuous") { adaptation = .continuous }
        if let mode = args.takeString("adapt") {
            guard let m = Adaptation(rawValue: mode) else {
                throw JitterBufferSpecError(spec: text, reason: "adapt must be 'talkspurt' or 'continuous', got '\(mode)'")
            }
            adaptation = m
        }
        var capacity = try args.takeNumber("cap", range: 0...600_000)
        switch kind.lowercased() {
        case "fixed", "fixed-reanchor":
            let delay: Double
            if let positional = args.takePositional() {
                guard let d = Double(positional), d >= 0, d <= 60_000 else {
                    throw JitterBufferSpecError(spec: text, reason: "delay must be a number of ms in 0…60000, got '\(positional)'")
                }
                delay = d
            } else if let d = try args.takeNumber("delay", range: 0...60_000) {
                delay = d
            } else {
                throw JitterBufferSpecError(spec: text, reason: "\(kind) needs a delay in ms, e.g. '\(kind):60'")
            }
            guard adaptation == .talkspurt else {
                throw JitterBufferSpecError(spec: text, reason: "'continuous' applies only to neteq and asterisk")
            }
            algorithm = kind.lowercased() == "fixed" ? .fixed(delayMs: delay) : .fixedReanchor(delayMs: delay)
        case "neteq":
            var p = NetEqParameters()
            p.maxDelayMs = try args.takeNumber("max", range: 1...60_000) ?? p.maxDelayMs
            p.minDelayMs = try args.takeNumber("min", range: 0...60_000) ?? p.minDelayMs
            p.quantile = try args.takeNumber("quantile", range: 0.01...1) ?? p.quantile
            p.bucketMs = try args.takeNumber("bucket", range: 1...1000) ?? p.bucketMs
            p.forgetFactor = try args.takeNumber("forget", range: 0.5...0.99999) ?? p.forgetFactor
            guard p.minDelayMs <= p.maxDelayMs else {
                throw JitterBufferSpecError(spec: text, reason: "min (\(p.minDelayMs)) exceeds max (\(p.maxDelayMs))")
            }
            algorithm = .netEq(p)
        case "asterisk":
            var p = AsteriskParameters()
            p.maxDelayMs = try args.takeNumber("max", range: 1...60_000) ?? p.maxDelayMs
            p.windowPackets = Int(try args.takeNumber("window", range: 2...10_000) ?? Double(p.windowPackets))
            p.dropPercent = try args.takeNumber("drop", range: 0...50) ?? p.dropPercent
            p.marginMs = try args.takeNumber("margin", range: 0...10_000) ?? p.marginMs
            capacity = capacity ?? p.maxDelayMs
            algorithm = .asterisk(p)
        case "ideal":
            guard adaptation == .talkspurt else {
                throw JitterBufferSpecError(spec: text, reason: "'continuous' applies only to neteq and asterisk")
            }
            algorithm = .ideal
        default:
            throw JitterBufferSpecError(spec: text, reason: "unknown buffer kind '\(kind)'")
        }
        try args.expectEmpty()
        self.adaptation = adaptation
        self.capacityMs = capacity
    }
}

/// A spec string that could not be parsed: which spec, what is wrong, and the accepted syntax.
public struct JitterBufferSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let spec: String
    public let reason: String
    public static let syntax = "expected fixed:MS | fixed-reanchor:MS | neteq[:max=500,min=0,quantile=0.95,bucket=20,"
        + "forget=0.983] | asterisk[:max=200,window=500,drop=3,margin=40] | ideal; adaptive kinds accept 'continuous'; "
        + "all accept cap=MS"
    public var description: String { "invalid jitter-buffer spec '\(spec)': \(reason) (\(Self.syntax))" }
}

/// Comma-separated `key=value` / bare-word arguments of a spec, consumed by name; leftovers are an error.
struct SpecArguments {
    private var pairs: [(key: String, value: String)] = []
    private var words: [String] = []
    private let spec: String

    init(parsing rest: Substring, spec: String) throws(JitterBufferSpecError) {
        self.spec = spec
        guard !rest.isEmpty else { return }
        for part in rest.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(part).trimmingSpaces()
            guard !item.isEmpty else { throw JitterBufferSpecError(spec: spec, reason: "empty argument") }
            if let eq = item.firstIndex(of: "=") {
                pairs.append((item[..<eq].lowercased(), String(item[item.index(after: eq)...])))
            } else {
                words.append(item)
            }
        }
    }

    mutating func takeFlag(_ name: String) -> Bool {
        guard let i = words.firstIndex(where: { $0.lowercased() == name }) else { return false }
        words.remove(at: i)
        return true
    }

    mutating func takePositional() -> String? { words.isEmpty ? nil : words.removeFirst() }

    mutating func takeString(_ key: String) -> String? {
        guard let i = pairs.firstIndex(where: { $0.key == key }) else { return nil }
        return pairs.remove(at: i).value
    }

    mutating func takeNumber(_ key: String, range: ClosedRange<Double>) throws(JitterBufferSpecError) -> Double? {
        guard let s = takeString(key) else { return nil }
        guard let v = Double(s), range.contains(v) else {
            throw JitterBufferSpecError(spec: spec, reason: "\(key) must be a number in \(range.lowerBound)…\(range.upperBound), got '\(s)'")
        }
        return v
    }

    func expectEmpty() throws(JitterBufferSpecError) {
        if let p = pairs.first { throw JitterBufferSpecError(spec: spec, reason: "unknown option '\(p.key)'") }
        if let w = words.first { throw JitterBufferSpecError(spec: spec, reason: "unexpected argument '\(w)'") }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
