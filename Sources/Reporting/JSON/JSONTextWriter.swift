import WireCore

/// Writes JSON text straight into its own byte buffer, laid out exactly as `JSONValue.write(to:indent:)` lays
/// out the same tree with indentation (two spaces a level, `"key": value`, empty containers as `[]`/`{}`).
///
/// The buffer is raw memory written with plain stores after one capacity check per token (appending to an
/// array byte by byte cost several hundred instructions per key); call `deallocate()` when done.
struct JSONTextWriter: JSONSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written.
    private(set) var count = 0
    /// Nesting level of the innermost open container's members (indent = 2 × level spaces).
    private var level: Int
    private let startLevel: Int
    /// Bit n set: the open container at nesting level n has a member already (so the next one needs a comma).
    private var hasMembers: UInt64 = 0
    /// Set after `key`: the next value follows the key directly.
    private var afterKey = true

    /// A writer of one value at nesting level `level` (its members indented `level + 1`), whose separator and
    /// indentation the caller writes (as `JSONValue.writeArray`'s item closure does).
    init(level: Int, initialCapacity: Int = 1 << 16) {
        capacity = max(64, initialCapacity)
        base = .allocate(capacity: capacity)
        self.level = level
        startLevel = level
    }

    func deallocate() { base.deallocate() }

    /// The text written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Starts over for the next value (keeping the buffer).
    mutating func reset() {
        count = 0
        level = startLevel
        hasMembers = 0
        afterKey = true
    }

    /// Room for `extra` more bytes; returns where they go.
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if count + extra > capacity { grow(to: count + extra) }
        return base + count
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    @inline(__always)
    private mutating func put(_ source: UnsafeRawPointer, count n: Int) {
        reserve(n).update(from: source.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    @inline(__always)
    private mutating func put(_ text: StaticString) {
        guard text.hasPointerRepresentation else { put(bytesOf: text.description); return }
        put(UnsafeRawPointer(text.utf8Start), count: text.utf8CodeUnitCount)
    }

    private mutating func put(bytesOf text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard let start = utf8.baseAddress else { return }
            put(UnsafeRawPointer(start), count: utf8.count)
        }
    }

    private mutating func put(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            put(UnsafeRawPointer(start), count: buffer.count)
        }
    }

    /// Comma, newline and indentation before a container member (nothing right after a key).
    @inline(__always)
    private mutating func beginMember() {
        if afterKey { afterKey = false; return }
        let bit: UInt64 = 1 << UInt64(level & 63)
        let comma = hasMembers & bit != 0
        hasMembers |= bit
        newline(level, comma: comma)
    }

    /// `,` (when `comma`), a newline and 2 × `level` spaces, in one copy.
    @inline(__always)
    private mutating func newline(_ level: Int, comma: Bool) {
        if comma { put(UInt8(ascii: ",")) }
        let spaces = 2 * level
        let out = reserve(1 + spaces)
        out.pointee = 0x0A
        (out + 1).initialize(repeating: UInt8(ascii: " "), count: spaces)
        count += 1 + spaces
    }

    mutating func null() { beginMember(); put("null") }
    mutating func bool(_ value: Bool) { beginMember(); value ? put("true") : put("false") }
    mutating func int(_ value: Int) { beginMember(); putInteger(value) }

    private mutating func putInteger(_ value: Int) {
        let out = reserve(21)
        var at = 0
        if value < 0 { out.pointee = UInt8(ascii: "-"); at = 1 }
        count += DecimalText.write(UInt64(value.magnitude), into: UnsafeMutableBufferPointer(start: out, count: 21), at: at)
    }

    mutating func double(_ value: Double) {
        beginMember()
        if let integral = JSONValue.integralValue(value) { putInteger(integral); return }
        put(bytesOf: JSONValue.format(value))
    }

    mutating func string(_ value: String) {
        beginMember()
        var text = value
        let plain = text.withUTF8 { utf8 -> Bool in
            guard !JSONValue.needsEscaping(utf8) else { return false }
            let out = reserve(utf8.count + 2)
            out.pointee = UInt8(ascii: "\"")
            if let source = utf8.baseAddress { (out + 1).update(from: source, count: utf8.count) }
            out[utf8.count + 1] = UInt8(ascii: "\"")
            count += utf8.count + 2
            return true
        }
        if !plain {
            var escaped: [UInt8] = []
            JSONValue.escape(value, into: &escaped)
            put(escaped)
        }
    }

    mutating func time(_ value: Timestamp) {
        beginMember()
        let out = reserve(34)
        out.pointee = UInt8(ascii: "\"")
        let written = value.writeISO8601(into: UnsafeMutableBufferPointer(start: out + 1, count: 32))
        out[written + 1] = UInt8(ascii: "\"")
        count += written + 2
    }

    mutating func value(_ value: JSONValue) {
        beginMember()
        var text: [UInt8] = []
        value.write(to: &text, indent: level)
        put(text)
    }

    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }
    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func key(_ key: StaticString) {
        beginMember()
        put(UInt8(ascii: "\""))
        put(key)
        let out = reserve(3)
        out[0] = UInt8(ascii: "\""); out[1] = UInt8(ascii: ":"); out[2] = UInt8(ascii: " ")
        count += 3
        afterKey = true
    }

    private mutating func open(_ bracket: UInt8) {
        beginMember()
        put(bracket)
        level += 1
        hasMembers &= ~(1 << UInt64(level & 63))
    }

    private mutating func close(_ bracket: UInt8) {
        if hasMembers & (1 << UInt64(level & 63)) != 0 { newline(level - 1, comma: false) }
        level -= 1
        put(bracket)
    }
}
