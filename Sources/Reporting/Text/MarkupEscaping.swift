/// Escaping of report strings (which come from captures: hostile by default) for HTML and XML output.
enum MarkupEscaping {
    enum Dialect {
        /// HTML element content and quoted attributes: `'` as `&#39;`; newline and tab kept; other control
        /// characters become U+FFFD.
        case html
        /// XML 1.0 text and attributes (JUnit): `'` as `&apos;`; newline, tab and CR as character references
        /// (so attribute values keep them); other characters XML 1.0 cannot carry become U+FFFD.
        case xml
    }

    /// Escapes `& < > " '` so the text is inert both in element content and in quoted attribute values.
    static func escape(_ text: String, for dialect: Dialect) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += dialect == .html ? "&#39;" : "&apos;"
            case "\n" where dialect == .xml: out += "&#10;"
            case "\t" where dialect == .xml, "\r" where dialect == .xml: out += "&#\(scalar.value);"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case let c where c.value < 0x20: out += "\u{FFFD}"
            case let c where dialect == .xml && (c.value == 0xFFFE || c.value == 0xFFFF): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
