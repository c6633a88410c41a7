/// A destination for JSON produced member by member. The report's calls and streams are described once,
/// generically, and written either straight to UTF-8 text (`JSONTextWriter`, the `analyze --json` path: no
/// tree is built or released per call) or into a `JSONValue` tree (`JSONTreeBuilder`: HTML, diff, tests).
/// Both give the same document: `JSONTextWriter`'s bytes equal the tree's `serialized()`.
///
/// Calls must nest properly: a `key` inside an object is followed by exactly one value; `begin…`/`end…` pair up.
protocol JSONSink {
    mutating func null()
    mutating func bool(_ value: Bool)
    mutating func int(_ value: Int)
    /// A number as `JSONValue.double` writes it (non-finite values as `null`).
    mutating func double(_ value: Double)
    mutating func string(_ value: String)
    /// An ISO-8601 UTC time (`Timestamp.iso8601`).
    mutating func time(_ value: Timestamp)
    /// A value already built as a tree.
    mutating func value(_ value: JSONValue)
    mutating func beginArray()
    mutating func endArray()
    mutating func beginObject()
    mutating func endObject()
    /// The next object member's key (a plain ASCII name, written as it is); its value follows.
    mutating func key(_ key: StaticString)
}

extension JSONSink {
    /// `JSONValue.number`: `null` when absent or not finite.
    mutating func number(_ value: Double?) {
        if let value, value.isFinite { double(value) } else { null() }
    }
    mutating func number(_ value: Int?) {
        if let value { int(value) } else { null() }
    }
    /// `JSONValue.text`: `null` when absent.
    mutating func text(_ value: String?) {
        if let value { string(value) } else { null() }
    }
    mutating func time(_ value: Timestamp?) {
        if let value { time(value) } else { null() }
    }

    mutating func object(_ members: (inout Self) -> Void) {
        beginObject()
        members(&self)
        endObject()
    }

    mutating func array<Items: Sequence>(_ items: Items, _ item: (inout Self, Items.Element) -> Void) {
        beginArray()
        for element in items { item(&self, element) }
        endArray()
    }

    mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: StaticString, _ value: JSONValue) { key(name); self.value(value) }
    mutating func field(_ name: StaticString, text value: String?) { key(name); text(value) }
    mutating func field(_ name: StaticString, number value: Double?) { key(name); number(value) }
    mutating func field(_ name: StaticString, number value: Int?) { key(name); number(value) }
    mutating func field(_ name: StaticString, double value: Double) { key(name); double(value) }
    mutating func field(_ name: StaticString, time value: Timestamp?) { key(name); time(value) }
    /// A member whose value `body` writes (an object or array, usually).
    mutating func field(_ name: StaticString, _ body: (inout Self) -> Void) { key(name); body(&self) }
}

import WireCore
