import WireCore

/// Reassembles IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) fragments with hard caps, so a hostile capture
/// cannot exhaust memory, and a timeout measured in capture time.
///
/// Feed every fragment (MF set or offset non-zero) with `add(_:at:)`; unfragmented packets never need to pass
/// through. A single-owner value: not thread-safe, no locks. Memory is bounded by `Limits.maxBytesInFlight`
/// plus `Limits.maxDatagramsInFlight` small entries, never by capture length.
public struct IPDefragmenter {
    public struct Limits: Sendable, Hashable {
        /// Distinct fragments per datagram before it is discarded.
        public var maxFragmentsPerDatagram: Int = 64
        /// Largest reassembled payload, in bytes (IP total/payload length is a 16-bit field).
        public var maxDatagramBytes: Int = 65_535
        /// Datagrams tracked at once (discarded ones count until their timeout).
        public var maxDatagramsInFlight: Int = 1_024
        /// Bytes held across all datagrams.
        public var maxBytesInFlight: Int = 8 << 20
        /// Time from a datagram's first fragment after which it is abandoned, in capture time. RFC 791 §3.2
        /// recommends an initial timer of 15 s, RFC 8200 §4.5 abandons IPv6 reassembly after 60 s; Linux uses 30 s.
        public var timeout: Duration = .seconds(30)
        public var overlapPolicy: OverlapPolicy = .discardDatagram

        public init() {}
    }

    public let limits: Limits
    public private(set) var statistics = DefragStatistics()
    /// Bytes currently held for incomplete datagrams.
    public private(set) var bytesInFlight = 0
    /// Datagrams currently tracked (including discarded ones remembered until their timeout).
    public var datagramsInFlight: Int { datagrams.count }

    private var datagrams: [IPFragmentKey: PendingDatagram] = [:]
    private var pool: ByteBufferPool
    private var rangePool = ArrayPool<Range<Int>>(maxPooled: 16)
    /// Scratch list reused by `evictExpired` (no allocation per sweep once warm).
    private var expiredKeys: [IPFragmentKey] = []
    private let timeoutNanoseconds: Int64
    /// No datagram can expire before this capture time, so `add` only sweeps once it is reached.
    private var nextExpiry = Timestamp(nanoseconds: .max)

    public init(limits: Limits = Limits()) {
        self.limits = limits
        let (seconds, attoseconds) = limits.timeout.components
        self.timeoutNanoseconds = seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
        self.pool = ByteBufferPool(maxPooled: 16)
    }

    /// Adds one fragment seen at capture time `time` and says whether its datagram is now complete.
    /// Expired datagrams are dropped first, so results do not depend on how often `evictExpired` is called.
    public mutating func add(_ fragment: IPFragment, at time: Timestamp) -> DefragResult {
        statistics.fragmentsReceived += 1
        if time >= nextExpiry { evictExpired(now: time) }
        let start = fragment.offset
        let length = fragment.payload.count
        guard start >= 0, start % 8 == 0, !fragment.moreFragments || (length > 0 && length % 8 == 0) else {
            return reject(.invalidFragment)
        }
        let key = fragment.key
        let end = start.addingReportingOverflow(length)
        guard !end.overflow, end.partialValue <= limits.maxDatagramBytes else {
            return discard(key, at: time, reason: .datagramTooLarge)
        }
        return insert(fragment, key: key, range: start..<end.partialValue, at: time)
    }

    /// `add` after validation: consistency, overlap policy, caps, copy, completion.
    private mutating func insert(_ fragment: IPFragment, key: IPFragmentKey, range: Range<Int>, at time: Timestamp) -> DefragResult {
        let end = range.upperBound
        guard let index = entryIndex(for: key, at: time) else {
            statistics.droppedByCap += 1
            return reject(.datagramsInFlightLimit)
        }
        if datagrams.values[index].isDiscarded { return reject(.datagramDiscarded) }

        // The datagram's end must stay consistent across fragments.
        let knownEnd = datagrams.values[index].totalLength
        if !fragment.moreFragments {
            if let knownEnd, knownEnd != end { return discard(key, at: time, reason: .inconsistentLength) }
            if datagrams.values[index].buffer.count > end { return discard(key, at: time, reason: .inconsistentLength) }
        } else if let knownEnd, end > knownEnd {
            return discard(key, at: time, reason: .inconsistentLength)
        }

        var partsToCopy: [Range<Int>]? = nil  // nil = the whole fragment
        if datagrams.values[index].coverage.overlaps(range) {
            if datagrams.values[index].coverage.contains(range),
               datagrams.values[index].buffer[range].elementsEqual(fragment.payload) {
                statistics.duplicateFragments += 1
                return .needMore
            }
            statistics.overlappingFragments += 1
            if limits.overlapPolicy == .discardDatagram { return discard(key, at: time, reason: .overlap) }
            partsToCopy = datagrams.values[index].coverage.uncoveredParts(of: range)
        }

        if datagrams.values[index].fragmentCount >= limits.maxFragmentsPerDatagram {
            return discard(key, at: time, reason: .tooManyFragments)
        }
        let growth = max(0, end - datagrams.values[index].buffer.count)
        if bytesInFlight + growth > limits.maxBytesInFlight {
            return discard(key, at: time, reason: .bytesInFlightLimit)
        }

        if !fragment.moreFragments { datagrams.values[index].totalLength = end }
        if partsToCopy?.isEmpty != true {  // a fully covered overlap (first wins) adds no bytes and is not counted
            store(fragment.payload, at: range.lowerBound, parts: partsToCopy, growth: growth, in: index)
        }

        guard let total = datagrams.values[index].totalLength,
              datagrams.values[index].coverage.isComplete(length: total) else { return .needMore }
        var done = datagrams.remove(at: index).value
        rangePool.recycle(&done.coverage.ranges)
        bytesInFlight -= done.buffer.count
        statistics.datagramsReassembled += 1
        return .complete(ReassembledDatagram(key: key, payload: done.buffer, fragmentCount: done.fragmentCount,
                                             firstFragmentTime: done.firstSeen))
    }

