import COpus

/// A libopus decoder (one per stream; not thread-safe, not `Sendable`). Output is 16-bit PCM at `sampleRate`.
///
/// - `decode(_:)`: a received packet (`opus_decode`, decode_fec = 0).
/// - `conceal(samples:)`: packet-loss concealment for a lost/late packet (`opus_decode` with NULL data).
/// - `recover(from:samples:)`: in-band FEC — rebuilds the lost packet preceding `next` from the LBRR data
///   carried in `next` (`opus_decode` with decode_fec = 1); libopus falls back to PLC when `next` has no FEC.
public final class OpusDecoder {
    public let sampleRate: Int32
    public let channels: Int32
    private let state: OpaquePointer
    private var scratch: [Int16]
    /// Maximum Opus packet duration: 120 ms.
    public var maxFrameSamples: Int { Int(sampleRate) * 120 / 1000 }

    /// `sampleRate` must be 8000, 12000, 16000, 24000 or 48000; `channels` 1 or 2.
    public init(sampleRate: Int32 = 48_000, channels: Int32 = 1) throws(AudioError) {
        guard [8000, 12000, 16000, 24000, 48000].contains(sampleRate), channels == 1 || channels == 2 else {
            throw .invalidParameter("Opus decoder at \(sampleRate) Hz with \(channels) channel(s)")
        }
        var error: Int32 = 0
        guard let s = opus_decoder_create(sampleRate, channels, &error), error == OPUS_OK else {
            throw .opusDecoderCreation(code: error, sampleRate: sampleRate, channels: channels)
        }
        self.sampleRate = sampleRate
        self.channels = channels
        self.state = s
        self.scratch = Array(repeating: 0, count: Int(sampleRate) * 120 / 1000 * Int(channels))
    }

    deinit { opus_decoder_destroy(state) }

    /// Samples per channel in an Opus packet at this decoder's rate, or `nil` if the packet is invalid.
    public func sampleCount(of packet: [UInt8]) -> Int? {
        guard !packet.isEmpty, packet.count <= Int(Int32.max) else { return nil }
        let n: Int32 = packet.withUnsafeBufferPointer {
            guard let base = $0.baseAddress else { return -1 }
            return opus_decoder_get_nb_samples(state, base, Int32($0.count))
        }
        return n > 0 ? Int(n) : nil
    }

    /// Decodes one packet; returns interleaved samples, or `nil` if libopus rejects it.
    public func decode(_ packet: [UInt8]) -> ArraySlice<Int16>? {
        guard !packet.isEmpty, packet.count <= Int(Int32.max) else { return nil }
        return run(data: packet, samples: maxFrameSamples, fec: false)
    }

    /// Conceals `samples` per channel (rounded down to a multiple of 2.5 ms, at least 2.5 ms) with libopus PLC.
    public func conceal(samples: Int) -> ArraySlice<Int16>? {
        run(data: nil, samples: plcLength(samples), fec: false)
    }

    /// Rebuilds the `samples` per channel preceding `next` from `next`'s in-band FEC data.
    public func recover(from next: [UInt8], samples: Int) -> ArraySlice<Int16>? {
        guard !next.isEmpty, next.count <= Int(Int32.max) else { return nil }
        return run(data: next, samples: plcLength(samples), fec: true)
    }

    private func plcLength(_ samples: Int) -> Int {
        let quantum = Int(sampleRate) / 400   // 2.5 ms
        return min(maxFrameSamples, max(quantum, samples / quantum * quantum))
    }

    private func run(data: [UInt8]?, samples: Int, fec: Bool) -> ArraySlice<Int16>? {
        let produced: Int32 = scratch.withUnsafeMutableBufferPointer { pcm in
            guard let out = pcm.baseAddress else { return -1 }
            if let data {
                return data.withUnsafeBufferPointer {
                    opus_decode(state, $0.baseAddress, Int32($0.count), out, Int32(samples), fec ? 1 : 0)
                }
            }
            return opus_decode(state, nil, 0, out, Int32(samples), 0)
        }
        guard produced > 0 else { return nil }
        return scratch[0..<(Int(produced) * Int(channels))]
    }
}
