/// A JSON document with insertion-ordered objects, so output is stable and diffs cleanly,
/// and `null` is written explicitly (the report contract never omits a field).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// Optional helpers: `nil` becomes `null`.
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .double(value)
    }
    public static func number(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    public static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Looks up a key in an object (tests and diff).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Serialises with two-space indentation (`pretty`) or compactly.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : nil)
        if pretty { out += "\n" }
        return out
    }

    func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONValue.format(d)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            JSONValue.writeArray(count: items.count, to: &out, indent: indent) { i, out in
                items[i].write(to: &out, indent: indent.map { $0 + 1 })
            }
        case .object(let members):
            JSONValue.writeObject(count: members.count, to: &out, indent: indent) { i, out in
                let (key, value) = members[i]
                JSONValue.writeKey(key, to: &out, indent: indent)
                value.write(to: &out, indent: indent.map { $0 + 1 })
            }
        }
    }

    /// Writes an array of `count` items at `indent`; `item(i, &out)` writes item i (at `indent + 1`).
    /// `out` may be emptied between items by the caller's closure (streaming writers flush there).
    static func writeArray(count: Int, to out: inout String, indent: Int?, item: (Int, inout String) throws -> Void) rethrows {
        try writeContainer("[", "]", count: count, to: &out, indent: indent, member: item)
    }

    /// Writes an object of `count` members; `member(i, &out)` writes `writeKey` then the value.
    static func writeObject(count: Int, to out: inout String, indent: Int?, member: (Int, inout String) throws -> Void) rethrows {
        try writeContainer("{", "}", count: count, to: &out, indent: indent, member: member)
    }

    /// An object member's key and separator (the object is at `indent`).
    static func writeKey(_ key: String, to out: inout String, indent: Int?) {
        JSONValue.escape(key, into: &out)
        out += indent == nil ? ":" : ": "
    }

    private static func writeContainer(_ open: String, _ close: String, count: Int, to out: inout String, indent: Int?,
                                       member: (Int, inout String) throws -> Void) rethrows {
        if count == 0 { out += open; out += close; return }
        out += open
        for i in 0..<count {
            if i > 0 { out += "," }
            newline(&out, indent.map { $0 + 1 })
            try member(i, &out)
        }
        newline(&out, indent)
        out += close
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += indent < indentations.count ? indentations[indent] : "\n" + String(repeating: "  ", count: indent)
    }

    /// "\n" followed by 0, 2, 4 … spaces: built once, not per line.
    private static let indentations = (0..<16).map { "\n" + String(repeating: "  ", count: $0) }

    /// Shortest round-tripping decimal; integral values keep a ".0"-free form (`12`, not `12.0`).
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Fast path: most strings (numbers, addresses, codes) need no escaping at all.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
