/// Calls and streams as CSV for spreadsheets and databases (RFC 4180: CRLF line ends, fields with
/// commas, quotes or line breaks quoted, quotes doubled). One row per call / stream; the header uses the
/// JSON names, nested objects flattened with dots (`wireshark.max_jitter_ms`), arrays of scalars joined
/// with `;`, arrays of named objects flattened by name (`quality.jitter_buffers.fixed:50.mos`), `null` empty.
/// Bulky per-event detail (`messages`, `media`, `time_series`, `dtmf_events`) stays in JSON/HTML.
/// Text cells that a spreadsheet would evaluate as a formula are prefixed with `'` (see `neutralisingFormula`).
public enum CSVReport {
    /// Members left out of the calls table.
    public static let omittedCallFields: Set<String> = ["messages", "media"]
    /// Members left out of the streams table.
    public static let omittedStreamFields: Set<String> = ["time_series", "dtmf_events"]

    public static func calls(_ report: JSONValue) -> String {
        table(report.array(at: "calls"), omitting: omittedCallFields)
    }

    public static func streams(_ report: JSONValue) -> String {
        table(report.array(at: "streams"), omitting: omittedStreamFields)
    }

    /// A table of `rows` (objects); columns are the union of flattened names in first-seen order.
    public static func table(_ rows: [JSONValue], omitting: Set<String> = []) -> String {
        var columns: [String] = []
        var known = Set<String>()
        let flattened = rows.map { row -> [String: String] in
            var cells: [(String, String)] = []
            flatten(row, prefix: "", omitting: omitting, into: &cells)
            for (name, _) in cells where known.insert(name).inserted { columns.append(name) }
            return Dictionary(cells, uniquingKeysWith: { first, _ in first })
        }
        // A member that is `null` in some rows and an object in others: keep only the flattened columns.
        let allColumns = columns
        columns.removeAll { column in
            allColumns.contains { $0.hasPrefix(column + ".") } && flattened.allSatisfy { ($0[column] ?? "").isEmpty }
        }
        var out = columns.map(field).joined(separator: ",") + "\r\n"
        for cells in flattened {
            out += columns.map { field(cells[$0] ?? "") }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func flatten(_ value: JSONValue, prefix: String, omitting: Set<String>, into cells: inout [(String, String)]) {
        switch value {
        case .object(let members):
            for (key, member) in members where !(prefix.isEmpty && omitting.contains(key)) {
                flatten(member, prefix: prefix.isEmpty ? key : prefix + "." + key, omitting: omitting, into: &cells)
            }
        case .array(let items):
            if items.allSatisfy(\.isScalar) {
                cells.append((prefix, items.map(scalarText).joined(separator: ";")))
            } else if items.allSatisfy({ $0.string(at: "name") != nil }) {
                for item in items {
                    guard case .object(let members) = item, let name = item.string(at: "name") else { continue }
                    for (key, member) in members where key != "name" {
                        flatten(member, prefix: prefix + "." + name + "." + key, omitting: omitting, into: &cells)
                    }
                }
            }
            // Other arrays of objects are event detail: omitted (see the type's documentation).
        default:
            cells.append((prefix, scalarText(value)))
        }
    }

    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.format(d)
        case .string(let s): return neutralisingFormula(s)
        case .array, .object: return value.serialized(pretty: false)
        }
    }

    /// Text from the capture (display names, user agents, Call-IDs) that starts with `=`, `+`, `-`, `@`, tab or CR
    /// would be run as a formula by spreadsheet programs (CSV/formula injection): such a text cell gets a
    /// leading `'`, which spreadsheets read as "this is text" (so `+15551234567` also keeps its `+`).
    /// Numbers are JSON numbers, never strings, so negative values are unchanged.
    static func neutralisingFormula(_ text: String) -> String {
        guard let first = text.utf8.first,
              first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D else { return text }
        return "'" + text
    }

    /// RFC 4180 §2: quote a field containing a comma, quote, CR or LF; double embedded quotes.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var quoted = "\""
        for character in text { quoted += character == "\"" ? "\"\"" : String(character) }
        return quoted + "\""
    }
}

extension JSONValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
