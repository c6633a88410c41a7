import CallAnalysis
import Foundation
import Reporting
import Testing
import TestSupport

/// Real `analyze` output — from the project's demo capture and from every public capture — satisfies the
/// JSON Schema of the report contract, keeps its stable ordering, and is byte-identical across two runs.
@Suite struct RealReportSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func document(_ path: String) throws -> String {
        let result = try CaptureAnalysis.run(paths: [path])
        return ReportDocument.build(result, generatorVersion: "test").serialized()
    }

    static func check(_ text: String) throws {
        let validator = try JSONSchemaValidator(schemaFile: JSONSchemaValidatorTests.schemaURL)
        let errors = try validator.validate(Data(text.utf8))
        #expect(errors.isEmpty, "schema violations: \(errors.prefix(10))")
        let document = try JSONValue.parse(text)
        let inviteTimes = document.array(at: "calls").compactMap { $0.string(at: "invite_time") }
        #expect(inviteTimes == inviteTimes.sorted(), "calls ordered by INVITE time")
        let starts = document.array(at: "streams").compactMap { $0.string(at: "first_packet") }
        #expect(starts == starts.sorted(), "streams ordered by first packet")
        let ids = document.array(at: "streams").compactMap { $0.string(at: "id") }
        #expect(ids == (0..<ids.count).map { "s\($0 + 1)" })
    }

    /// `analyze --json` streams the document (calls and streams serialised one at a time, written in chunks):
    /// the text must be exactly that of the whole document, whatever the chunk size.
    @Test(arguments: [1, 700, 1 << 20])
    func streamedDocumentEqualsTheWholeDocument(chunkBytes: Int) throws {
        let path = Self.repository.appendingPathComponent("captures/demo-calls.pcap").path
        let result = try CaptureAnalysis.run(paths: [path])
        var pieces: [[UInt8]] = []
        ReportDocument.write(result, generatorVersion: "test", chunkBytes: chunkBytes) { pieces.append($0) }
        let whole = ReportDocument.build(result, generatorVersion: "test").serialized()
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == whole)
        #expect(pieces.dropLast().allSatisfy { $0.count >= chunkBytes }, "pieces are flushed at the chunk size")
        if chunkBytes == 1 { #expect(pieces.count > 12, "calls and streams are written one by one") }
    }

    @Test func demoCaptureReportIsValidAndStable() throws {
        let path = Self.repository.appendingPathComponent("captures/demo-calls.pcap").path
        let first = try Self.document(path)
        try Self.check(first)
        #expect(try Self.document(path) == first, "two runs must produce identical reports")
        let document = try JSONValue.parse(first)
        #expect(document.array(at: "calls").count == 4)
        #expect(document.array(at: "streams").count == 8)
        // Every stream of the demo is linked to its call through SDP, and scored.
        for stream in document.array(at: "streams") {
            #expect(stream.string(at: "call_id") != nil)
            #expect(stream.double(at: "quality.mos") != nil)
        }
    }

    @Test(arguments: SharedCaptures.captureNames())
    func publicCaptureReportIsValid(capture: String) throws {
        try Self.check(try Self.document(SharedCaptures.path(capture)))
    }
}
