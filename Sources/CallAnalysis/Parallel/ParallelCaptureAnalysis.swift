import Dispatch
import PcapIngest
import WireCore
import Synchronization

/// Analyses several capture files concurrently, each as an independent capture, then merges the results.
///
/// Use only when the files are independent (different trunks, different days): a call or stream
/// that continues from one file into the next (rotated captures) is analysed as two halves here.
/// `CaptureAnalysis.run(paths:…)` reads such files as one capture in one merged pass.
public enum ParallelCaptureAnalysis {
    /// Runs one `Analyzer` per file on up to `jobs` threads and merges the results in file order
    /// (see `AnalysisResult.merging(_:)`). `jobs` ≤ 1 or a single file analyses each file in turn.
    /// `progress` receives the packets and bytes read so far over all files; calls are serialised.
    /// The first file (in argument order) that fails to open or read decides the thrown error.
    public static func run(paths: [String], configuration: AnalyzerConfiguration = .init(), jobs: Int,
                           progress: ((_ packets: Int, _ bytes: Int) -> Void)? = nil) throws(CaptureError) -> AnalysisResult {
        // Every file's stream statistics measure time from the same origin a single pass would use (the
        // earliest first packet), so relative times round exactly as in `CaptureAnalysis.run`.
        var earliest: Timestamp?
        for path in paths {
            guard let first = try firstPacketTime(of: path) else { continue }
            earliest = min(earliest ?? first, first)
        }
        let origin = earliest
        let outcomes = Mutex<[Result<AnalysisResult, CaptureError>?]>(Array(repeating: nil, count: paths.count))
        let next = Atomic<Int>(0)
        let totals = Mutex<(packets: Int, bytes: Int)>((0, 0))
        nonisolated(unsafe) let report = progress
        // Each worker pulls the next file index and owns that file's Analyzer from start to finish.
        let workers = max(1, min(jobs, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                var lastPackets = 0, lastBytes = 0
                let outcome: Result<AnalysisResult, CaptureError>
                do throws(CaptureError) {
                    let result = try analyse(paths[index], origin: origin, configuration: configuration) { packets, bytes in
                        guard let report else { return }
                        totals.withLock { total in
                            total.packets += packets - lastPackets; total.bytes += bytes - lastBytes
                            report(total.packets, total.bytes)
                        }
                        lastPackets = packets; lastBytes = bytes
                    }
                    outcome = .success(result)
                } catch {
                    outcome = .failure(error)
                }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        var results: [AnalysisResult] = []
        results.reserveCapacity(paths.count)
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome {
            case .success(let result)?: results.append(result)
            case .failure(let error)?: throw error
            case nil: break   // unreachable: every index below paths.count is taken by a worker
            }
        }
        return AnalysisResult.merging(results)
    }

    /// One file through its own `Analyzer`, as `CaptureAnalysis.run` does, with the time origin given.
    static func analyse(_ path: String, origin: Timestamp?, configuration: AnalyzerConfiguration,
                        progress: (_ packets: Int, _ bytes: Int) -> Void) throws(CaptureError) -> AnalysisResult {
        try CaptureAnalysis.analyse(paths: [path], origin: origin, configuration: configuration, progress: progress)
    }

    /// The timestamp of the file's first packet (nil for an empty file); reads one packet.
    static func firstPacketTime(of path: String) throws(CaptureError) -> Timestamp? {
        struct Stop: Error {}
        let set = try CaptureSet(paths: [path])
        var first: Timestamp?
        try? set.forEachPacket { record, _ in
            first = record.timestamp
            throw Stop()
        }
        return first
    }
}
