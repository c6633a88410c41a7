import Audio
import QualityModel
import RTPKit

/// What `StreamAudioExport.render` produced and how.
public struct StreamAudioExportResult: Sendable {
    public var audio: DecodedAudio
    public var codec: AudioCodec
    /// The payload type decoded as media.
    public var mediaPayloadType: UInt8
    /// The jitter buffer's spec text.
    public var bufferName: String
    /// Media packets the buffer played / discarded late / discarded on overflow / dropped as duplicates.
    public var played: Int
    public var discardedLate: Int
    public var discardedOverflow: Int
    public var duplicates: Int
    /// Packets of other payload types in the stream (comfort noise, RFC 4733 events …), not decoded.
    public var otherPayloadPackets: Int
}

/// Turns one stream's captured packets into what the listener heard: the packets go through a jitter-buffer
/// simulator in arrival order (played vs discarded late/overflow), then `StreamAudioDecoder` decodes the played ones
/// and conceals the rest (G.711 repetition PLC, libopus PLC / in-band FEC).
public enum StreamAudioExport {
    /// The payload type carrying `codec`: for G.711 its static type (0 PCMU, 8 PCMA) when present; otherwise the most
    /// frequent payload type of the stream that is not comfort noise (13, 19) — media packets outnumber RFC 4733
    /// event packets in any real call. `nil` when the stream has no candidate.
    public static func mediaPayloadType(_ packets: [CapturedRTPPacket], codec: AudioCodec) -> UInt8? {
        var counts = [Int](repeating: 0, count: 128)
        for p in packets { counts[Int(p.payloadType & 0x7F)] += 1 }
        switch codec {
        case .pcmu where counts[0] > 0: return 0
        case .pcma where counts[8] > 0: return 8
        default: break
        }
        var best: UInt8?
        for pt in 0..<128 where pt != 13 && pt != 19 && counts[pt] > 0 {
            if best.map({ counts[pt] > counts[Int($0)] }) ?? true { best = UInt8(pt) }
        }
        return best
    }

    /// Decodes `packets` (arrival order) with `codec` through the buffer `spec`.
    /// - Throws: `AudioError.unsupportedCodec` when no packet carries a media payload type.
    public static func render(_ packets: [CapturedRTPPacket], codec: AudioCodec,
                              buffer spec: JitterBufferSpec) throws(AudioError) -> StreamAudioExportResult {
        guard let media = mediaPayloadType(packets, codec: codec) else {
            throw .unsupportedCodec(name: "stream without media packets")
        }
        var simulator = JitterBufferSimulator(spec: spec)
        var audioPackets: [AudioPacket] = []
        audioPackets.reserveCapacity(packets.count)
        var played = 0, late = 0, overflow = 0, duplicates = 0, other = 0
        for p in packets {
            guard p.payloadType == media else { other += 1; continue }
            let fate = simulator.feed(JitterBufferPacket(
                arrivalNanoseconds: p.arrival.nanoseconds, rtpTimestamp: p.rtpTimestamp, sequence: p.sequence,
                marker: p.marker, payloadType: p.payloadType, clockRate: codec.clockRate))
            let isPlayed: Bool
            switch fate {
            case .played: played += 1; isPlayed = true
            case .discardedLate: late += 1; isPlayed = false
            case .discardedOverflow: overflow += 1; isPlayed = false
            case .duplicate: duplicates += 1; continue
            case .invalid: continue   // clock rate ≤ 0: impossible, codec clocks are 8000/48000
            }
            audioPackets.append(AudioPacket(sequence: p.sequence, rtpTimestamp: p.rtpTimestamp, payload: p.payload, played: isPlayed))
        }
        let audio = try StreamAudioDecoder.decode(audioPackets, codec: codec)
        return StreamAudioExportResult(audio: audio, codec: codec, mediaPayloadType: media, bufferName: spec.text,
                                       played: played, discardedLate: late, discardedOverflow: overflow,
                                       duplicates: duplicates, otherPayloadPackets: other)
    }
}
