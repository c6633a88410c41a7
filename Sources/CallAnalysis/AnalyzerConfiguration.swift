import NetReassembly
import QualityModel
import SIPKit

/// Settings of one analysis run, each with a documented default.
public struct AnalyzerConfiguration: Sendable {
    /// Count packets only (for `callscope info`): no SIP dialogs, RTP statistics or quality scoring.
    public var inventoryOnly = false
    /// Number normalisation for caller/callee (default country code, national prefixes).
    public var numbers = E164Normalizer()
    /// Jitter buffers simulated per stream; `name` in the report is each spec's text.
    public var jitterBuffers: [JitterBufferSpec] = JitterBufferSpec.defaultSet
    /// Index in `jitterBuffers` of the buffer whose result is the stream's headline score.
    public var referenceBufferIndex = JitterBufferSpec.defaultReferenceIndex
    /// One-way network delay assumed when RTCP gives no round-trip time (ms).
    public var assumedNetworkDelayMs = QualityAssessment.defaultAssumedNetworkDelayMs
    /// Find RTP streams that no SDP announced (version, payload type, SSRC and sequence consistency).
    public var heuristicRTP = true
    /// Caps for IP fragment reassembly.
    public var defragmentation = IPDefragmenter.Limits()
    /// Caps for TCP stream reassembly (SIP over TCP).
    public var tcp = TCPStreamReassembler.Limits()
    /// UDP flows watched at once by the RTP heuristic before the oldest are forgotten.
    public var maxCandidateFlows = 65_536

    public init() {}

    /// Replaces the simulated buffers with `specs` (the first becomes the reference buffer).
    public mutating func useJitterBuffers(_ specs: [JitterBufferSpec]) {
        guard !specs.isEmpty else { return }
        jitterBuffers = specs
        referenceBufferIndex = 0
    }
}
