import Testing
@testable import QualityModel

/// Reference values: standards.md §1.8 (two independent full G.107 implementations agree on 93.2062).
@Suite struct EModelTests {
    @Test func defaultsGiveTheG107CheckValue() {
        let r = EModel.evaluate(EModelInput())
        #expect(abs(r.noisePower - -61.1792) < 1e-4)
        #expect(abs(r.ro - 94.7688) < 1e-4)
        #expect(abs(r.iolr - 0.44018) < 1e-5)
        #expect(abs(r.ist - -0.00072) < 1e-5)
        #expect(abs(r.iq - 0.97411) < 1e-5)
        #expect(abs(r.simultaneousImpairment - 1.41357) < 1e-5)
        #expect(r.idte == 0)
        #expect(abs(r.idle - 0.14905) < 1e-5)
        #expect(r.idd == 0)
        #expect(abs(r.rFactor - 93.2062) < 1e-4)
        #expect(abs(r.mos - 4.4094) < 1e-4)
    }

    /// standards.md §1.8 d-table: T = Ta = d, Tr = 2d, other inputs default.
    @Test(arguments: [
        (0.0, 0.0, 0.149, 0.0, 93.206, 4.409) as (Double, Double, Double, Double, Double, Double),
        (100, 1.964, 0.728, 0, 90.664, 4.355),
        (150, 2.812, 0.841, 0.164, 89.539, 4.328),
        (200, 3.571, 0.935, 3.044, 85.805, 4.223),
        (300, 4.834, 1.094, 14.761, 72.666, 3.719),
        (400, 5.808, 1.230, 24.070, 62.247, 3.216),
        (500, 6.564, 1.352, 30.636, 54.803, 2.828),
    ])
    func delayTable(d: Double, idte: Double, idle: Double, idd: Double, r: Double, mos: Double) {
        var x = EModelInput()
        x.applyPlanningDelay(d)
        let e = EModel.evaluate(x)
        #expect(abs(e.idte - idte) < 0.0015)
        #expect(abs(e.idle - idle) < 0.0015)
        #expect(abs(e.idd - idd) < 0.0015)
        #expect(abs(e.rFactor - r) < 0.0015)
        #expect(abs(e.mos - mos) < 0.0015)
    }

    /// Idd at Ta = 200 ms: X = 1 → 25·(2^(1/6) − 3(1 + 3^−6)^(1/6) + 2) = 3.04441.
    @Test func iddAt200ms() {
        #expect(abs(EModel.absoluteDelayImpairment(absoluteDelayMs: 200) - 3.04441) < 1e-5)
        #expect(EModel.absoluteDelayImpairment(absoluteDelayMs: 100) == 0)
    }

    /// One cell of standards.md §1.8 codec/loss grid (random loss).
    struct GridCell: Sendable, CustomStringConvertible {
        let ie: Double, bpl: Double, ppl: Double, r: Double, mos: Double
        var description: String { "Ie \(ie) Bpl \(bpl) Ppl \(ppl)" }
    }

    static let grid: [GridCell] = {
        let rows: [(ie: Double, bpl: Double, r: [Double], mos: [Double])] = [
            (0, 25.1, [93.21, 89.57, 86.20, 77.43], [4.409, 4.328, 4.235, 3.923]),  // G.711 + PLC
            (0, 4.3, [93.21, 75.28, 63.05, 42.13], [4.409, 3.834, 3.256, 2.170]),   // G.711 no PLC
            (11, 19, [82.21, 78.01, 74.21, 64.71], [4.105, 3.946, 3.788, 3.340]),   // G.729A + VAD
            (15, 16.1, [78.21, 73.53, 69.37, 59.25], [3.954, 3.758, 3.567, 3.061]), // G.723.1 6.3k
            (5, 10, [88.21, 80.02, 73.21, 58.21], [4.293, 4.025, 3.744, 3.007]),    // GSM-EFR
        ]
        let losses: [Double] = [0, 1, 2, 5]
        var cells: [GridCell] = []
        for row in rows {
            for i in losses.indices {
                cells.append(GridCell(ie: row.ie, bpl: row.bpl, ppl: losses[i], r: row.r[i], mos: row.mos[i]))
            }
        }
        return cells
    }()

    /// standards.md §1.8 codec/loss grid, R to 0.01 and MOS to 0.001 (the table's rounding).
    @Test(arguments: grid)
    func codecLossGrid(cell: GridCell) {
        var x = EModelInput()
        x.equipmentImpairment = cell.ie
        x.packetLossRobustness = cell.bpl
        x.packetLossPercent = cell.ppl
        let e = EModel.evaluate(x)
        #expect(abs(e.rFactor - cell.r) < 0.006)
        #expect(abs(e.mos - cell.mos) < 0.0006)
    }

