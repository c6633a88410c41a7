import WireCore

/// One fragment to build: `data` goes at byte `offset` of the original IP payload.
/// Build overlapping or gapped sets by hand for overlap/missing tests.
public struct FragmentSpec: Sendable, Hashable {
    /// Byte offset in the original payload (a multiple of 8 except for deliberately malformed tests).
    public var offset: Int
    public var data: [UInt8]
    public var moreFragments: Bool

    public init(offset: Int, data: [UInt8], moreFragments: Bool) {
        self.offset = offset; self.data = data; self.moreFragments = moreFragments
    }
}

/// Builds IP fragments (RFC 791 §2.3 for IPv4, RFC 8200 §4.5 for IPv6) from an upper-layer payload.
public enum IPFragmenter {
    /// Splits `payload` in order into pieces of at most `maxPieceLength` bytes (rounded down to a multiple of 8,
    /// at least 8); every piece but the last has More Fragments set.
    public static func split(_ payload: [UInt8], maxPieceLength: Int) -> [FragmentSpec] {
        let step = max(8, maxPieceLength / 8 * 8)
        var specs: [FragmentSpec] = []
        var offset = 0
        repeat {
            let end = min(payload.count, offset + step)
            specs.append(FragmentSpec(offset: offset, data: Array(payload[offset..<end]), moreFragments: end < payload.count))
            offset = end
        } while offset < payload.count
        return specs
    }

    /// Full IPv4 packets, one per spec, each a copy of `header` with offset/MF set and carrying `proto`.
    public static func ipv4Fragments(header: IPv4Header, protocol proto: UInt8, specs: [FragmentSpec]) -> [[UInt8]] {
        specs.map { spec in
            var h = header
            h.fragmentOffset = spec.offset
            h.moreFragments = spec.moreFragments
            return h.packet(protocol: proto, payload: spec.data)
        }
    }

    /// Full IPv6 packets, one per spec: `header`'s extension headers form the unfragmentable part, then a
    /// Fragment header with `identification`, then the piece of the payload of protocol `proto`.
    public static func ipv6Fragments(header: IPv6Header, protocol proto: UInt8, identification: UInt32, specs: [FragmentSpec]) -> [[UInt8]] {
        specs.map { spec in
            var h = header
            h.extensionHeaders.append(.fragment(offset: spec.offset, moreFragments: spec.moreFragments, identification: identification))
            return h.packet(protocol: proto, payload: spec.data)
        }
    }
}
