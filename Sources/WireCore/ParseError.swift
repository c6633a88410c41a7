/// Which protocol layer a decoding problem was found in.
public enum ProtocolLayer: String, Sendable, Hashable, CaseIterable {
    case capture, link, vlan, ipv4, ipv6, ipExtension = "ipv6_extension", tunnel, udp, tcp,
         sip, sdp, rtp, rtcp
}

/// A decoding problem with enough numbers to find it: layer, byte offset, bytes needed vs present.
///
/// Equality uses the code and layer only, so tests can compare without caring about text.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable reasons (open set; new codes do not break sources).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The data ends before the structure does (snaplen cut, truncated file, bad length).
        public static let truncated = Code(rawValue: "truncated")
        /// A field holds a value the protocol does not allow.
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// A length field disagrees with the data around it.
        public static let badLength = Code(rawValue: "bad_length")
        /// A protocol or link type this tool does not decode.
        public static let unsupported = Code(rawValue: "unsupported")
        /// A configured cap was hit (reassembly, message size …).
        public static let limitExceeded = Code(rawValue: "limit_exceeded")
        public var description: String { rawValue }
    }

    public var code: Code
    public var layer: ProtocolLayer
    /// Byte offset from the start of the packet (or message) where the problem was seen.
    public var offset: Int
    /// Bytes the structure needed, when the problem is a short read.
    public var needed: Int?
    /// Bytes that were present.
    public var available: Int?
    public var detail: String

    public init(_ code: Code, layer: ProtocolLayer, offset: Int, needed: Int? = nil, available: Int? = nil, detail: String = "") {
        self.code = code; self.layer = layer; self.offset = offset
        self.needed = needed; self.available = available; self.detail = detail
    }

    /// A short read: `needed` bytes at `offset`, only `available` present.
    public static func truncated(_ layer: ProtocolLayer, offset: Int, needed: Int, available: Int) -> ParseError {
        ParseError(.truncated, layer: layer, offset: offset, needed: needed, available: available)
    }

    /// The skipped-packet reason key used in reports, e.g. `ipv4_truncated`.
    public var reasonKey: String { "\(layer.rawValue)_\(code.rawValue)" }

    public static func == (lhs: ParseError, rhs: ParseError) -> Bool { lhs.code == rhs.code && lhs.layer == rhs.layer }
    public func hash(into hasher: inout Hasher) { hasher.combine(code); hasher.combine(layer) }

    public var description: String {
        var text = "\(layer.rawValue): \(code.rawValue) at byte \(offset)"
        if let needed, let available { text += " (needed \(needed) bytes, \(available) present)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
