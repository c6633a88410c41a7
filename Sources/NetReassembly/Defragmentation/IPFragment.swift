import WireCore

/// Identifies the datagram a fragment belongs to: RFC 791 §3.2 (source, destination, protocol, identification)
/// for IPv4, RFC 8200 §4.5 (source, destination, identification) for IPv6. For IPv6 pass the Fragment header's
/// Next Header field as `protocolNumber` (every fragment carries the same value).
public struct IPFragmentKey: Hashable, Sendable, CustomStringConvertible {
    public var source: IPAddress
    public var destination: IPAddress
    /// 16-bit IPv4 identification or 32-bit IPv6 Fragment header identification.
    public var identification: UInt32
    public var protocolNumber: UInt8

    @inlinable public init(source: IPAddress, destination: IPAddress, identification: UInt32, protocolNumber: UInt8) {
        self.source = source; self.destination = destination
        self.identification = identification; self.protocolNumber = protocolNumber
    }

    public var description: String { "\(source) → \(destination) id \(identification) proto \(protocolNumber)" }
}

/// One fragment as decoded from a packet: its place in the original payload and its borrowed bytes.
///
/// `payload` is only read during `IPDefragmenter.add`; it is copied into pooled storage when kept.
public struct IPFragment {
    public var key: IPFragmentKey
    /// Byte offset of `payload` in the reassembled payload (the header's fragment offset × 8).
    public var offset: Int
    /// The More Fragments flag (IPv4 MF bit, IPv6 M flag).
    public var moreFragments: Bool
    /// The fragment's data: the part after the IPv4 header / after the IPv6 Fragment header.
    public var payload: UnsafeRawBufferPointer

    @inlinable public init(key: IPFragmentKey, offset: Int, moreFragments: Bool, payload: UnsafeRawBufferPointer) {
        self.key = key; self.offset = offset; self.moreFragments = moreFragments; self.payload = payload
    }
}

/// A datagram put back together from its fragments.
public struct ReassembledDatagram: Sendable {
    public var key: IPFragmentKey
    /// The reassembled payload, offset 0 first: for IPv4 the datagram's payload (e.g. UDP header + data); for IPv6
    /// the Fragmentable Part, which may still start with extension headers (decode it from `key.protocolNumber`).
    /// Return it with `IPDefragmenter.recycle(_:)` when done to reuse the storage.
    public var payload: [UInt8]
    /// Number of distinct fragments used (exact duplicates not counted).
    public var fragmentCount: Int
    /// Capture time of the first fragment that arrived.
    public var firstFragmentTime: Timestamp
}

/// Why a fragment was not used.
public enum DefragRejection: String, Sendable, Hashable, CaseIterable {
    /// Offset not a multiple of 8, or a non-last fragment whose length is zero or not a multiple of 8
    /// (RFC 791 §3.2; RFC 8200 §4.5). Only this fragment is dropped.
    case invalidFragment = "invalid_fragment"
    /// The fragment overlaps data already held with different bytes or bounds; under
    /// `OverlapPolicy.discardDatagram` the whole datagram is discarded (RFC 5722 §4).
    case overlap
    /// Fragments disagree about the datagram's end (two different last fragments, or data after the last).
    case inconsistentLength = "inconsistent_length"
    /// More than `Limits.maxFragmentsPerDatagram` fragments.
    case tooManyFragments = "too_many_fragments"
    /// The datagram would end beyond `Limits.maxDatagramBytes`.
    case datagramTooLarge = "datagram_too_large"
    /// `Limits.maxDatagramsInFlight` datagrams are already being reassembled.
    case datagramsInFlightLimit = "datagrams_in_flight_limit"
    /// Holding the fragment would exceed `Limits.maxBytesInFlight`.
    case bytesInFlightLimit = "bytes_in_flight_limit"
    /// The datagram was discarded earlier (overlap or cap); its remaining fragments are dropped until the timeout.
    case datagramDiscarded = "datagram_discarded"
}

/// What `IPDefragmenter.add` did with a fragment.
public enum DefragResult: Sendable {
    /// Kept (or an exact duplicate ignored); the datagram is not complete yet.
    case needMore
    /// The fragment completed its datagram.
    case complete(ReassembledDatagram)
    /// The fragment was not used.
    case rejected(DefragRejection)
}
