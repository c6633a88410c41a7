// Small ASCII helpers shared by the SIP and SDP parsers (RFC 3261 §25.1 basic rules).

extension UInt8 {
    @inlinable var isLinearWhitespace: Bool { self == 0x20 || self == 0x09 }
    @inlinable var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    @inlinable var lowercasedASCII: UInt8 { (self >= 0x41 && self <= 0x5A) ? self | 0x20 : self }
}

/// Index of the first `\n` at or after `from`, or nil.
@inlinable func indexOfLineFeed(_ bytes: [UInt8], from: Int, to end: Int) -> Int? {
    var i = from
    while i < end {
        if bytes[i] == 0x0A { return i }
        i += 1
    }
    return nil
}

/// `bytes[lo..<hi]` without leading and trailing spaces and tabs.
@inline(__always)
func linearWhitespaceTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Range<Int> {
    var lo = lo, hi = hi
    while lo < hi, bytes[lo].isLinearWhitespace { lo += 1 }
    while hi > lo, bytes[hi - 1].isLinearWhitespace { hi -= 1 }
    return lo ..< hi
}

/// Decodes bytes as UTF-8 (invalid sequences become U+FFFD), trimming spaces, tabs and carriage returns.
func trimmedText(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes[trimmedRange(bytes)], as: UTF8.self)
}

/// The indices of `bytes` without leading and trailing spaces, tabs and carriage returns (what `trimmedText` keeps).
func trimmedRange(_ bytes: ArraySlice<UInt8>) -> Range<Int> {
    var lo = bytes.startIndex, hi = bytes.endIndex
    while lo < hi, bytes[lo].isLinearWhitespace || bytes[lo] == 0x0D { lo += 1 }
    while hi > lo, bytes[hi - 1].isLinearWhitespace || bytes[hi - 1] == 0x0D { hi -= 1 }
    return lo ..< hi
}

extension StringProtocol {
    /// Compares ASCII case-insensitively (header names, parameters, tokens).
    func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        if let equal = utf8.withContiguousStorageIfAvailable({ a in
            other.utf8.withContiguousStorageIfAvailable { b in
                a.count == b.count && zip(a, b).allSatisfy { $0.lowercasedASCII == $1.lowercasedASCII }
            }
        }), let equal { return equal }
        var a = utf8.makeIterator(), b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case let (x?, y?): if x.lowercasedASCII != y.lowercasedASCII { return false }
            default: return false
            }
        }
    }

    /// Whether the text starts with `prefix`, ignoring ASCII case.
    func hasPrefixIgnoringASCIICase(_ prefix: some StringProtocol) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ a in
            prefix.utf8.withContiguousStorageIfAvailable { b in
                a.count >= b.count && zip(a, b).allSatisfy { $0.lowercasedASCII == $1.lowercasedASCII }
            }
        }), let found { return found }
        var a = utf8.makeIterator()
        for y in prefix.utf8 {
            guard let x = a.next(), x.lowercasedASCII == y.lowercasedASCII else { return false }
        }
        return true
    }

    /// The text without leading and trailing spaces and tabs (scanned as UTF-8 bytes, not Characters).
    var trimmingLinearWhitespace: Substring {
        let s = Substring(self)
        if let kept = s.utf8.withContiguousStorageIfAvailable({ linearWhitespaceTrimmed($0, 0, $0.count) }) {
            guard !kept.isEmpty else { return s[s.endIndex...] }
            return s[s.utf8Index(at: kept.lowerBound) ..< s.utf8Index(at: kept.upperBound)]
        }
        let bytes = s.utf8
        guard let first = bytes.firstIndex(where: { !$0.isLinearWhitespace }),
              let last = bytes.lastIndex(where: { !$0.isLinearWhitespace }) else { return s[s.endIndex...] }
        return s[first ... last]
    }

    /// ASCII lowercase copy (other bytes unchanged); no work when already lowercase.
    var asciiLowercased: String {
        // Contiguous text (every String and Substring here) is copied once, lowercased on the way, without the
        // generic view iteration and intermediate array (header names and parameters pass here by the thousand).
        if let lowered = utf8.withContiguousStorageIfAvailable({ bytes -> String in
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: bytes, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0 ..< bytes.count { out[i] = bytes[i].lowercasedASCII }
                return bytes.count
            }
        }) { return lowered }
        if !utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return String(self) }
        return String(decoding: utf8.map { $0.lowercasedASCII }, as: UTF8.self)
    }

    /// Whether the text contains `needle` (ASCII), ignoring ASCII case; compared as bytes.
    func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let bytes = Array(utf8)
        guard pattern.count <= bytes.count else { return pattern.isEmpty }
        for start in 0 ... bytes.count - pattern.count {
            var i = 0
            while i < pattern.count && bytes[start + i].lowercasedASCII == pattern[i].lowercasedASCII { i += 1 }
            if i == pattern.count { return true }
        }
        return false
    }
}

extension Substring {
    // Delimiter searches over the UTF-8 bytes (every SIP delimiter is ASCII), not over Characters: grapheme
    // segmentation cost tens of thousands of instructions per header value.

    // Contiguous text (all of it here) is searched as a byte buffer and the offset turned into an index; stepping
    // the UTF-8 view index by index cost tens of instructions a byte.

    /// The index of the byte `offset` bytes after the start.
    @inline(__always)
    func utf8Index(at offset: Int) -> Index { utf8.index(utf8.startIndex, offsetBy: offset) }

