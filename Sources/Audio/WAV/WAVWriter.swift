import Foundation

/// 16-bit PCM RIFF/WAVE files (little-endian, `fmt ` chunk with format tag 1, then `data`).
public enum WAVWriter {
    /// The complete file bytes for interleaved 16-bit samples. The header is 44 bytes.
    public static func encode(samples: [Int16], sampleRate: Int, channels: Int = 1) throws(AudioError) -> [UInt8] {
        guard sampleRate > 0, sampleRate <= 384_000 else { throw .invalidParameter("sample rate \(sampleRate) Hz") }
        guard (1...8).contains(channels) else { throw .invalidParameter("\(channels) channels") }
        let dataBytes = samples.count * 2
        guard dataBytes <= Int(UInt32.max) - 36 else { throw .invalidParameter("\(samples.count) samples exceed the 4 GiB WAV limit") }
        var out: [UInt8] = []
        out.reserveCapacity(44 + dataBytes)
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { out.append(contentsOf: $0) } }
        out.append(contentsOf: Array("RIFF".utf8)); u32(36 + dataBytes)
        out.append(contentsOf: Array("WAVE".utf8))
        out.append(contentsOf: Array("fmt ".utf8)); u32(16)
        u16(1); u16(channels); u32(sampleRate); u32(sampleRate * channels * 2); u16(channels * 2); u16(16)
        out.append(contentsOf: Array("data".utf8)); u32(dataBytes)
        for s in samples { withUnsafeBytes(of: s.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    /// Writes a WAV file (replacing an existing one).
    public static func write(samples: [Int16], sampleRate: Int, channels: Int = 1, to path: String) throws(AudioError) {
        let bytes = try encode(samples: samples, sampleRate: sampleRate, channels: channels)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }
}
