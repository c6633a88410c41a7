import PcapIngest
import WireCore

/// One input file: its summary, protocol counts and skipped packets.
public struct CaptureEntry: Sendable {
    public var summary: CaptureFileSummary
    public var counts: ProtocolCounts
    public var skipped: SkipCounter
    public init(summary: CaptureFileSummary, counts: ProtocolCounts, skipped: SkipCounter) {
        self.summary = summary; self.counts = counts; self.skipped = skipped
    }
}

