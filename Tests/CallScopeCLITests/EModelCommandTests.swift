import Testing
@testable import CallScopeCLI
import QualityModel
import Foundation

@Suite struct EModelCommandTests {
    /// No flags: the G.107 Table 3 defaults → R = 93.2062, MOS 4.4094.
    @Test func defaults() throws {
        let c = try EModelCommand.parse([]).calculation()
        #expect(c.model == .narrowband)
        #expect(abs(c.result.rFactor - 93.2062) < 1e-4 && abs(c.result.mos - 4.4094) < 1e-4)
    }

    /// --delay 200 → T = Ta = 200, Tr = 400: standards.md §1.8 d-table row R 85.805, MOS 4.223.
    @Test func delayConvention() throws {
        let c = try EModelCommand.parse(["--delay", "200"]).calculation()
        #expect(c.input.meanOneWayDelayMs == 200 && c.input.absoluteDelayMs == 200 && c.input.roundTripDelayMs == 400)
        #expect(abs(c.result.rFactor - 85.805) < 0.0015 && abs(c.result.mos - 4.223) < 0.0015)
        // An explicit --ta overrides the convention for Ta only.
        let o = try EModelCommand.parse(["--delay", "200", "--ta", "50"]).calculation()
        #expect(o.input.absoluteDelayMs == 50 && o.input.meanOneWayDelayMs == 200)
    }

    /// G.729A+VAD (Ie 11, Bpl 19) at 2 % random loss: standards.md §1.8 grid R 74.21, MOS 3.788; same via --ie/--bpl.
    @Test func codecAndExplicitValuesAgree() throws {
        let named = try EModelCommand.parse(["--codec", "g729a", "--loss", "2"]).calculation()
        let explicit = try EModelCommand.parse(["--ie", "11", "--bpl", "19", "--loss", "2"]).calculation()
        #expect(abs(named.result.rFactor - 74.21) < 0.006 && abs(named.result.mos - 3.788) < 0.0006)
        #expect(named.result.rFactor == explicit.result.rFactor)
        #expect(named.codec?.ituPublished == true && explicit.codec == nil)
    }

    /// G.711 without PLC (Bpl 4.3) at 1 %: R 75.28; BurstR 2 raises Ie,eff.
    @Test func noPLCAndBurstRatio() throws {
        let c = try EModelCommand.parse(["--codec", "pcmu", "--no-plc", "--loss", "1"]).calculation()
        #expect(abs(c.result.rFactor - 75.28) < 0.006)
        let bursty = try EModelCommand.parse(["--codec", "pcmu", "--loss", "2", "--burst-ratio", "2"]).calculation()
        #expect(abs(bursty.result.effectiveEquipmentImpairment - 7.2797) < 1e-4)
    }

    /// AMR-WB 12.65 at 2 %: G.107.1, Ie,eff,WB 43.8095, MOS 3.4062 (standards.md §2).
    @Test func widebandCodec() throws {
        let c = try EModelCommand.parse(["--codec", "amr-wb", "--loss", "2"]).calculation()
        #expect(c.model == .wideband)
        #expect(abs(c.result.effectiveEquipmentImpairment - 43.8095) < 1e-4 && abs(c.result.mos - 3.4062) < 1e-4)
    }

    @Test(arguments: [["--codec", "pcmu", "--ie", "3"], ["--codec", "nonsense"], ["--loss", "120"], ["--delay", "-1"],
                      ["--burst-ratio", "0"]])
    func rejects(arguments: [String]) {
        #expect(throws: (any Error).self) { try EModelCommand.parse(arguments) }
    }

    /// JSON carries r_factor and mos (snake_case) plus inputs and model.
    @Test func jsonKeys() throws {
        let c = try EModelCommand.parse(["--json"]).calculation()
        let data = try JSONEncoder().encode(EModelJSON(c))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["r_factor"] as? Double == c.result.rFactor)
        #expect(object["mos"] as? Double == c.result.mos)
        #expect(object["model"] as? String == "G.107")
        #expect((object["inputs"] as? [String: Any])?["slr"] as? Double == 8)
    }
}
