import SIPKit
import WireCore

extension AnalysisResult {
    /// Merges the results of files analysed independently, in file order (`parts[i]` is file `i`).
    ///
    /// - captures are concatenated; skip counters and diagnostics tied to a packet get their file index;
    /// - calls are ordered by first INVITE time (ties: file, then the file's own order);
    /// - streams are ordered by first packet (ties: file, then the file's own order) and renumbered
    ///   `s1` … `sN`, with `streamIDsByCall` rewritten to the new ids;
    /// - SIP statistics are summed (the average setup time is the count-weighted mean of the files'
    ///   averages, truncated to whole ms: each file's average is already truncated, so it can differ by
    ///   1 ms from a single pass); registrations are ordered by first request time;
    /// - signalling metrics are recomputed from the merged calls and registrations (RFC 6076 ratios
    ///   are not averages of the files' ratios).
    /// Jitter-buffer names and the reference index are the first part's (every part uses one configuration).
    /// An empty `parts` gives an empty result.
    public static func merging(_ parts: [AnalysisResult]) -> AnalysisResult {
        guard var merged = parts.first else {
            return AnalysisResult(captures: [], sip: SIPAnalysisResult.empty, streams: [], streamIDsByCall: [:],
                                  diagnostics: [], jitterBufferNames: [], referenceBufferIndex: 0)
        }
        if parts.count == 1 { return merged }
        merged.captures = parts.enumerated().flatMap { file, part in
            part.captures.map { entry in
                var entry = entry
                entry.skipped = entry.skipped.relocated(toFile: file)
                return entry
            }
        }
        merged.sip = mergeSIP(parts.map(\.sip))
        (merged.streams, merged.streamIDsByCall) = mergeStreams(parts)
        merged.diagnostics = parts.enumerated().flatMap { file, part in
            part.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.file != nil || diagnostic.packet != nil { diagnostic.file = file }
                return diagnostic
            }
        }
        return merged
    }

    /// Streams by (first packet, file, position in file), renumbered; call links rewritten.
    private static func mergeStreams(_ parts: [AnalysisResult]) -> ([StreamResult], [String: [String]]) {
        var entries: [(stream: StreamResult, file: Int, position: Int)] = []
        for (file, part) in parts.enumerated() {
            for (position, stream) in part.streams.enumerated() { entries.append((stream, file, position)) }
        }
        entries.sort {
            ($0.stream.summary.firstPacket, $0.file, $0.position) < ($1.stream.summary.firstPacket, $1.file, $1.position)
        }
        var newIDs: [[String: String]] = Array(repeating: [:], count: parts.count)
        var streams: [StreamResult] = []
        streams.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var stream = entry.stream
            stream.id = "s\(index + 1)"
            newIDs[entry.file][entry.stream.id] = stream.id
            streams.append(stream)
        }
        // Rebuilt in stream order so each call's ids stay in first-packet order, as a single pass lists them.
        var idsByCall: [String: [String]] = [:]
        for stream in streams {
            guard let call = stream.callID else { continue }
            idsByCall[call, default: []].append(stream.id)
        }
        // Ids a part linked to a call without the stream carrying that Call-ID (none today) are kept too.
        for (file, part) in parts.enumerated() {
            for (call, ids) in part.streamIDsByCall {
                for id in ids {
                    guard let newID = newIDs[file][id], idsByCall[call]?.contains(newID) != true else { continue }
                    idsByCall[call, default: []].append(newID)
                }
            }
        }
        return (streams, idsByCall)
    }

    /// Calls by INVITE time, counters summed, metrics recomputed.
    private static func mergeSIP(_ parts: [SIPAnalysisResult]) -> SIPAnalysisResult {
        var calls: [(record: CallRecord, file: Int, position: Int)] = []
        var registrations: [(outcome: RegistrationOutcome, file: Int, position: Int)] = []
        for (file, part) in parts.enumerated() {
            for (position, call) in part.calls.enumerated() { calls.append((call, file, position)) }
            for (position, outcome) in part.registrations.enumerated() { registrations.append((outcome, file, position)) }
        }
        calls.sort { ($0.record.inviteTime, $0.file, $0.position) < ($1.record.inviteTime, $1.file, $1.position) }
        registrations.sort {
            ($0.outcome.firstRequestTime, $0.file, $0.position) < ($1.outcome.firstRequestTime, $1.file, $1.position)
        }
        var merged = parts[0]
        merged.calls = calls.map(\.record)
        merged.registrations = registrations.map(\.outcome)
        merged.metrics = SignallingMetrics(calls: merged.calls, registrations: merged.registrations)
        merged.sipStatistics = SIPStatistics.summing(parts.map(\.sipStatistics))
        merged.diagnostics = parts.flatMap(\.diagnostics)
        merged.diagnosticCounts = parts.reduce(into: [:]) { counts, part in
            counts.merge(part.diagnosticCounts, uniquingKeysWith: +)
        }
        merged.unmatchedMessages = parts.reduce(0) { $0 + $1.unmatchedMessages }
        return merged
    }
}

extension SIPStatistics {
    /// The counters of several independent captures added up (see `AnalysisResult.merging` for the average).
    static func summing(_ parts: [SIPStatistics]) -> SIPStatistics {
        var total = SIPStatistics(messages: 0, resentMessages: 0, responsesByCode: [:], requestsByMethod: [:],
                                  setupTimeCount: 0, averageSetupTimeMs: 0, minSetupTimeMs: 0, maxSetupTimeMs: 0)
        var weightedSum = 0
        for part in parts {
            total.messages += part.messages
            total.resentMessages += part.resentMessages
            total.responsesByCode.merge(part.responsesByCode, uniquingKeysWith: +)
            total.requestsByMethod.merge(part.requestsByMethod, uniquingKeysWith: +)
            guard part.setupTimeCount > 0 else { continue }
            total.minSetupTimeMs = total.setupTimeCount == 0 ? part.minSetupTimeMs : min(total.minSetupTimeMs, part.minSetupTimeMs)
            total.maxSetupTimeMs = total.setupTimeCount == 0 ? part.maxSetupTimeMs : max(total.maxSetupTimeMs, part.maxSetupTimeMs)
            total.setupTimeCount += part.setupTimeCount
            weightedSum += part.averageSetupTimeMs * part.setupTimeCount
        }
        if total.setupTimeCount > 0 { total.averageSetupTimeMs = weightedSum / total.setupTimeCount }
        return total
    }
}

extension SIPAnalysisResult {
    /// The SIP result of a capture without SIP.
    static var empty: SIPAnalysisResult {
        var tracker = CallTracker()
        return tracker.finish(at: .zero)
    }
}
