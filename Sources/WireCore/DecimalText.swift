/// Decimal digits written straight into a string's storage (report times, addresses and ports are printed by
/// the hundred thousand; interpolation cost hundreds to thousands of instructions a piece).
public enum DecimalText {
    /// Appends `value` in decimal (with a leading `-` when negative) — the text of `String(value)`.
    public static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let end = write(UInt64(value.magnitude), into: buffer, at: 0)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<end]))
        }
    }

    /// Writes `value` in decimal at `start`, zero-padded to at least `minimumDigits`; returns the index after it.
    /// The buffer must have room (20 bytes hold any UInt64).
    public static func write(_ value: UInt64, minimumDigits: Int = 1, into buffer: UnsafeMutableBufferPointer<UInt8>,
                      at start: Int) -> Int {
        var digits = 1, rest = value
        while rest >= 10 { rest /= 10; digits += 1 }
        digits = max(digits, minimumDigits)
        rest = value
        for i in stride(from: start + digits - 1, through: start, by: -1) {
            buffer[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        return start + digits
    }
}
