/// Errors of the Audio module: what failed and the values involved.
public enum AudioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stream's codec cannot be decoded by CallScope (it is reported as such, never as silence).
    case unsupportedCodec(name: String)
    /// libopus refused to create a decoder (its error code).
    case opusDecoderCreation(code: Int32, sampleRate: Int32, channels: Int32)
    /// Invalid parameters (sample rate, channel count, clock rate, …).
    case invalidParameter(String)
    /// The WAV file could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedCodec(let name): return "unsupported codec '\(name)': CallScope decodes PCMU, PCMA and Opus"
        case .opusDecoderCreation(let code, let rate, let ch):
            return "libopus decoder creation failed (error \(code)) for \(rate) Hz, \(ch) channel(s)"
        case .invalidParameter(let what): return "invalid audio parameter: \(what)"
        case .writeFailed(let path, let reason): return "cannot write WAV file '\(path)': \(reason)"
        }
    }
}
