/// An IPv4 or IPv6 address stored inline (no allocation), usable as a dictionary key.
public struct IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Two 64-bit halves rather than a UInt128: 8-byte alignment keeps the address at 24 bytes (a UInt128's
    // 16-byte alignment padded it to 32), which matters in the per-packet decoded headers and stream keys.
    /// Upper and lower 64 bits of `bits`.
    public let high: UInt64
    public let low: UInt64
    public let isIPv6: Bool

    /// The address as a 128-bit number; IPv4 addresses occupy the low 32 bits.
    @inlinable public var bits: UInt128 { UInt128(high) << 64 | UInt128(low) }

    @inlinable public init(ipv4 value: UInt32) { high = 0; low = UInt64(value); isIPv6 = false }
    @inlinable public init(ipv6 value: UInt128) {
        high = UInt64(truncatingIfNeeded: value >> 64); low = UInt64(truncatingIfNeeded: value); isIPv6 = true
    }

    /// The IPv4 value, or nil for IPv6.
    @inlinable public var ipv4: UInt32? { isIPv6 ? nil : UInt32(truncatingIfNeeded: low) }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.isIPv6 != rhs.isIPv6 { return !lhs.isIPv6 }
        return lhs.bits < rhs.bits
    }

    /// Parses dotted-quad IPv4 or RFC 4291/5952 IPv6 text (with `::`, and an embedded IPv4 tail).
    public init?(_ text: some StringProtocol) {
        // Searched and split as UTF-8 bytes: `String.contains` with a string argument and Character splitting cost
        // ~10,000 instructions per address (one per SDP connection line).
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let v = IPAddress.parseIPv6(Substring(text)) else { return nil }
            self.init(ipv6: v)
        } else {
            guard let v = IPAddress.parseIPv4(Substring(text)) else { return nil }
            self.init(ipv4: v)
        }
    }

    static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let octet = UInt32(Substring(part)), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseIPv6(_ text: Substring) -> UInt128? {
        var text = text
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // zone id
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ s: Substring) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    out.append(UInt16(v4 >> 16)); out.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let g = UInt16(piece, radix: 16) else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all: [UInt16]
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        var value: UInt128 = 0
        for g in all { value = value << 16 | UInt128(g) }
        return value
    }

    /// Dotted quad for IPv4; RFC 5952 canonical text for IPv6.
    public var description: String {
        if let v4 = ipv4 {
            return String(unsafeUninitializedCapacity: 15) { IPAddress.writeDottedQuad(v4, into: $0, at: 0) }
        }
        var groups: [UInt16] = []
        for i in stride(from: 7, through: 0, by: -1) { groups.append(UInt16(truncatingIfNeeded: bits >> (UInt128(i) * 16))) }
        // Longest run (length >= 2) of zero groups, first one on ties.
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && groups[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                let length = i - runStart
                if length > bestLength && length >= 2 { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}

extension Substring {
    /// Splits on the first `::` only (IPv6 zero compression).
    fileprivate func components(separatedByDoubleColon _: Void) -> [Substring] {
        var i = startIndex
        while i < endIndex {
            let next = index(after: i)
            if self[i] == ":" && next < endIndex && self[next] == ":" {
                let rest = self[index(after: next)...]
                if rest.contains("::") { return [self, "", ""] }  // more than one "::": invalid
                return [self[startIndex..<i], rest]
            }
            i = next
        }
        return [self]
    }
}

/// An IP address and a transport port.
public struct Endpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var address: IPAddress
    public var port: UInt16

    @inlinable public init(_ address: IPAddress, _ port: UInt16) { self.address = address; self.port = port }

    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        lhs.address != rhs.address ? lhs.address < rhs.address : lhs.port < rhs.port
    }

    /// `1.2.3.4:5060` or `[2001:db8::1]:5060`.
    public var description: String {
        guard let v4 = address.ipv4 else { return "[\(address)]:\(port)" }
        return String(unsafeUninitializedCapacity: 21) { buffer in
            var at = IPAddress.writeDottedQuad(v4, into: buffer, at: 0)
            buffer[at] = UInt8(ascii: ":")
            at += 1
            return DecimalText.write(UInt64(port), into: buffer, at: at)
        }
    }
}

/// Transport protocol numbers used in flow keys (IANA protocol numbers).
public enum TransportProtocol: UInt8, Sendable, Hashable {
    case tcp = 6
    case udp = 17
}

/// A directed transport flow: source → destination over a protocol.
public struct FlowKey: Hashable, Sendable, CustomStringConvertible {
    public var source: Endpoint
    public var destination: Endpoint
    public var transport: TransportProtocol

    @inlinable public init(source: Endpoint, destination: Endpoint, transport: TransportProtocol) {
        self.source = source; self.destination = destination; self.transport = transport
    }

    /// The same flow seen from the other side.
    @inlinable public var reversed: FlowKey { FlowKey(source: destination, destination: source, transport: transport) }

    /// A direction-independent key (the smaller endpoint first), for connection tables.
    @inlinable public var canonical: FlowKey { source <= destination ? self : reversed }

    public var description: String { "\(source) → \(destination) \(transport == .tcp ? "TCP" : "UDP")" }
}

extension IPAddress {
    /// Writes `a.b.c.d` at `at`; returns the index after it (at most 15 bytes).
    static func writeDottedQuad(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var at = start
        for shift in stride(from: 24, through: 0, by: -8) {
            if shift != 24 { buffer[at] = UInt8(ascii: "."); at += 1 }
            at = DecimalText.write(UInt64(value >> UInt32(shift) & 0xFF), into: buffer, at: at)
        }
        return at
    }
}
