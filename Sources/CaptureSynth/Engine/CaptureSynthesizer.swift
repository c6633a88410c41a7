/// Entry point: writes a synthetic capture described by a `SynthesisPlan`.
///
/// Memory is bounded by the number of calls (per-call state, an event heap of a few entries per call
/// and the 4 MiB output buffer), never by the capture length.
public enum CaptureSynthesizer {
    /// Validates `plan`, writes the classic pcap to `path` (created or truncated) and returns what was written.
    public static func write(_ plan: SynthesisPlan, to path: String) throws(SynthesisError) -> SynthesisSummary {
        try plan.validate()
        var engine = try SynthesisEngine(plan: plan, path: path)
        return try engine.run()
    }
}
