/// Escaping and number formatting for the HTML report. Every string that comes from a report
/// (and so from a capture: SIP display names, user agents, Call-IDs) goes through `escape`.
enum HTMLText {
    /// Escapes `& < > " '` so the text is inert both in element content and in quoted attribute values.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text, for: .html) }

    /// Escapes an optional string; `nil` becomes an em dash.
    static func escape(_ text: String?, placeholder: String = "—") -> String {
        text.map { escape($0) } ?? placeholder
    }
}

/// Fixed-decimal formatting without Foundation; `nil` and non-finite values become "—".
enum NumberText {
    static func fixed(_ value: Double?, _ digits: Int = 1, placeholder: String = "—") -> String {
        guard let value, value.isFinite else { return placeholder }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        let whole = integer / divisor
        let fraction = integer % divisor
        var text = (value < 0 && integer != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }

    /// Integers as-is, others with `digits` decimals.
    static func compact(_ value: Double?, _ digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return fixed(value, digits)
    }
}
