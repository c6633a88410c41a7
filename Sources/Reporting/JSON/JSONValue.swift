import WireCore

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
        var out: [UInt8] = []
        write(to: &out, indent: pretty ? 0 : nil)
        if pretty { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 text of the value (written as bytes: far cheaper than growing a String).
    func write(to out: inout [UInt8], indent: Int?) {
        switch self {
        case .null: JSONValue.appendUTF8("null", to: &out)
        case .bool(let b): JSONValue.appendUTF8(b ? "true" : "false", to: &out)
        case .int(let i): DecimalText.append(i, to: &out)
        case .double(let d): JSONValue.appendNumber(d, to: &out)
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
    static func writeArray(count: Int, to out: inout [UInt8], indent: Int?, item: (Int, inout [UInt8]) throws -> Void) rethrows {
        try writeContainer(UInt8(ascii: "["), UInt8(ascii: "]"), count: count, to: &out, indent: indent, member: item)
    }

    /// Writes an object of `count` members; `member(i, &out)` writes `writeKey` then the value.
    static func writeObject(count: Int, to out: inout [UInt8], indent: Int?, member: (Int, inout [UInt8]) throws -> Void) rethrows {
        try writeContainer(UInt8(ascii: "{"), UInt8(ascii: "}"), count: count, to: &out, indent: indent, member: member)
    }

    /// An object member's key and separator (the object is at `indent`).
    static func writeKey(_ key: String, to out: inout [UInt8], indent: Int?) {
        JSONValue.escape(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if indent != nil { out.append(UInt8(ascii: " ")) }
    }

    private static func writeContainer(_ open: UInt8, _ close: UInt8, count: Int, to out: inout [UInt8], indent: Int?,
                                       member: (Int, inout [UInt8]) throws -> Void) rethrows {
        out.append(open)
        if count == 0 { out.append(close); return }
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(&out, indent.map { $0 + 1 })
            try member(i, &out)
        }
        newline(&out, indent)
        out.append(close)
    }

    static func newline(_ out: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        out.append(0x0A)
        var spaces = 2 * indent
        while spaces > 0 {   // copied from a run of spaces (appending a repeated element went byte by byte)
            let run = min(spaces, indentSpaces.count)
            out.append(contentsOf: indentSpaces[..<run])
            spaces -= run
        }
    }

    private static let indentSpaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Shortest round-tripping decimal; integral values keep a ".0"-free form (`12`, not `12.0`).
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if let integral = integralValue(d) { return String(integral) }
        return d.description   // the same text as "\(d)", without the interpolation machinery
    }

    /// Appends `format(d)`: integral values (|d| < 10¹⁵) as integers, others in Swift's shortest form.
    static func appendNumber(_ d: Double, to out: inout [UInt8]) {
        if let integral = integralValue(d) { DecimalText.append(integral, to: &out); return }
        appendUTF8(format(d), to: &out)
    }

    /// `d` as an integer when `format` writes it as one: finite, integral and below 10¹⁵ in magnitude.
    @inline(__always)
    static func integralValue(_ d: Double) -> Int? {
        d.isFinite && d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends the UTF-8 of `s` in one copy (appending a string's UTF-8 view goes byte by byte).
    static func appendUTF8(_ s: String, to out: inout [UInt8]) {
        var text = s
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// True when `bytes` hold a byte JSON must escape (control, quote, backslash).
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
        return false
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: most strings (numbers, addresses, codes) need no escaping at all; their contiguous UTF-8 is
        // scanned and copied in one piece (appending the UTF-8 view went byte by byte).
        var text = s
        let copied = text.withUTF8 { bytes in
            guard !needsEscaping(bytes) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                // \u00XX, lowercase hex.
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
