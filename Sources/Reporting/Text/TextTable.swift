/// A plain-text table for terminals: a title row, a rule, then rows; columns separated by two spaces,
/// each as wide as its widest cell (counted in Characters), numbers right-aligned. Trailing spaces are trimmed.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) { self.title = title; self.alignment = alignment }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    /// Adds a row; missing cells are blank, extra cells are ignored.
    public mutating func append(_ cells: [String]) {
        rows.append((0..<columns.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    public func render() -> String {
        var widths = columns.map(\.title.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let fill = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(columns[i].alignment == .right ? fill + cell : cell + fill)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = [line(columns.map(\.title)), String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, widths.count - 1))]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// Table cell texts shared by the terminal renderers: "-" stands for a value that cannot be known.
enum Cell {
    static func number(_ value: Double?, _ digits: Int) -> String { value.map { fixedDecimals($0, digits) } ?? "-" }
    static func number(_ value: Int?) -> String { value.map(String.init) ?? "-" }

    /// `YYYY-MM-DD hh:mm:ss.mmm` (UTC) from the contract's ISO-8601 text.
    static func time(_ iso8601: String) -> String {
        var text = iso8601.replacingFirst("T", with: " ")
        if text.hasSuffix("Z") { text.removeLast() }
        // Microseconds → milliseconds (truncated, as clocks display).
        if let dot = text.lastIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 7 {
            text.removeLast(3)
        }
        return text
    }

    /// `text` cut to `limit` characters, ending in "…" when shortened.
    static func shortened(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}

extension String {
    fileprivate func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}

extension TextTable {
    /// A table whose columns are right-aligned when every cell below the title is numeric-looking
    /// (digits, signs, `%`, intervals), left-aligned otherwise; the first column is always left-aligned.
    public init(header: [String], rows: [[String]]) {
        func isNumeric(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isNumber || "-+.%—[]–,/ ".contains($0) } }
        let columns = header.enumerated().map { index, title in
            let numeric = index > 0 && !rows.isEmpty && rows.allSatisfy { index < $0.count && isNumeric($0[index]) }
            return Column(title, numeric ? .right : .left)
        }
        self.init(columns)
        for row in rows { append(row) }
    }

    /// `render()` with a final newline.
    public var text: String { render() + "\n" }
}
