import PcapIngest
import WireCore

/// Runs the whole pipeline over capture files: one streaming pass, files merged in timestamp order.
public enum CaptureAnalysis {
    /// Analyses `paths` as one capture (rotated files of one trunk, for example).
    /// `progress` is called about every 65,536 packets with packets read so far.
    public static func run(paths: [String], configuration: AnalyzerConfiguration = .init(),
                           progress: ((Int) -> Void)? = nil) throws(CaptureError) -> AnalysisResult {
        let set = try CaptureSet(paths: paths)
        var analyzer = Analyzer(configuration: configuration, fileCount: paths.count)
        var packets = 0
        set.forEachPacket { record, bytes in
            analyzer.ingest(record, bytes)
            packets += 1
            if packets & 0xFFFF == 0 { progress?(packets) }
        }
        return analyzer.finish(captures: set.summaries)
    }
}
