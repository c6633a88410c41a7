import Testing
import WireCore

struct CoveringSpanTests {
    @Test func growsAtBothEndsWithZeros() {
        var span = CoveringSpan<Int>(zero: 0)
        #expect(span.isEmpty && !span.covers(0))
        span.cover(10)
        span[10] += 3
        #expect(span.start == 10 && span.end == 11 && span.values == [3])
        span.cover(7)                      // below: zeros inserted in front, positions keep their values
        span[7] = 1
        #expect(span.start == 7 && span.values == [1, 0, 0, 3])
        span.cover(12)                     // above: zeros appended
        #expect(span.end == 13 && span.values == [1, 0, 0, 3, 0, 0])
        span.cover(9)                      // inside: nothing changes
        #expect(span.values.count == 6 && span[10] == 3)
        #expect(span.covers(7) && span.covers(12) && !span.covers(6) && !span.covers(13))
    }

    @Test func equalityComparesPositionsAndValues() {
        var a = CoveringSpan<UInt32>(zero: 0), b = CoveringSpan<UInt32>(zero: 0)
        a.cover(5); a[5] = 2
        b.cover(6); b[6] = 2
        #expect(a != b)
        b = CoveringSpan(zero: 0); b.cover(5); b[5] = 2
        #expect(a == b)
    }
}
