import Testing
@testable import WireCore

/// ISO-8601 text of capture times (the report contract's format): hand-checked values, and agreement with a
/// plain padded rendering of the civil date over ±200 years.
@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"),
        (1_105_725_482_965_944_123, "2005-01-14T17:58:02.965944Z"),
        (1_709_251_199_999_999_000, "2024-02-29T23:59:59.999999Z"),   // leap day, last microsecond
        (951_782_400_000_000_000, "2000-02-29T00:00:00.000000Z"),     // century leap year
        (-1, "1969-12-31T23:59:59.999999Z"),                          // floor, not truncation
        (4_102_444_800_000_001_000, "2100-01-01T00:00:00.000001Z"),
    ])
    func knownValues(nanoseconds: Int64, text: String) {
        #expect(Timestamp(nanoseconds: nanoseconds).iso8601 == text)
    }

    @Test func agreesWithPaddedCivilDate() {
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var state: UInt64 = 0x5EED
        for _ in 0 ..< 5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let nanoseconds = Int64(bitPattern: state) % 6_300_000_000_000_000_000
            let t = Timestamp(nanoseconds: nanoseconds)
            let days = (t.wholeSeconds - (t.wholeSeconds % 86_400 + 86_400) % 86_400) / 86_400
            let second = t.wholeSeconds - days * 86_400
            let (y, m, d) = Timestamp.civilDate(daysSinceEpoch: days)
            let expected = "\(padded(y, 4))-\(padded(m, 2))-\(padded(d, 2))T\(padded(second / 3600, 2)):"
                + "\(padded(second / 60 % 60, 2)):\(padded(second % 60, 2)).\(padded(t.subsecondNanoseconds / 1000, 6))Z"
            #expect(t.iso8601 == expected, "\(nanoseconds)")
        }
    }
}
