/// A capture timestamp with nanosecond precision, counted from the Unix epoch (UTC).
///
/// Kept as an integer end to end so no precision is lost between the capture file
/// and the report; convert to seconds or milliseconds only when presenting.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Builds a timestamp from whole seconds and a nanosecond fraction.
    @inlinable public init(seconds: Int64, nanoseconds fraction: Int64) {
        self.nanoseconds = seconds &* 1_000_000_000 &+ fraction
    }

    public static let zero = Timestamp(nanoseconds: 0)

    /// Seconds since the epoch as a floating-point value (for presentation and rates).
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Whole seconds part (floor).
    @inlinable public var wholeSeconds: Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    }

    /// Nanoseconds within the second, 0 ..< 1e9.
    @inlinable public var subsecondNanoseconds: Int64 { nanoseconds - wholeSeconds * 1_000_000_000 }

    /// Milliseconds from `other` to `self` (positive when `self` is later).
    @inlinable public func milliseconds(since other: Timestamp) -> Double {
        Double(nanoseconds &- other.nanoseconds) / 1e6
    }

    /// Seconds from `other` to `self` (positive when `self` is later).
    @inlinable public func seconds(since other: Timestamp) -> Double {
        Double(nanoseconds &- other.nanoseconds) / 1e9
    }

    @inlinable public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    @inlinable public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        let (s, atto) = rhs.components
        return Timestamp(nanoseconds: lhs.nanoseconds &+ s &* 1_000_000_000 &+ atto / 1_000_000_000)
    }

    /// ISO-8601 UTC with microseconds, e.g. `2005-01-14T17:58:02.965944Z` (the report contract's format).
    public var iso8601: String {
        let f = utcFields
        guard (0 ... 9999).contains(f.year) else {   // outside the four-digit years (not reachable from Int64 nanoseconds)
            return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.secondOfDay / 3600, 2)):\(pad(f.secondOfDay / 60 % 60, 2)):\(pad(f.secondOfDay % 60, 2)).\(pad(f.micros, 6))Z"
        }
        // Written digit by digit into the string's storage: reports carry one of these per SIP message and
        // event, and the interpolated form cost about 10,000 instructions each. Every field fits its width here.
        return String(unsafeUninitializedCapacity: 27) { Timestamp.writeISO8601(f, into: $0) }
    }

    /// Writes the 27 bytes of `iso8601` (the JSON writer's path: no string is built). Int64 nanoseconds span the
    /// years 1677…2262, always four digits; returns the count.
    public func writeISO8601(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        Timestamp.writeISO8601(utcFields, into: buffer)
    }

    /// The UTC calendar fields: year, month, day, second of the day and microseconds.
    private var utcFields: (year: Int64, month: Int64, day: Int64, secondOfDay: Int64, micros: Int64) {
        let days = floorDiv(wholeSeconds, 86_400)
        let (y, m, d) = Timestamp.civilDate(daysSinceEpoch: days)
        return (y, m, d, wholeSeconds - days * 86_400, subsecondNanoseconds / 1_000)
    }

    private static func writeISO8601(_ f: (year: Int64, month: Int64, day: Int64, secondOfDay: Int64, micros: Int64),
                                     into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var at = 0
        func put(_ value: Int64, _ width: Int, then separator: UInt8) {
            at = DecimalText.write(UInt64(value), minimumDigits: width, into: buffer, at: at)
            buffer[at] = separator
            at += 1
        }
        put(f.year, 4, then: UInt8(ascii: "-")); put(f.month, 2, then: UInt8(ascii: "-")); put(f.day, 2, then: UInt8(ascii: "T"))
        put(f.secondOfDay / 3600, 2, then: UInt8(ascii: ":")); put(f.secondOfDay / 60 % 60, 2, then: UInt8(ascii: ":"))
        put(f.secondOfDay % 60, 2, then: UInt8(ascii: ".")); put(f.micros, 6, then: UInt8(ascii: "Z"))
        return at
    }

    public var description: String { iso8601 }

    /// Days since epoch → (year, month, day) in the proleptic Gregorian calendar
    /// (H. Hinnant's civil_from_days algorithm).
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }
}

@usableFromInline func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
