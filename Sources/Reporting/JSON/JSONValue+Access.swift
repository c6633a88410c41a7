/// Typed reads of a report document. Numbers read as `Double` whether stored as int or double;
/// `null`, a missing key and a wrong type all read as `nil`.
extension JSONValue {
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// An integer, or a double with no fractional part.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 9e15: return Int(d)
        default: return nil
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectMembers: [(String, JSONValue)]? { if case .object(let m) = self { m } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Follows a dotted path: object keys, or array indices as decimal numbers (`streams.0.quality.mos`).
    public func value(at path: String) -> JSONValue? {
        var current = self
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object: guard let next = current[String(component)] else { return nil }; current = next
            case .array(let items):
                guard let i = Int(component), items.indices.contains(i) else { return nil }
                current = items[i]
            default: return nil
            }
        }
        return current
    }

    public func double(at path: String) -> Double? { value(at: path)?.doubleValue }
    public func int(at path: String) -> Int? { value(at: path)?.intValue }
    public func string(at path: String) -> String? { value(at: path)?.stringValue }
    public func bool(at path: String) -> Bool? { value(at: path)?.boolValue }
    /// The array at `path`, or an empty array when absent or not an array.
    public func array(at path: String) -> [JSONValue] { value(at: path)?.arrayValue ?? [] }

    /// A copy with `key` set (replaced in place when present, appended otherwise). Non-objects are returned unchanged.
    public func setting(_ key: String, to newValue: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.0 == key }) { members[i].1 = newValue } else { members.append((key, newValue)) }
        return .object(members)
    }
}
