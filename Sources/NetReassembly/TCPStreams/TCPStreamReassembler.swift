import WireCore

/// Turns TCP segments into per-direction byte streams in sequence order (enough for SIP over TCP, RFC 3261 §18.3):
/// retransmitted and overlapping bytes are dropped (first copy wins), out-of-order segments are buffered, and a
/// hole that is not filled in time (or that would exceed a buffer cap) is skipped with a `.gap` event so the
/// stream resumes. Sequence numbers use RFC 1982 serial arithmetic (`SerialNumber32`), so wrap at 2^32 is handled.
///
/// A stream starts at the SYN, or mid-stream at the first segment carrying data when the SYN was not captured
/// (bytes before that segment are never delivered). It ends at its FIN (once every byte before it was delivered),
/// on a RST in either direction, after `Limits.idleTimeout` of capture time, or when evicted for room.
///
/// In-order segments are delivered straight from the caller's buffer (zero copy); only segments that arrive ahead
/// of a hole are copied, into pooled storage. Memory is bounded by the caps in `Limits`, never by capture length.
/// A single-owner value: not thread-safe, no locks.
public struct TCPStreamReassembler {
    public struct Limits: Sendable, Hashable {
        /// Bytes buffered ahead of a hole in one direction before the hole is skipped.
        public var maxBufferedBytesPerStream: Int = 256 << 10
        /// Bytes buffered across all streams; the stream that pushes past it skips its holes.
        public var maxBufferedBytesTotal: Int = 32 << 20
        /// Directions tracked at once; the least recently active one is evicted to make room.
        public var maxStreams: Int = 16_384
        /// A direction with no segment for this long (capture time) is closed.
        public var idleTimeout: Duration = .seconds(120)
        /// How long a hole is waited for (capture time) before it is skipped; covers retransmission timeouts.
        public var gapTimeout: Duration = .seconds(3)

        public init() {}
    }

    /// Bookkeeping cost charged per buffered segment on top of its payload, so many tiny segments also hit the caps.
    public static let perSegmentOverhead = 64

    public let limits: Limits
    public private(set) var statistics = TCPReassemblyStatistics()
    /// Bytes currently buffered (payload plus `perSegmentOverhead` per segment).
    public private(set) var bufferedBytes = 0
    /// Directions currently tracked.
    public var streamCount: Int { streams.count }

    private var streams: [FlowKey: HalfStream] = [:]
    private var pool = ByteBufferPool(maxPooled: 64)
    private let idleNanoseconds: Int64
    private let gapNanoseconds: Int64
    private let sweepInterval: Int64
    /// Streams are only scanned for idleness and stale holes once capture time reaches this.
    private var nextSweep = Timestamp(nanoseconds: .min)
    private var sweepKeys: [FlowKey] = []

    public init(limits: Limits = Limits()) {
        self.limits = limits
        self.idleNanoseconds = Self.nanoseconds(limits.idleTimeout)
        self.gapNanoseconds = Self.nanoseconds(limits.gapTimeout)
        self.sweepInterval = max(1_000_000, min(idleNanoseconds, gapNanoseconds) / 2)
    }

    /// Adds one segment and reports, through `deliver`, every event it causes (for its own flow and, on RST or
    /// timeouts, for others), in stream order per flow.
    public mutating func add(_ segment: TCPSegmentInput, deliver: (TCPStreamEvent) -> Void) {
        statistics.segments += 1
        statistics.payloadBytes += segment.payload.count
        let time = segment.time
        if time >= nextSweep { sweep(now: time, deliver: deliver) }
        if segment.flags.contains(.rst) { return reset(segment.flow, at: time, deliver: deliver) }

        let flow = segment.flow
        let isSYN = segment.flags.contains(.syn)
        let headerSequence = SerialNumber32(segment.sequence)
        let dataStart = headerSequence.advanced(by: isSYN ? 1 : 0)
        // The stream is swapped out of its table slot while it is worked on (one hash lookup per segment);
        // nothing below inserts into or removes from the table until it is swapped back.
        var stream = HalfStream.placeholder
        var slot: Dictionary<FlowKey, HalfStream>.Index?
        if let index = streams.index(forKey: flow) {
            if isSYN && streams.values[index].synSequence != headerSequence {
                var old = streams.remove(at: index).value
                close(&old, flow: flow, reason: .replaced, now: time, deliver: deliver)
                stream = open(flow: flow, at: dataStart, syn: headerSequence, time: time, deliver: deliver)
            } else {
                swap(&stream, &streams.values[index])
                slot = index
            }
        } else {
            // A bare ACK or FIN does not start a stream: its sequence number may be one before the data (keep-alive).
            guard isSYN || !segment.payload.isEmpty else { return }
            stream = open(flow: flow, at: dataStart, syn: isSYN ? headerSequence : nil, time: time, deliver: deliver)
        }
        stream.lastActivity = time

        if !segment.payload.isEmpty {
            accept(segment.payload, at: dataStart, into: &stream, flow: flow, time: time, deliver: deliver)
        }
        if segment.flags.contains(.fin) && stream.finSequence == nil {
            stream.finSequence = dataStart.advanced(by: segment.payload.count)
            if stream.waitingSince == nil && stream.hasHole { stream.waitingSince = time }
        }
        if let waiting = stream.waitingSince, time.nanoseconds &- waiting.nanoseconds >= gapNanoseconds {
            forceGap(&stream, flow: flow, now: time, cause: .timeout, deliver: deliver)
        }
        if stream.reachedFIN {
            if let slot { streams.remove(at: slot) }
            close(&stream, flow: flow, reason: .fin, now: time, deliver: deliver)
        } else if let slot {
            swap(&stream, &streams.values[slot])
        } else {
            streams[flow] = stream
        }
    }

