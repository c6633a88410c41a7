import Audio
import PcapIngest
import QualityModel
import RTPKit
import SIPKit
import WireCore

/// The result of one analysis run: what every renderer draws from.
public struct AnalysisResult: Sendable {
    public var captures: [CaptureEntry]
    /// Calls (ordered by first INVITE), signalling metrics, SIP statistics and SIP diagnostics.
    public var sip: SIPAnalysisResult
    /// Streams ordered by first packet; ids `s1`, `s2` … in that order.
    public var streams: [StreamResult]
    /// Stream ids per Call-ID.
    public var streamIDsByCall: [String: [String]]
    public var diagnostics: [Diagnostic]
    /// The simulated jitter-buffer spec strings, in order, and which one is the reference.
    public var jitterBufferNames: [String]
    public var referenceBufferIndex: Int

    /// The call's score: the worst direction's conversational MOS through the reference buffer.
    public func mos(forCall callID: String) -> Double? {
        let scores = (streamIDsByCall[callID] ?? []).compactMap { stream(withID: $0)?.reference?.conversational.mos }
        return scores.min()
    }

    /// The stream with id `id`. Ids are `s1`…`sN` in array order, so this is a direct index, checked
    /// (with a search as fallback should a caller have built the list otherwise).
    public func stream(withID id: String) -> StreamResult? {
        if id.hasPrefix("s"), let n = Int(id.dropFirst()), n >= 1, n <= streams.count, streams[n - 1].id == id {
            return streams[n - 1]
        }
        return streams.first { $0.id == id }
    }
}

/// One jitter buffer's what-if result for a stream, scored with the E-model.
public struct BufferResult: Sendable {
    public var outcome: JitterBufferOutcome
    /// nil when the stream cannot be scored (no audio codec, no media packets).
    public var assessment: QualityAssessment?
}

/// Everything reported about one RTP stream.
public struct StreamResult: Sendable {
    public var id: String
    public var callID: String?
    public var discovery: StreamDiscovery
    public var encrypted: Bool
    public var summary: RTPStreamSummary
    /// Codec of the stream's main media payload type (SDP rtpmap, else RFC 3551 static table).
    public var codec: String?
    /// RTP clock of that payload type (Hz), nil when unknown (dynamic type without SDP).
    public var clockRate: UInt32?
    /// What the far end reported about this stream over RTCP (latest report block).
    public var farEnd: FarEndReport?
    /// RFC 3611 VoIP metrics reported about this stream.
    public var voipMetrics: VoIPMetricsBlock?
    public var cname: String?
    /// RTCP round-trip time used for the delay impairment (ms), when known for either direction.
    public var roundTripMs: Double?
    public var buffers: [BufferResult]
    public var referenceIndex: Int
    /// Speech level of the decoded payload (G.711 streams in the clear; nil otherwise).
    public var speech: SpeechLevel?
    /// Quality flags: one_way, no_media_after_answer, media_after_bye, dscp_not_ef, dscp_changed, asymmetric_codecs …
    public var flags: [String]

    /// The reference buffer's E-model result (the stream's headline score).
    public var reference: QualityAssessment? {
        referenceIndex < buffers.count ? buffers[referenceIndex].assessment : nil
    }
}
