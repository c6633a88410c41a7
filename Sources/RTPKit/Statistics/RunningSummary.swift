/// Count, minimum, mean and maximum of a series, updated in O(1) without storing it.
public struct RunningSummary: Sendable, Hashable {
    public private(set) var count: Int = 0
    public private(set) var minimum: Double = 0
    public private(set) var maximum: Double = 0
    public private(set) var sum: Double = 0

    public init() {}

    @inlinable public var mean: Double { count == 0 ? 0 : sum / Double(count) }

    public mutating func add(_ value: Double) {
        if count == 0 { minimum = value; maximum = value } else {
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        }
        count += 1
        sum += value
    }
}
