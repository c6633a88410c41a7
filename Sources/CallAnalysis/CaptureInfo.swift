import PcapIngest
import WireCore

/// What `callscope info` reports for one capture file (names follow the report contract's `captures` entries).
public struct CaptureInfo: Sendable, Hashable {
    public var summary: CaptureFileSummary
    public var counts: ProtocolCounts
    public var skipped: SkipCounter

    /// Reads every file once (one streaming pass each) and returns one entry per file.
    /// Files are independent here; each gets its own pass so counts never mix.
    public static func read(paths: [String]) throws(CaptureError) -> [CaptureInfo] {
        var configuration = AnalyzerConfiguration()
        configuration.inventoryOnly = true
        var result: [CaptureInfo] = []
        for path in paths {
            let set = try CaptureSet(paths: [path])
            var analyzer = Analyzer(configuration: configuration, fileCount: 1)
            set.forEachPacket { record, bytes in analyzer.ingest(record, bytes) }
            result.append(CaptureInfo(summary: set.summaries[0], counts: analyzer.counts[0], skipped: analyzer.skipped[0]))
        }
        return result
    }
}
