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
    /// Those other payload types, ascending.
    public var otherPayloadTypes: [UInt8]
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
    /// - Throws: when there are no media packets, when G.711 payload sizes contradict the timestamps (SRTP or a
    ///   mislabelled codec: decoding would produce noise), when most packets fail to decode, or an `AudioError`.
    public static func render(_ packets: [CapturedRTPPacket], codec: AudioCodec,
                              buffer spec: JitterBufferSpec) throws(StreamAudioExportError) -> StreamAudioExportResult {
        guard let media = mediaPayloadType(packets, codec: codec) else { throw .noMediaPackets }
        if codec != .opus, let mismatch = g711SizeMismatch(packets, payloadType: media) { throw mismatch }
        var simulator = JitterBufferSimulator(spec: spec)
        var audioPackets: [AudioPacket] = []
        audioPackets.reserveCapacity(packets.count)
        var played = 0, late = 0, overflow = 0, duplicates = 0, other = 0
        var otherTypes = Set<UInt8>()
        for p in packets {
            guard p.payloadType == media else {
                other += 1
                otherTypes.insert(p.payloadType)
                continue
            }
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
        let audio: DecodedAudio
        do { audio = try StreamAudioDecoder.decode(audioPackets, codec: codec) } catch { throw .audio(error) }
        if audio.decodeErrors > audio.decodedPackets {
            throw .mostlyUndecodable(errors: audio.decodeErrors, decoded: audio.decodedPackets)
        }
        return StreamAudioExportResult(audio: audio, codec: codec, mediaPayloadType: media, bufferName: spec.text,
                                       played: played, discardedLate: late, discardedOverflow: overflow,
                                       duplicates: duplicates, otherPayloadPackets: other,
                                       otherPayloadTypes: otherTypes.sorted())
    }

    /// G.711 carries one byte per sample, so between consecutive packets (sequence + 1) the RTP timestamp advances by
    /// the earlier packet's payload size (RFC 3551 §4.5.14). When fewer than half of at least 5 such pairs agree, the
    /// payload is not plain G.711 (typically SRTP: the authentication tag adds 4 or 10 bytes).
    static func g711SizeMismatch(_ packets: [CapturedRTPPacket], payloadType: UInt8) -> StreamAudioExportError? {
        var pairs = 0, matching = 0
        var previous: CapturedRTPPacket?
        var example: (bytes: Int, ticks: UInt32)?
        for p in packets where p.payloadType == payloadType {
            if let prev = previous, p.sequence == prev.sequence &+ 1 {
                let ticks = p.rtpTimestamp &- prev.rtpTimestamp
                pairs += 1
                if ticks == UInt32(prev.payload.count) { matching += 1 } else if example == nil { example = (prev.payload.count, ticks) }
            }
            previous = p
        }
        guard pairs >= 5, matching * 2 < pairs, let example else { return nil }
        return .notPlainG711(payloadBytes: example.bytes, timestampTicks: example.ticks, pairs: pairs, matching: matching)
    }
}

/// Why a stream's audio could not be exported.
public enum StreamAudioExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No packet of the stream carries a media payload type.
    case noMediaPackets
    /// G.711 payload sizes disagree with the timestamp steps: encrypted (SRTP) or not G.711.
    case notPlainG711(payloadBytes: Int, timestampTicks: UInt32, pairs: Int, matching: Int)
    /// The decoder rejected more payloads than it accepted.
    case mostlyUndecodable(errors: Int, decoded: Int)
    case audio(AudioError)

    public var description: String {
        switch self {
        case .noMediaPackets: return "no media packets to decode"
        case .notPlainG711(let bytes, let ticks, let pairs, let matching):
            return "payloads are not plain G.711 (e.g. \(bytes) bytes for \(ticks) samples; only \(matching) of \(pairs) "
                + "consecutive packets agree): SRTP-encrypted or mislabelled codec; decoding would produce noise"
        case .mostlyUndecodable(let errors, let decoded):
            return "the decoder rejected \(errors) payloads and accepted only \(decoded): encrypted or not this codec"
        case .audio(let error): return error.description
        }
    }
}
