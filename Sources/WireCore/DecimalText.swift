/// Decimal digits written straight into a string's storage (report times, addresses and ports are printed by
/// the hundred thousand; interpolation cost hundreds to thousands of instructions a piece).
enum DecimalText {
    /// Writes `value` in decimal at `start`, zero-padded to at least `minimumDigits`; returns the index after it.
    static func write(_ value: UInt64, minimumDigits: Int = 1, into buffer: UnsafeMutableBufferPointer<UInt8>,
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