    /// Hands a completed datagram's storage back for reuse (optional; saves an allocation per datagram).
    public mutating func recycle(_ datagram: consuming ReassembledDatagram) {
        var storage = datagram
        pool.recycle(&storage.payload)
    }

    /// Drops every datagram whose first fragment is older than the timeout at capture time `now`.
    /// Returns how many incomplete datagrams timed out (discarded entries are forgotten silently).
    @discardableResult
    public mutating func evictExpired(now: Timestamp) -> Int {
        var timedOut = 0
        var earliest = Int64.max
        expiredKeys.removeAll(keepingCapacity: true)
        for (key, entry) in datagrams {
            let expiry = entry.firstSeen.nanoseconds &+ timeoutNanoseconds
            if expiry <= now.nanoseconds {
                expiredKeys.append(key)
                if !entry.isDiscarded { timedOut += 1 }
            } else {
                earliest = min(earliest, expiry)
            }
        }
        for key in expiredKeys {
            guard let index = datagrams.index(forKey: key) else { continue }
            releaseStorage(at: index)
            datagrams.remove(at: index)
        }
        nextExpiry = Timestamp(nanoseconds: earliest)
        statistics.datagramsTimedOut += timedOut
        return timedOut
    }

    /// Drops everything (end of capture); incomplete datagrams count as timed out. Returns how many.
    @discardableResult
    public mutating func flush() -> Int { evictExpired(now: Timestamp(nanoseconds: .max)) }

    // MARK: - Internals

    /// The table slot for `key`, creating it when there is room.
    private mutating func entryIndex(for key: IPFragmentKey, at time: Timestamp) -> Dictionary<IPFragmentKey, PendingDatagram>.Index? {
        if let index = datagrams.index(forKey: key) { return index }
        if datagrams.count >= limits.maxDatagramsInFlight {
            evictExpired(now: time)
            guard datagrams.count < limits.maxDatagramsInFlight else { return nil }
        }
        datagrams[key] = PendingDatagram(buffer: pool.take(), coverage: Coverage(ranges: rangePool.take()), firstSeen: time)
        nextExpiry = min(nextExpiry, Timestamp(nanoseconds: time.nanoseconds &+ timeoutNanoseconds))
        statistics.peakDatagramsInFlight = max(statistics.peakDatagramsInFlight, datagrams.count)
        return datagrams.index(forKey: key)
    }

    /// Copies the fragment (or just `parts` of it) into the datagram's buffer and marks it covered.
    private mutating func store(_ payload: UnsafeRawBufferPointer, at start: Int, parts: [Range<Int>]?, growth: Int,
                                in index: Dictionary<IPFragmentKey, PendingDatagram>.Index) {
        if growth > 0 { datagrams.values[index].buffer.append(contentsOf: repeatElement(0, count: growth)) }
        bytesInFlight += growth
        statistics.peakBytesInFlight = max(statistics.peakBytesInFlight, bytesInFlight)
        if let parts {
            for part in parts { copy(payload, startingAt: start, part: part, into: index) }
        } else {
            copy(payload, startingAt: start, part: start..<(start + payload.count), into: index)
        }
        datagrams.values[index].fragmentCount += 1
    }

    /// Copies the bytes of `part` (datagram offsets) from a fragment that begins at `start`.
    private mutating func copy(_ payload: UnsafeRawBufferPointer, startingAt start: Int, part: Range<Int>,
                               into index: Dictionary<IPFragmentKey, PendingDatagram>.Index) {
        datagrams.values[index].buffer.withUnsafeMutableBytes { buffer in
            let source = UnsafeRawBufferPointer(rebasing: payload[(part.lowerBound - start)..<(part.upperBound - start)])
            UnsafeMutableRawBufferPointer(rebasing: buffer[part]).copyMemory(from: source)
        }
        datagrams.values[index].coverage.insert(part)
    }

    /// Discards `key`'s datagram: its storage is released and its later fragments are refused until the timeout.
    private mutating func discard(_ key: IPFragmentKey, at time: Timestamp, reason: DefragRejection) -> DefragResult {
        switch reason {
        case .overlap, .inconsistentLength: statistics.datagramsDiscardedMalformed += 1
        default: statistics.droppedByCap += 1
        }
        if let index = datagrams.index(forKey: key) {
            if !datagrams.values[index].isDiscarded {
                releaseStorage(at: index)
                datagrams.values[index].isDiscarded = true
            }
        } else if datagrams.count < limits.maxDatagramsInFlight {
            datagrams[key] = PendingDatagram(buffer: [], firstSeen: time, isDiscarded: true)
            nextExpiry = min(nextExpiry, Timestamp(nanoseconds: time.nanoseconds &+ timeoutNanoseconds))
        }
        return reject(reason)
    }

    /// Moves a datagram's buffer and coverage list back to the pools, leaving the entry with empty ones.
    private mutating func releaseStorage(at index: Dictionary<IPFragmentKey, PendingDatagram>.Index) {
        bytesInFlight -= datagrams.values[index].buffer.count
        pool.recycle(&datagrams.values[index].buffer)
        rangePool.recycle(&datagrams.values[index].coverage.ranges)
    }

    private mutating func reject(_ reason: DefragRejection) -> DefragResult {
        statistics.rejections[reason, default: 0] += 1
        return .rejected(reason)
    }
}
