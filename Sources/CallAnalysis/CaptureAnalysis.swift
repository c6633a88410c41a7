import PcapIngest
import WireCore

/// Runs the whole pipeline over capture files: one streaming pass, files merged in timestamp order.
public enum CaptureAnalysis {
    /// Analyses `paths` as one capture (rotated files of one trunk, for example).
    /// `progress` is called about every 65,536 packets with the packets and file bytes read so far
    /// (record headers included, so the byte count approaches the files' total size).
    public static func run(paths: [String], configuration: AnalyzerConfiguration = .init(),
                           progress: ((_ packets: Int, _ bytes: Int) -> Void)? = nil) throws(CaptureError) -> AnalysisResult {
        try analyse(paths: paths, origin: nil, configuration: configuration) { packets, bytes in progress?(packets, bytes) }
    }

    /// The single pass behind `run` (and each worker of the parallel run): `origin`, when given, is the time
    /// relative to which tshark-compatible figures are computed (otherwise the first packet read).
    static func analyse(paths: [String], origin: Timestamp?, configuration: AnalyzerConfiguration,
                        progress: (_ packets: Int, _ bytes: Int) -> Void) throws(CaptureError) -> AnalysisResult {
        let set = try CaptureSet(paths: paths)
        var analyzer = Analyzer(configuration: configuration, fileCount: paths.count)
        analyzer.firstPacketTime = origin
        var packets = 0
        var bytesRead = 0
        set.forEachPacket { record, bytes in
            analyzer.ingest(record, bytes)
            packets += 1
            bytesRead &+= record.capturedLength &+ 16
            if packets & 0xFFFF == 0 { progress(packets, bytesRead) }
        }
        return analyzer.finish(captures: set.summaries)
    }
}