    /// Closes idle streams and skips holes waited on longer than `gapTimeout`, as of capture time `now`.
    /// `add` does this itself as time advances; call it when time passes without segments.
    public mutating func evictExpired(now: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        sweep(now: now, deliver: deliver)
    }

    /// Ends every stream (end of capture): buffered data is delivered after `.gap` events, then `.closed(.endOfCapture)`.
    public mutating func finish(at time: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        sweepKeys.removeAll(keepingCapacity: true)
        sweepKeys.append(contentsOf: streams.keys)
        sweepKeys.sort(by: Self.flowOrder)
        for key in sweepKeys {
            guard var stream = streams.removeValue(forKey: key) else { continue }
            close(&stream, flow: key, reason: .endOfCapture, now: time, deliver: deliver)
        }
    }

    // MARK: - Segment handling

    private enum GapCause { case cap, timeout, close }

    private mutating func open(flow: FlowKey, at start: SerialNumber32, syn: SerialNumber32?, time: Timestamp,
                               deliver: (TCPStreamEvent) -> Void) -> HalfStream {
        if streams.count >= limits.maxStreams { makeRoom(now: time, deliver: deliver) }
        statistics.streamsOpened += 1
        statistics.peakStreams = max(statistics.peakStreams, streams.count + 1)
        var stream = HalfStream(nextSequence: start, time: time)
        stream.synSequence = syn
        return stream
    }

    /// Delivers what is in order now, drops what was seen, buffers what is ahead of a hole.
    private mutating func accept(_ payload: UnsafeRawBufferPointer, at start: SerialNumber32, into stream: inout HalfStream,
                                 flow: FlowKey, time: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        let count = payload.count
        let ahead = stream.nextSequence.distance(to: start)
        if ahead <= 0 {
            let seen = -ahead
            guard seen < count else {
                statistics.retransmittedSegments += 1
                statistics.duplicateBytes += count
                return
            }
            statistics.duplicateBytes += seen
            emitData(UnsafeRawBufferPointer(rebasing: payload[seen...]), flow: flow, time: time, deliver: deliver)
            stream.nextSequence = stream.nextSequence.advanced(by: count - seen)
            drain(&stream, flow: flow, now: time, useArrivalTimes: false, deliver: deliver)
            return
        }
        if stream.alreadyBuffers(start: start, count: count) {
            statistics.retransmittedSegments += 1
            statistics.duplicateBytes += count
            return
        }
        var bytes = pool.take()
        bytes.append(contentsOf: payload)
        stream.pending.insert(PendingSegment(start: start, bytes: bytes, arrival: time), at: stream.insertionIndex(for: start))
        let cost = count + Self.perSegmentOverhead
        stream.bufferedBytes += cost
        bufferedBytes += cost
        statistics.peakBufferedBytes = max(statistics.peakBufferedBytes, bufferedBytes)
        statistics.outOfOrderSegments += 1
        if stream.waitingSince == nil { stream.waitingSince = time }
        while !stream.pending.isEmpty
                && (stream.bufferedBytes > limits.maxBufferedBytesPerStream || bufferedBytes > limits.maxBufferedBytesTotal) {
            forceGap(&stream, flow: flow, now: time, cause: .cap, deliver: deliver)
        }
    }

    /// Delivers buffered segments that the in-order point has reached, trimming bytes already delivered.
    /// Their event time is their own arrival after a skipped gap, otherwise the later of arrival and `now`.
    private mutating func drain(_ stream: inout HalfStream, flow: FlowKey, now: Timestamp, useArrivalTimes: Bool,
                                deliver: (TCPStreamEvent) -> Void) {
        while let first = stream.pending.first, stream.nextSequence.distance(to: first.start) <= 0 {
            var segment = stream.pending.removeFirst()
            let cost = segment.bytes.count + Self.perSegmentOverhead
            stream.bufferedBytes -= cost
            bufferedBytes -= cost
            let seen = segment.start.distance(to: stream.nextSequence)
            if seen < segment.bytes.count {
                statistics.duplicateBytes += seen
                let time = useArrivalTimes ? segment.arrival : max(segment.arrival, now)
                segment.bytes.withUnsafeBytes { bytes in
                    emitData(UnsafeRawBufferPointer(rebasing: bytes[seen...]), flow: flow, time: time, deliver: deliver)
                }
                stream.nextSequence = stream.nextSequence.advanced(by: segment.bytes.count - seen)
            } else {
                statistics.duplicateBytes += segment.bytes.count
            }
            pool.recycle(&segment.bytes)
        }
        stream.waitingSince = stream.hasHole ? now : nil
    }

