import Testing
@testable import Reporting

@Suite struct StatisticsTests {
    @Test(arguments: [
        // Wilson 95 %: n = 10, p̂ = 0.3, z² = 3.8415: denominator 1.38415, centre (0.3 + 0.19207)/1.38415 = 0.35550,
        // half 1.96·√(0.021 + 0.0096037)/1.38415 = 0.24771 → [0.1078, 0.6032].
        (3, 10, 0.1078, 0.6032),
        // 0/3: centre 0.64023/2.28049·… → [0, 0.5615] (upper = z²/n / (1 + z²/n) = 1.28049/2.28049).
        (0, 3, 0.0, 0.5615),
        // 3000/3000 → lower 3000/(3000 + 3.8415) = 0.99872.
        (3000, 3000, 0.9987, 1.0),
    ])
    func wilsonIntervals(successes: Int, trials: Int, lower: Double, upper: Double) throws {
        let ci = try #require(Proportion(successes: successes, trials: trials).wilson())
        #expect(abs(ci.lower - lower) < 0.0001)
        #expect(abs(ci.upper - upper) < 0.0001)
    }

    @Test func noTrialsHasNoInterval() {
        #expect(Proportion(successes: 0, trials: 0).wilson() == nil)
        #expect(Proportion(successes: 0, trials: 0).ratio == nil)
    }

    @Test func quantilesInterpolateLinearly() {
        // Type 7: [600, 800] p95 = 600 + 0.95·200 = 790 (the fixture's signalling.srd_ms.p95).
        #expect(Distribution([800, 600]).quantile(0.95) == 790)
        // [1, 2, 3, 4]: p50 h = 1.5 → 2.5; mean 2.5.
        let d = Distribution([4, 1, 3, 2, .nan])
        #expect(d.count == 4)
        #expect(d.quantile(0.5) == 2.5)
        #expect(d.mean == 2.5)
        #expect(Distribution([]).quantile(0.5) == nil)
    }
}