    /// G.711+PLC at 2 %: Ie,eff = 95·2/(2/B + 25.1) → 7.0111 / 7.2797 / 7.4219 for B = 1 / 2 / 4.
    @Test(arguments: [(1.0, 7.0111), (2, 7.2797), (4, 7.4219)])
    func burstRatioRaisesIeEff(burst: Double, expected: Double) {
        let v = EModel.effectiveEquipmentImpairment(ie: 0, bpl: 25.1, ppl: 2, burstRatio: burst)
        #expect(abs(v - expected) < 1e-4)
    }

    @Test func rIsMonotonicInLossAndDelay() {
        var previous = Double.infinity
        for ppl in stride(from: 0.0, through: 20, by: 0.5) {
            var x = EModelInput(); x.equipmentImpairment = 0; x.packetLossRobustness = 25.1; x.packetLossPercent = ppl
            let r = EModel.evaluate(x).rFactor
            #expect(r < previous)
            previous = r
        }
        previous = .infinity
        for d in stride(from: 0.0, through: 600, by: 25) {
            var x = EModelInput(); x.applyPlanningDelay(d)
            let r = EModel.evaluate(x).rFactor
            #expect(r <= previous)
            previous = r
        }
    }
}

@Suite struct MOSMappingTests {
    /// Annex B at R = 90/80/70/60/50 → 4.339/4.024/3.597/3.100/2.575 (formula; Table B.1 prints 4.03 at 80).
    @Test(arguments: [(90.0, 4.339), (80, 4.024), (70, 3.597), (60, 3.100), (50, 2.575)])
    func annexB(r: Double, mos: Double) {
        #expect(abs(MOSMapping.mos(fromR: r) - mos) < 0.0006)
    }

    @Test func clampsAtTheEnds() {
        #expect(MOSMapping.mos(fromR: -5) == 1)
        #expect(MOSMapping.mos(fromR: 0) == 1)
        #expect(MOSMapping.mos(fromR: 3.3) == 1)      // cubic gives ≈ 0.977 here; clamped to 1
        #expect(MOSMapping.mos(fromR: 100) == 4.5)
        #expect(MOSMapping.mos(fromR: 130) == 4.5)
        #expect(MOSMapping.mos(fromR: 7) > 1)
    }

    /// Appendix I must invert Annex B on (6.515, 100); MOS 4.41 ↦ ≈ 93.24 (the wrong atan2 order gives −27).
    @Test func inverseRoundTrips() {
        for r in stride(from: 7.0, through: 99, by: 1) {
            let back = MOSMapping.r(fromMOS: MOSMapping.mos(fromR: r))
            #expect(abs(back - r) < 1e-6, "R \(r)")
        }
        #expect(abs(MOSMapping.r(fromMOS: 4.41) - 93.24) < 0.01)
        #expect(MOSMapping.r(fromMOS: 1) == 0)
        #expect(MOSMapping.r(fromMOS: 4.5) == 100)
    }

    /// standards.md §2 vectors: Ie,WB 0/1/8/13/41/56 → R_WB 129/128/121/116/88/73 → MOS 4.5/4.4940/4.4206/4.3371/3.5123/2.9220.
    @Test(arguments: [(0.0, 129.0, 4.5), (1, 128, 4.4940), (8, 121, 4.4206), (13, 116, 4.3371), (41, 88, 3.5123), (56, 73, 2.9220)])
    func widebandVectors(ie: Double, r: Double, mos: Double) {
        let e = WidebandEModel.evaluate(ie: ie, bpl: 1, ppl: 0, burstRatio: 1, absoluteDelayMs: 0)
        #expect(abs(e.rFactor - r) < 1e-9)
        #expect(abs(e.mos - mos) < 1e-4)
        #expect(abs(MOSMapping.widebandR(fromMOS: e.mos) - r) < (r >= 129 ? 0.01 : 1e-6))
    }

    /// AMR-WB 12.65 (Ie,WB 20, Bpl,WB 4.3) at 2 %: Ie,eff = 20 + 75·2/6.3 = 43.8095, MOS 3.4062.
    @Test func amrWBAtTwoPercent() throws {
        let codec = try #require(CodecImpairmentTable.lookup("AMR-WB"))
        let e = WidebandEModel.evaluate(ie: codec.ie, bpl: codec.bplWithPLC, ppl: 2, burstRatio: 1, absoluteDelayMs: 0)
        #expect(abs(e.effectiveEquipmentImpairment - 43.8095) < 1e-4)
        #expect(abs(e.mos - 3.4062) < 1e-4)
    }
}
