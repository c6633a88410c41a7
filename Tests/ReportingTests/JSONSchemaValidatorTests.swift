import Foundation
import Testing

/// The schema validator itself must catch what it claims to, or the schema test proves nothing.
@Suite struct JSONSchemaValidatorTests {
    static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema/callscope.report-1.schema.json")

    static let minimalValid = """
        {"schema":"callscope.report/1","generator":{"name":"callscope","version":"0.1.0"},"captures":[],"calls":[],"streams":[],
         "signalling":{"srd_ms":{"count":0,"min":null,"mean":null,"p50":null,"p95":null,"max":null},
                       "sdd_ms":{"count":0,"min":null,"mean":null,"p50":null,"p95":null,"max":null},
                       "sdt_s":{"count":0,"min":null,"mean":null,"p50":null,"p95":null,"max":null},
                       "rrd_ms":{"count":0,"min":null,"mean":null,"p50":null,"p95":null,"max":null},
                       "ser_pct":null,"seer_pct":null,"isa_pct":null,"scr_pct":null,"ira_pct":null,"asr_pct":null,"ner_pct":null},
         "diagnostics":[]}
        """

    @Test func acceptsAMinimalValidReport() throws {
        let validator = try JSONSchemaValidator(schemaFile: Self.schemaURL)
        #expect(try validator.validate(Data(Self.minimalValid.utf8)) == [])
    }

    @Test(arguments: [
        ("\"schema\":\"callscope.report/1\"", "\"schema\":\"callscope.report/2\"", "$.schema"),
        ("\"diagnostics\":[]", "\"diagnostics\":[{\"severity\":\"fatal\",\"code\":\"x\",\"message\":\"m\",\"packet\":null}]", "$.diagnostics[0].severity"),
        ("\"ser_pct\":null", "\"ser_pct\":\"12\"", "$.signalling.ser_pct"),
        ("\"captures\":[]", "\"captures\":[{}]", "$.captures[0]"),
        ("\"srd_ms\":{\"count\":0", "\"srd_ms\":{\"count\":-1", "$.signalling.srd_ms.count"),
    ])
    func rejectsViolations(original: String, replacement: String, path: String) throws {
        let validator = try JSONSchemaValidator(schemaFile: Self.schemaURL)
        let broken = Self.minimalValid.replacingOccurrences(of: original, with: replacement)
        #expect(broken != Self.minimalValid)
        let errors = try validator.validate(Data(broken.utf8))
        #expect(errors.contains { $0.hasPrefix(path) }, "errors: \(errors)")
    }
}
