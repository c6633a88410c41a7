import WireCore

/// Builds the `JSONValue` tree of what is written to it (see `JSONSink`).
struct JSONTreeBuilder: JSONSink {
    /// Open containers, innermost last: true for an object (its members in `objects`), false for an array.
    private var isObject: [Bool] = []
    private var arrays: [[JSONValue]] = []
    private var objects: [[(String, JSONValue)]] = []
    /// The key of each open object's member being written.
    private var keys: [String] = []
    /// The finished top-level value (`null` until one has been written).
    private(set) var result: JSONValue = .null

    /// The tree `write` produces.
    static func build(_ write: (inout JSONTreeBuilder) -> Void) -> JSONValue {
        var builder = JSONTreeBuilder()
        write(&builder)
        return builder.result
    }

    private mutating func put(_ value: JSONValue) {
        guard let inObject = isObject.last else { result = value; return }
        if inObject {
            objects[objects.count - 1].append((keys[keys.count - 1], value))
        } else {
            arrays[arrays.count - 1].append(value)
        }
    }

    mutating func null() { put(.null) }
    mutating func bool(_ value: Bool) { put(.bool(value)) }
    mutating func int(_ value: Int) { put(.int(value)) }
    mutating func double(_ value: Double) { put(.double(value)) }
    mutating func string(_ value: String) { put(.string(value)) }
    mutating func time(_ value: Timestamp) { put(.string(value.iso8601)) }
    mutating func value(_ value: JSONValue) { put(value) }
    mutating func beginArray() { isObject.append(false); arrays.append([]) }
    mutating func endArray() {
        guard isObject.popLast() == false, let items = arrays.popLast() else { return }
        put(.array(items))
    }
    mutating func beginObject() { isObject.append(true); objects.append([]); keys.append("") }
    mutating func endObject() {
        guard isObject.popLast() == true, let members = objects.popLast() else { return }
        keys.removeLast()
        put(.object(members))
    }
    mutating func key(_ key: StaticString) {
        guard isObject.last == true else { return }
        keys[keys.count - 1] = key.description
    }
}
