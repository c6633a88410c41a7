/// Values for the integer positions `start ..< end` of a larger range (histogram bins, say), grown on demand to
/// cover each new position, new slots holding `zero`: memory follows the spread of the data seen, not the
/// size of the range.
public struct CoveringSpan<Value> {
    /// First covered position (meaningless while empty).
    public private(set) var start = 0
    public private(set) var values: [Value] = []
    private let zero: Value

    public init(zero: Value) { self.zero = zero }

    public var isEmpty: Bool { values.isEmpty }
    /// One past the last covered position.
    public var end: Int { start + values.count }

    public func covers(_ position: Int) -> Bool { !values.isEmpty && position >= start && position < end }

    /// Grows the span (at either end) so that it covers `position`.
    public mutating func cover(_ position: Int) {
        if values.isEmpty {
            start = position
            values = [zero]
        } else if position < start {
            values.insert(contentsOf: repeatElement(zero, count: start - position), at: 0)
            start = position
        } else if position >= end {
            values.append(contentsOf: repeatElement(zero, count: position - end + 1))
        }
    }

    /// The value at a covered position.
    public subscript(position: Int) -> Value {
        get { values[position - start] }
        set { values[position - start] = newValue }
    }
}

extension CoveringSpan: Sendable where Value: Sendable {}
extension CoveringSpan: Equatable where Value: Equatable {}
