import WireCore

/// RFC 3550 §6.4.1 / A.8 interarrival jitter in arrival order, plus clock skew and drift.
///
/// D(i−1,i) = (R_i − R_{i−1}) − (S_i − S_{i−1}) in timestamp units (arrival converted with the
/// clock rate, timestamp differences modulo 2^32); J += (|D| − J)/16 in floating point.
/// Skew is (arrival − first arrival) − (timestamp − first timestamp)/rate in ms; drift is the
/// least-squares slope of arrival time against media time, minus 1, in parts per million.
public struct InterarrivalJitter: Sendable, Hashable {
    /// Current J in timestamp units.
    public private(set) var jitter: Double = 0
    /// Summary of J (timestamp units) over the values after each packet from the second on.
    public private(set) var summary = RunningSummary()
    /// Largest |skew| seen, signed, ms (positive: packets later than their timestamps say).
    public private(set) var maxSkewMs: Double = 0
    public private(set) var lastSkewMs: Double = 0
    public private(set) var clockRate: UInt32 = 0

    private var previousArrival: Timestamp?
    private var previousTimestamp: UInt32 = 0
    private var firstArrival: Timestamp = .zero
    private var unwrapper = TimestampUnwrapper()
    private var firstMediaUnits: Int64 = 0
    // Least squares of y = arrival seconds on x = media seconds.
    private var n = 0.0, sumX = 0.0, sumY = 0.0, sumXX = 0.0, sumXY = 0.0

    public init() {}

    /// One packet (arrival order). Packets with clock rate 0 are ignored; a clock-rate change restarts the reference.
    public mutating func observe(arrival: Timestamp, timestamp: UInt32, clockRate: UInt32) {
        guard clockRate > 0 else { return }
        let media = unwrapper.unwrap(timestamp)
        if let previous = previousArrival, clockRate == self.clockRate {
            let arrivalUnits = Double(arrival.nanoseconds &- previous.nanoseconds) * Double(clockRate) / 1e9
            let d = arrivalUnits - Double(Int32(bitPattern: timestamp &- previousTimestamp))
            jitter += (abs(d) - jitter) / 16
            summary.add(jitter)
        } else if previousArrival == nil || clockRate != self.clockRate {
            self.clockRate = clockRate
            firstArrival = arrival
            firstMediaUnits = media
            n = 0; sumX = 0; sumY = 0; sumXX = 0; sumXY = 0
        }
        previousArrival = arrival
        previousTimestamp = timestamp
        let x = Double(media - firstMediaUnits) / Double(clockRate)
        let y = arrival.seconds(since: firstArrival)
        lastSkewMs = (y - x) * 1000
        if abs(lastSkewMs) > abs(maxSkewMs) { maxSkewMs = lastSkewMs }
        n += 1; sumX += x; sumY += y; sumXX += x * x; sumXY += x * y
    }

    /// Converts timestamp units to ms with the stream's clock rate.
    public func milliseconds(_ units: Double) -> Double { clockRate == 0 ? 0 : units * 1000 / Double(clockRate) }

    /// Clock drift in ppm (arrival clock vs media clock), nil with fewer than 2 packets or no media time span.
    public var driftPPM: Double? {
        let denominator = n * sumXX - sumX * sumX
        guard n >= 2, denominator > 0 else { return nil }
        let slope = (n * sumXY - sumX * sumY) / denominator
        return (slope - 1) * 1e6
    }
}
