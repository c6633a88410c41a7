import WireCore

/// Why the stateless decoder stopped early, kept as plain values (no strings) so that `DecodedPacket` stays
/// a trivially copyable value on the per-packet path; `error` spells it out as a `ParseError`.
public struct DecodeStop: Sendable, Hashable {
    /// The `ParseError.Code`s the decoder reports.
    public enum Code: UInt8, Sendable, Hashable {
        case truncated, invalidValue, badLength, unsupported, limitExceeded

        var parseErrorCode: ParseError.Code {
            switch self {
            case .truncated: .truncated
            case .invalidValue: .invalidValue
            case .badLength: .badLength
            case .unsupported: .unsupported
            case .limitExceeded: .limitExceeded
            }
        }
    }

    /// What the decoder saw, for the text of `ParseError.detail`.
    public enum Detail: Sendable, Hashable {
        case none
        case ipv4Header(version: UInt8, headerLength: Int)
        case ipv4TotalLengthBelowHeader
        case ipv6Version(UInt8)
        case tooManyExtensionHeaders(limit: Int)
        case udpLengthBeyondPayload
        case udpLengthBelowHeader
        case tcpDataOffset(Int)
        case tooManyTunnels(limit: Int)
        case greSourceRouting
        case greVersion(UInt16)
        case tunnelProtocol(UInt16)
        case linkType(UInt32)
        case tooManyVLANTags(limit: Int)
        case pppoeVersionType(UInt8)
        case rawIPVersion(UInt8)

        var text: String {
            switch self {
            case .none: ""
            case .ipv4Header(let version, let headerLength): "version \(version), header length \(headerLength)"
            case .ipv4TotalLengthBelowHeader: "total length shorter than header"
            case .ipv6Version(let version): "version \(version)"
            case .tooManyExtensionHeaders(let limit): "more than \(limit) extension headers"
            case .udpLengthBeyondPayload: "UDP length beyond IP payload"
            case .udpLengthBelowHeader: "UDP length below header size"
            case .tcpDataOffset(let words): "data offset \(words)"
            case .tooManyTunnels(let limit): "more than \(limit) nested tunnels"
            case .greSourceRouting: "GRE source routing"
            case .greVersion(let version): "GRE version \(version)"
            case .tunnelProtocol(let value): protocolText(value)
            case .linkType(let value): "link type \(value)"
            case .tooManyVLANTags(let limit): "more than \(limit) VLAN tags"
            case .pppoeVersionType(let value): "PPPoE version/type \(value)"
            case .rawIPVersion(let version): "raw IP with version \(version)"
            }
        }
    }

    public var code: Code
    public var layer: ProtocolLayer
    /// Byte offset in the frame where the problem was seen.
    public var offset: Int
    /// Bytes the structure needed and bytes present, for short reads and length mismatches.
    public var needed: Int?
    public var available: Int?
    public var detail: Detail

    public init(_ code: Code, layer: ProtocolLayer, offset: Int, needed: Int? = nil, available: Int? = nil, detail: Detail = .none) {
        self.code = code; self.layer = layer; self.offset = offset
        self.needed = needed; self.available = available; self.detail = detail
    }

    /// A short read: `needed` bytes at `offset`, only `available` present.
    public static func truncated(_ layer: ProtocolLayer, offset: Int, needed: Int, available: Int) -> DecodeStop {
        DecodeStop(.truncated, layer: layer, offset: offset, needed: needed, available: available)
    }

    /// The same as a `ParseError` (code, layer, offset, sizes and the detail text).
    public var error: ParseError {
        ParseError(code.parseErrorCode, layer: layer, offset: offset, needed: needed, available: available, detail: detail.text)
    }
}
