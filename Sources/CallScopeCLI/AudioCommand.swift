import ArgumentParser
import Audio
import CallAnalysis
import QualityModel
import Reporting

/// `callscope audio FILE --stream ID [--buffer SPEC] --out x.wav`: what the listener heard, as a WAV file.
struct AudioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio",
        abstract: "Decode one stream through a jitter buffer into a 16-bit PCM WAV file (G.711, Opus).",
        discussion: """
            Reads the capture a second time for the chosen stream's packets, replays them through the jitter \
            buffer (default: the reference buffer \(JitterBufferSpec.defaultSpecs[JitterBufferSpec.defaultReferenceIndex]); \
            see `callscope jitterbuffer --help` for the spec syntax) and decodes what it played: G.711 µ-law/A-law at \
            8 kHz, Opus at 48 kHz. Packets lost in the network or discarded late are concealed (G.711 repetition, \
            libopus PLC or in-band FEC). Prints decoded/concealed counts and the active speech level. A codec \
            CallScope cannot decode, or an SRTP-encrypted stream, is an error (status 2), never a silent file.

            Examples:
              callscope audio call.pcap --stream s1 --out caller.wav
              callscope audio call.pcap --stream s2 --buffer fixed:60 --out s2.wav
            """)

    @Argument(help: "Capture files (pcap or pcapng).")
    var files: [String]

    @Option(help: ArgumentHelp("Stream to decode (id from `callscope streams`, e.g. s1).", valueName: "id"))
    var stream: String

    @Option(help: ArgumentHelp("WAV file to write.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Decode as this codec (pcmu, pcma, opus) when SDP did not name the stream's payload type.",
                               valueName: "name"))
    var codec: String?

    @OptionGroup var options: AnalysisOptions

    func validate() throws {
        if let codec, (try? AudioCodec(encodingName: codec)) == nil {
            throw ValidationError("--codec must be pcmu, pcma or opus, got '\(codec)'.")
        }
        if options.buffers.count > 1 { throw ValidationError("audio plays through one jitter buffer; give --buffer once.") }
        if out.isEmpty || out == "-" { throw ValidationError("--out needs a file path for the WAV file.") }
    }

    /// Decodes the stream, writes the WAV file and returns the summary `run()` prints.
    func export() throws -> (result: StreamAudioExportResult, text: String) {
        let analysis = try options.analyse(files)
        let chosen = try StreamSelection.stream(stream, in: analysis)
        let codec = try self.codec.map { try AudioCodec(encodingName: $0) } ?? Self.audioCodec(of: chosen)
        let spec = try bufferSpec()
        let extraction: StreamPacketExtraction
        do {
            extraction = try StreamPacketExtractor.extract(paths: files, key: chosen.summary.key)
        } catch {
            throw CommandFailure(error.description)
        }
        let exported: StreamAudioExportResult
        do {
            exported = try StreamAudioExport.render(extraction.packets, codec: codec, buffer: spec)
        } catch {
            throw CommandFailure("stream \(chosen.id) (\(chosen.codec ?? "?")): \(error.description); no WAV written")
        }
        do {
            try WAVWriter.write(samples: exported.audio.samples, sampleRate: exported.audio.sampleRate, to: out)
        } catch {
            throw CommandFailure(error.description)
        }
        return (exported, Self.summary(chosen, extraction, exported, path: out))
    }

    /// The buffer to play through: the one given, else the default reference buffer.
    func bufferSpec() throws -> JitterBufferSpec {
        let text = options.buffers.first ?? JitterBufferSpec.defaultSpecs[JitterBufferSpec.defaultReferenceIndex]
        do { return try JitterBufferSpec(parsing: text) } catch { throw ValidationError(error.description) }
    }

    /// The decoder for the stream's codec, or a status-2 failure saying why there is none.
    static func audioCodec(of stream: StreamResult) throws -> AudioCodec {
        if stream.encrypted {
            throw CommandFailure("stream \(stream.id) is SRTP-encrypted: its payload cannot be decoded without the keys; no WAV written")
        }
        guard let name = stream.codec else {
            let types = stream.summary.payloadTypes.map(String.init).joined(separator: ", ")
            throw CommandFailure("stream \(stream.id): codec unknown (payload type \(types) not described by SDP); "
                                 + "give --codec if you know it; no WAV written")
        }
        do {
            return try AudioCodec(encodingName: name)
        } catch {
            throw CommandFailure("stream \(stream.id) carries \(name): \(error.description); no WAV written")
        }
    }

    static func summary(_ stream: StreamResult, _ extraction: StreamPacketExtraction, _ e: StreamAudioExportResult,
                        path: String) -> String {
        let a = e.audio
        let seconds = Double(a.samples.count) / Double(a.sampleRate)
        var lines = [
            "\(stream.id)  \(stream.summary.key.source) → \(stream.summary.key.destination)  \(e.codec) "
                + "(payload type \(e.mediaPayloadType)) through \(e.bufferName)",
            "Packets:  \(e.played + e.discardedLate + e.discardedOverflow) media: played \(e.played), late \(e.discardedLate), "
                + "overflow \(e.discardedOverflow); duplicates \(e.duplicates); other payload types \(e.otherPayloadPackets)",
            "Decoded:  \(a.decodedPackets) packets, concealed \(a.concealedPackets)"
                + (e.codec == .opus ? " (in-band FEC attempts \(a.fecDecodeAttempts))" : "")
                + ", decoder errors \(a.decodeErrors), silence inserted \(fixedDecimals(Double(a.silenceSamples) / Double(a.sampleRate), 3)) s",
            "Wrote:    \(path): \(a.samples.count) samples at \(a.sampleRate) Hz (\(fixedDecimals(seconds, 3)) s), 16-bit mono",
        ]
        if let level = a.speechLevel.activeLevelDbov {
            lines.append("Speech:   active level \(fixedDecimals(level, 1)) dBov, \(fixedDecimals(a.speechLevel.silentFrameShare * 100, 1)) % silent frames")
        } else {
            lines.append("Speech:   no voice (every 20 ms frame below \(fixedDecimals(SpeechLevelMeter.absoluteFloorDbov, 0)) dBov)")
        }
        if e.otherPayloadPackets > e.played + e.discardedLate + e.discardedOverflow {
            let types = e.otherPayloadTypes.map(String.init).joined(separator: ", ")
            lines.append("Warning:  most packets (\(e.otherPayloadPackets)) carry payload type \(types), not decoded as \(e.codec); "
                         + "if that is the voice, give --codec")
        }
        if extraction.clippedPackets > 0 {
            lines.append("Warning:  \(extraction.clippedPackets) packets cut by the capture's snaplen were treated as lost")
        }
        if extraction.droppedOverLimit > 0 {
            lines.append("Warning:  stream longer than \(StreamPacketExtractor.defaultMaxPackets) packets; \(extraction.droppedOverLimit) not decoded")
        }
        if a.discontinuities > 0 { lines.append("Note:     \(a.discontinuities) long gaps or sender restarts shortened/re-anchored") }
        if a.truncated { lines.append("Warning:  output cut at \(StreamAudioDecoder.maxOutputSeconds) s") }
        return lines.joined(separator: "\n")
    }

    func run() throws { print(try export().text) }
}
