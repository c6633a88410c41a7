import Foundation
import Testing

/// The hand-written sample report (Fixtures/sample-report.json) that renderer tests use must itself
/// satisfy the contract, or renderer tests would be proving things about an impossible document.
@Suite struct SampleReportSchemaTests {
    @Test func sampleReportSatisfiesTheSchema() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sample-report.json")
        let validator = try JSONSchemaValidator(schemaFile: JSONSchemaValidatorTests.schemaURL)
        #expect(try validator.validate(Data(contentsOf: fixture)) == [])
    }
}
