import Foundation

/// A validator for the subset of JSON Schema (2020-12) our report schema uses: type (with null
/// unions), required, properties, additionalProperties (schema form), items, enum, const, pattern,
/// minimum. Returns one message per violation with its JSON path.
struct JSONSchemaValidator {
    let schema: [String: Any]

    init(schemaFile: URL) throws {
        let data = try Data(contentsOf: schemaFile)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "schema", code: 1, userInfo: [NSLocalizedDescriptionKey: "schema is not an object"])
        }
        schema = object
    }

    func validate(_ document: Data) throws -> [String] {
        let value = try JSONDecoder().decode(AnyJSON.self, from: document).foundationValue
        var errors: [String] = []
        check(value, against: schema, path: "$", errors: &errors)
        return errors
    }

    private func typeName(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is Bool: return "boolean"
        case is Int: return "integer"
        case is Double: return "number"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "unknown"
        }
    }

    private func matches(_ actual: String, _ expected: String) -> Bool {
        actual == expected || (expected == "number" && actual == "integer")
    }

    private func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (is NSNull, is NSNull): return true
        case (let x as String, let y as String): return x == y
        case (let x as Bool, let y as Bool): return x == y
        case (let x as Int, let y as NSNumber): return Double(x) == y.doubleValue
        case (let x as NSNumber, let y as Int): return x.doubleValue == Double(y)
        case (let x as Double, let y as NSNumber): return x == y.doubleValue
        case (let x as NSNumber, let y as Double): return x.doubleValue == y
        default: return false
        }
    }

    private func check(_ value: Any, against schema: [String: Any], path: String, errors: inout [String]) {
        let actual = typeName(value)
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            if !allowed.contains(where: { matches(actual, $0) }) {
                errors.append("\(path): expected \(allowed.joined(separator: "|")), found \(actual)")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal($0, value) }) {
            errors.append("\(path): \(value) not in enum")
        }
        if let constant = schema["const"], !equal(constant, value) {
            errors.append("\(path): expected constant \(constant), found \(value)")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
           text.range(of: pattern, options: .regularExpression) == nil {
            errors.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if let minimum = schema["minimum"] as? NSNumber, let number = (value as? Int).map(Double.init) ?? (value as? Double),
           number < minimum.doubleValue {
            errors.append("\(path): \(number) below minimum \(minimum)")
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
                errors.append("\(path): missing required \"\(key)\"")
            }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    check(member, against: sub, path: "\(path).\(key)", errors: &errors)
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    check(member, against: additional, path: "\(path).\(key)", errors: &errors)
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, element) in array.enumerated() { check(element, against: items, path: "\(path)[\(i)]", errors: &errors) }
        }
    }
}

/// A JSON value decoded strictly (booleans stay booleans, integers stay integers).
enum AnyJSON: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([AnyJSON]), object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [AnyJSON] = []
            while !list.isAtEnd { items.append(try list.decode(AnyJSON.self)) }
            self = .array(items)
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: AnyJSON] = [:]
            for key in keyed.allKeys { members[key.stringValue] = try keyed.decode(AnyJSON.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let i = try? single.decode(Int.self) { self = .int(i) }
        else if let d = try? single.decode(Double.self) { self = .double(d) }
        else { self = .string(try single.decode(String.self)) }
    }

    var foundationValue: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d
        case .string(let s): return s
        case .array(let a): return a.map(\.foundationValue)
        case .object(let o): return o.mapValues(\.foundationValue)
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
