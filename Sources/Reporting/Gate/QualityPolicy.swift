/// Thresholds for the CI quality gate. A `nil` threshold is not checked.
/// Policy files use the same snake_case names as JSON (`{"min_mos": 3.6, "max_loss_pct": 2}`)
/// or as flat YAML (`min_mos: 3.6` per line, `#` comments).
public struct QualityPolicy: Sendable, Equatable {
    /// Lowest acceptable stream MOS (conversational, `quality.mos`).
    public var minMOS: Double?
    /// Highest acceptable stream loss, percent of expected packets (`loss_pct`).
    public var maxLossPct: Double?
    /// Highest acceptable RFC 3550 jitter, ms (`max_jitter_ms`).
    public var maxJitterMs: Double?
    /// Highest acceptable post-dial delay, ms (`pdd_ms`).
    public var maxPDDMs: Double?
    /// Lowest acceptable answer-seizure ratio over all calls, percent.
    public var minASRPct: Double?

    public init(minMOS: Double? = nil, maxLossPct: Double? = nil, maxJitterMs: Double? = nil,
                maxPDDMs: Double? = nil, minASRPct: Double? = nil) {
        self.minMOS = minMOS; self.maxLossPct = maxLossPct; self.maxJitterMs = maxJitterMs
        self.maxPDDMs = maxPDDMs; self.minASRPct = minASRPct
    }

    public static let keys = ["min_mos", "max_loss_pct", "max_jitter_ms", "max_pdd_ms", "min_asr_pct"]

    public var isEmpty: Bool { self == QualityPolicy() }

    /// This policy with every threshold `other` sets replacing ours (flags override a policy file).
    public func overridden(by other: QualityPolicy) -> QualityPolicy {
        QualityPolicy(minMOS: other.minMOS ?? minMOS, maxLossPct: other.maxLossPct ?? maxLossPct,
                      maxJitterMs: other.maxJitterMs ?? maxJitterMs, maxPDDMs: other.maxPDDMs ?? maxPDDMs,
                      minASRPct: other.minASRPct ?? minASRPct)
    }

    /// Parses a policy file's text: JSON when it starts with `{`, flat YAML otherwise. Unknown keys are errors
    /// (a misspelt threshold must not silently pass everything).
    public static func parse(_ text: String) throws(PolicyError) -> QualityPolicy {
        let trimmed = text.drop { $0.isWhitespace }
        var pairs: [(String, Double?, Int)] = []
        if trimmed.first == "{" {
            let document: JSONValue
            do { document = try JSONValue.parse(text) } catch { throw PolicyError("invalid JSON policy: \(error)") }
            guard let members = document.objectMembers else { throw PolicyError("a JSON policy must be an object") }
            for (key, value) in members {
                guard value.isNull || value.doubleValue != nil else { throw PolicyError("\(key): expected a number") }
                pairs.append((key, value.doubleValue, 0))
            }
        } else {
            for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let content = line.trimmingWhitespace()
                if content.isEmpty || content == "---" { continue }
                let parts = content.split(separator: ":", maxSplits: 1).map { String($0).trimmingWhitespace() }
                guard parts.count == 2 else { throw PolicyError("line \(number + 1): expected 'name: number'") }
                if parts[1] == "null" || parts[1] == "~" { pairs.append((parts[0], nil, number + 1)); continue }
                guard let value = Double(parts[1]), value.isFinite else {
                    throw PolicyError("line \(number + 1): \(parts[0]): '\(parts[1])' is not a number")
                }
                pairs.append((parts[0], value, number + 1))
            }
        }
        var policy = QualityPolicy()
        for (key, value, line) in pairs {
            let place = line > 0 ? "line \(line): " : ""
            switch key {
            case "min_mos": policy.minMOS = value
            case "max_loss_pct": policy.maxLossPct = value
            case "max_jitter_ms": policy.maxJitterMs = value
            case "max_pdd_ms": policy.maxPDDMs = value
            case "min_asr_pct": policy.minASRPct = value
            default: throw PolicyError("\(place)unknown threshold '\(key)' (known: \(keys.joined(separator: ", ")))")
            }
        }
        return policy
    }
}

/// A policy file that could not be read.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
