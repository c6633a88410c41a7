/// SplitMix64 (Steele, Lea, Flood 2014): used to expand one 64-bit seed into independent
/// seeds for every call and stream, so a call's content does not depend on how many calls run.
@usableFromInline
struct SplitMix64 {
    @usableFromInline var state: UInt64

    @inlinable init(seed: UInt64) { state = seed }

    @inlinable mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed derived from `seed` and a list of indices (call number, stream direction …).
    @inlinable static func derive(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (a &* 0xD1B5_4A32_D192_ED03) ^ (b &* 0x8CB9_2BA7_2F3D_8DD7))
        _ = mixer.next()
        return mixer.next()
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna): the generator behind every random choice of the
/// synthesiser. Deterministic for a seed on every platform; the system generator is never used.
@usableFromInline
struct SynthRandom {
    @usableFromInline var s0, s1, s2, s3: UInt64

    @inlinable init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    @inlinable mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inlinable mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in `0 ..< bound` (bound > 0), Lemire's multiply-shift (bias < 2^-32 for our bounds).
    @inlinable mutating func below(_ bound: UInt64) -> UInt64 {
        UInt64((UInt128(next()) &* UInt128(bound)) >> 64)
    }

    /// Uniform integer in the closed range.
    @inlinable mutating func inRange(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(UInt64(range.upperBound - range.lowerBound) + 1))
    }

    /// True with probability `p` (0...1).
    @inlinable mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }
}