    /// Position of the first `byte` (an ASCII delimiter).
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: byte) }) { return found.map(utf8Index(at:)) }
        return utf8.firstIndex(of: byte)
    }
    /// Position of the last `byte` (an ASCII delimiter).
    func lastIndex(ofASCII byte: UInt8) -> Index? {
        if let found = utf8.withContiguousStorageIfAvailable({ $0.lastIndex(of: byte) }) { return found.map(utf8Index(at:)) }
        return utf8.lastIndex(of: byte)
    }
    /// The text after the delimiter at `index`.
    func after(_ index: Index) -> Substring { self[utf8.index(after: index)...] }
    /// Without one pair of enclosing double quotes (when at least two bytes long and quoted at both ends).
    var withoutEnclosingQuotes: Substring {
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "\""), utf8.last == UInt8(ascii: "\"") else { return self }
        return self[utf8.index(after: startIndex) ..< utf8.index(before: endIndex)]
    }
    /// Pieces between `byte` delimiters, with `split`'s meaning of `maxSplits` and `omittingEmptySubsequences`
    /// (empty pieces kept by default).
    func split(atASCII byte: UInt8, maxSplits: Int = .max, omittingEmptySubsequences: Bool = false) -> [Substring] {
        // Over the contiguous bytes by offset (the generic split stepped the UTF-8 view: ~4,000 instructions for
        // a start line); the pieces are then cut from the text by offset.
        guard let pieces = utf8.withContiguousStorageIfAvailable({ bytes in
            pieceRanges(bytes, separator: byte, maxSplits: maxSplits, omittingEmpty: omittingEmptySubsequences)
        }) else {
            return utf8.split(separator: byte, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
                .map { Substring($0) }
        }
        let utf8 = self.utf8
        return pieces.map { piece in
            let lower = utf8Index(at: piece.lowerBound)
            return self[lower ..< utf8.index(lower, offsetBy: piece.count)]
        }
    }
}

/// The offsets of `bytes.split(separator:maxSplits:omittingEmptySubsequences:)`'s pieces (the same rules: empty
/// pieces omitted when asked and then not counted towards `maxSplits`; the rest after the last split is one piece).
func pieceRanges(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, maxSplits: Int, omittingEmpty: Bool) -> [Range<Int>] {
    var pieces: [Range<Int>] = []
    var start = 0, i = 0
    while i < bytes.count && pieces.count < maxSplits {
        if bytes[i] == separator {
            if !(omittingEmpty && i == start) { pieces.append(start ..< i) }
            start = i + 1
        }
        i += 1
    }
    if start != bytes.count || !omittingEmpty { pieces.append(start ..< bytes.count) }
    return pieces
}

/// Splits a header value on `separator` outside double quotes and angle brackets
/// (RFC 3261 §7.3.1: several values of one header, separated by commas).
func splitOutsideQuotes(_ text: Substring, separator: Character) -> [Substring] {
    guard let separatorByte = separator.asciiValue else { return [text] }
    // Scanned as UTF-8 bytes: every delimiter is ASCII, and byte scanning avoids Character segmentation. The
    // contiguous bytes are scanned by offset (stepping a Substring's UTF-8 index cost ~50 instructions a byte).
    let cuts: [Int]? = text.utf8.withContiguousStorageIfAvailable { bytes in
        var cuts: [Int] = []
        var state = QuoteScanner()
        for offset in 0 ..< bytes.count where state.isDelimiter(bytes[offset], separatorByte) { cuts.append(offset) }
        return cuts
    }
    let utf8 = text.utf8
    var parts: [Substring] = []
    var start = utf8.startIndex
    if let cuts {
        for cut in cuts {
            let index = text.utf8Index(at: cut)
            parts.append(text[start..<index])
            start = utf8.index(after: index)
        }
    } else {
        var state = QuoteScanner()
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if state.isDelimiter(utf8[i], separatorByte) {
                parts.append(text[start..<i])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
    }
    parts.append(text[start...])
    return parts
}

/// Where a header value's quoted strings (with backslash escapes) and angle-bracketed addresses are, byte by byte.
struct QuoteScanner {
    private var inQuotes = false, angleDepth = 0, escaped = false

    /// Takes the next byte; true when it is `separator` outside quotes and angle brackets.
    @inline(__always)
    mutating func isDelimiter(_ c: UInt8, _ separator: UInt8) -> Bool {
        if escaped { escaped = false }
        else if inQuotes {
            if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inQuotes = false }
        } else if c == UInt8(ascii: "\"") { inQuotes = true }
        else if c == UInt8(ascii: "<") { angleDepth += 1 }
        else if c == UInt8(ascii: ">") { angleDepth = max(0, angleDepth - 1) }
        else if c == separator && angleDepth == 0 { return true }
        return false
    }
}

/// `name=value` parameters (RFC 3261 §25.1 generic-param), names lowercased, values unquoted.
public struct SIPParameter: Sendable, Hashable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) { self.name = name; self.value = value }
}

func parseParameters(_ pieces: ArraySlice<Substring>) -> [SIPParameter] {
    var out: [SIPParameter] = []
    for piece in pieces {
        let p = piece.trimmingLinearWhitespace
        if p.isEmpty { continue }
        if let eq = p.firstIndex(ofASCII: UInt8(ascii: "=")) {
            let value = p.after(eq).trimmingLinearWhitespace.withoutEnclosingQuotes
            out.append(SIPParameter(name: p[..<eq].trimmingLinearWhitespace.asciiLowercased, value: String(value)))
        } else {
            out.append(SIPParameter(name: p.asciiLowercased, value: nil))
        }
    }
    return out
}

extension Array where Element == SIPParameter {
    /// The value of the first parameter named `name` (case-insensitive); "" for a flag parameter.
    public func value(of name: String) -> String? {
        for p in self where p.name.equalsIgnoringASCIICase(name) { return p.value ?? "" }
        return nil
    }
}