    /// Skips the first hole (up to the next buffered segment, or up to the FIN) and delivers what follows it.
    private mutating func forceGap(_ stream: inout HalfStream, flow: FlowKey, now: Timestamp, cause: GapCause,
                                   deliver: (TCPStreamEvent) -> Void) {
        let target: SerialNumber32
        if let first = stream.pending.first {
            target = first.start
        } else if let fin = stream.finSequence, stream.nextSequence.distance(to: fin) > 0 {
            target = fin
        } else {
            stream.waitingSince = nil
            return
        }
        let missing = stream.nextSequence.distance(to: target)
        statistics.gaps += 1
        statistics.gapBytes += missing
        switch cause {
        case .cap: statistics.gapsForcedByCap += 1
        case .timeout: statistics.gapsForcedByTimeout += 1
        case .close: statistics.gapsAtClose += 1
        }
        deliver(TCPStreamEvent(flow: flow, time: now, kind: .gap(bytes: missing)))
        stream.nextSequence = target
        drain(&stream, flow: flow, now: now, useArrivalTimes: true, deliver: deliver)
    }

    private mutating func emitData(_ bytes: UnsafeRawBufferPointer, flow: FlowKey, time: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        statistics.bytesDelivered += bytes.count
        deliver(TCPStreamEvent(flow: flow, time: time, kind: .data(bytes)))
    }

    // MARK: - Stream lifetime

    /// Ends a stream already removed from the table: buffered data is delivered behind gaps, then `.closed`.
    private mutating func close(_ stream: inout HalfStream, flow: FlowKey, reason: TCPCloseReason, now: Timestamp,
                                deliver: (TCPStreamEvent) -> Void) {
        while !stream.pending.isEmpty { forceGap(&stream, flow: flow, now: now, cause: .close, deliver: deliver) }
        statistics.closures[reason, default: 0] += 1
        deliver(TCPStreamEvent(flow: flow, time: now, kind: .closed(reason)))
    }

    /// A RST ends both directions of the connection.
    private mutating func reset(_ flow: FlowKey, at time: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        if var stream = streams.removeValue(forKey: flow) {
            close(&stream, flow: flow, reason: .reset, now: time, deliver: deliver)
        }
        let reverse = flow.reversed
        if var stream = streams.removeValue(forKey: reverse) {
            close(&stream, flow: reverse, reason: .reset, now: time, deliver: deliver)
        }
    }

    /// Frees a slot: idle streams first, else the least recently active stream.
    private mutating func makeRoom(now: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        sweep(now: now, deliver: deliver)
        guard streams.count >= limits.maxStreams else { return }
        var oldest: (key: FlowKey, time: Timestamp)?
        for (key, stream) in streams where oldest.map({ stream.lastActivity < $0.time }) ?? true {
            oldest = (key, stream.lastActivity)
        }
        guard let victim = oldest?.key, var stream = streams.removeValue(forKey: victim) else { return }
        close(&stream, flow: victim, reason: .evicted, now: now, deliver: deliver)
    }

    /// Closes idle streams and skips stale holes; flows are visited in a fixed order so output is deterministic.
    private mutating func sweep(now: Timestamp, deliver: (TCPStreamEvent) -> Void) {
        nextSweep = Timestamp(nanoseconds: now.nanoseconds &+ sweepInterval)
        sweepKeys.removeAll(keepingCapacity: true)
        for (key, stream) in streams where isIdle(stream, now: now) || isStale(stream, now: now) {
            sweepKeys.append(key)
        }
        guard !sweepKeys.isEmpty else { return }
        sweepKeys.sort(by: Self.flowOrder)
        for key in sweepKeys {
            guard var stream = streams.removeValue(forKey: key) else { continue }
            if isIdle(stream, now: now) {
                close(&stream, flow: key, reason: .idleTimeout, now: now, deliver: deliver)
                continue
            }
            forceGap(&stream, flow: key, now: now, cause: .timeout, deliver: deliver)
            if stream.reachedFIN {
                close(&stream, flow: key, reason: .fin, now: now, deliver: deliver)
            } else {
                streams[key] = stream
            }
        }
    }

    private func isIdle(_ stream: HalfStream, now: Timestamp) -> Bool {
        now.nanoseconds &- stream.lastActivity.nanoseconds >= idleNanoseconds
    }

    private func isStale(_ stream: HalfStream, now: Timestamp) -> Bool {
        stream.waitingSince.map { now.nanoseconds &- $0.nanoseconds >= gapNanoseconds } ?? false
    }

    private static func flowOrder(_ a: FlowKey, _ b: FlowKey) -> Bool {
        a.source != b.source ? a.source < b.source : a.destination < b.destination
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
