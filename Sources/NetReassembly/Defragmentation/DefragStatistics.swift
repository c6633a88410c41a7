/// Counters an `IPDefragmenter` keeps for reports. All counts are since creation.
public struct DefragStatistics: Sendable, Hashable {
    /// Fragments passed to `add`.
    public var fragmentsReceived = 0
    /// Datagrams completed and returned.
    public var datagramsReassembled = 0
    /// Incomplete datagrams dropped because their timeout passed (or still incomplete at `flush`).
    public var datagramsTimedOut = 0
    /// Exact duplicate fragments ignored.
    public var duplicateFragments = 0
    /// Fragments that overlapped held data without being exact duplicates.
    public var overlappingFragments = 0
    /// Datagrams discarded because of an overlap (`OverlapPolicy.discardDatagram`) or inconsistent lengths.
    public var datagramsDiscardedMalformed = 0
    /// Datagrams discarded, or fragments refused, because a cap in `Limits` was hit.
    public var droppedByCap = 0
    /// Fragments rejected, per reason.
    public var rejections: [DefragRejection: Int] = [:]
    /// Highest number of bytes held at once.
    public var peakBytesInFlight = 0
    /// Highest number of datagrams tracked at once.
    public var peakDatagramsInFlight = 0

    public init() {}
}
