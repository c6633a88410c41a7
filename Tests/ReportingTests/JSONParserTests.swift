import Testing
@testable import Reporting

@Suite struct JSONParserTests {
    @Test func keepsKeyOrderAndValueTypes() throws {
        let value = try JSONValue.parse(#"{"z": 1, "a": [true, false, null], "m": -2.5e1, "s": "x\"\\\/\n\u00e9\ud83d\ude00", "i": 12.0}"#)
        #expect(value.objectMembers?.map(\.0) == ["z", "a", "m", "s", "i"])
        #expect(value["z"] == .int(1))
        #expect(value["a"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["m"] == .double(-25))
        #expect(value["s"] == .string("x\"\\/\né😀"))
        // "12.0" has a fraction part, so it stays a double; the accessor still reads it as 12.
        #expect(value["i"] == .double(12))
        #expect(value.int(at: "i") == 12)
    }

    /// Serialisation escapes exactly what RFC 8259 §7 requires (quote, backslash, U+0000–U+001F), with the
    /// short forms for \n \r \t, and passes other text (including non-ASCII) through as UTF-8.
    @Test func serialisedEscapes() throws {
        let text = "a\"b\\c\nd\re\tf\u{01}\u{1F}\u{7F}é😀/"
        let compact = JSONValue.array([.string(text), .object([("k\"ey", .int(-3)), ("e", .array([]))])]).serialized(pretty: false)
        #expect(compact == #"["a\"b\\c\nd\re\tf\u0001\u001f"# + "\u{7F}é😀/" + #"",{"k\"ey":-3,"e":[]}]"#)
        #expect(try JSONValue.parse(compact) == .array([.string(text), .object([("k\"ey", .int(-3)), ("e", .array([]))])]))
        #expect(JSONValue.object([("a", .array([.int(1)])), ("b", .object([]))]).serialized() == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}\n")
    }

    @Test func roundTripsTheFixture() throws {
        let fixture = try ReportFixture.sample()
        let reparsed = try JSONValue.parse(fixture.serialized())
        #expect(reparsed == fixture)
        #expect(fixture.string(at: "calls.0.call_id") == "a84b4c76e66710@pc33.example.com")
        #expect(fixture.double(at: "streams.1.wireshark.max_jitter_ms") == 9.5)
        #expect(fixture.int(at: "streams.1.lost") == 48)
        #expect(fixture.value(at: "streams.2.rtcp")?.isNull == true)
        #expect(fixture.double(at: "streams.2.rtcp.rtt_ms") == nil)
        #expect(fixture.array(at: "streams.0.payload_types").count == 2)
        #expect(fixture.value(at: "streams.9") == nil)
    }

    @Test(arguments: [
        // (text, line, column, reason fragment)
        ("{\"a\": 1,}", 1, 9, "expected a string key"),
        ("[1, 2", 1, 6, "unexpected end of input"),
        ("{\n  \"a\": 01\n}", 2, 8, "leading zero"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[1] [2]", 1, 5, "after the top-level value"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[tru]", 1, 2, "invalid literal"),
        ("\"\\x\"", 1, 2, "invalid escape"),
        ("\"\\ud800\"", 1, 2, "unpaired high surrogate"),
        ("[1.]", 1, 4, "digit after '.'"),
        ("", 1, 1, "unexpected end of input"),
        ("\"a\u{01}\"", 1, 3, "control character"),
    ])
    func reportsErrorsWithPosition(text: String, line: Int, column: Int, reason: String) {
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column && error.reason.contains(reason)
        }
    }

    @Test func rejectsInvalidUTF8AndExcessiveNesting() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes: [0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue.parse(fine)) != nil)
    }

    @Test func readsBigIntegersAsDoubles() throws {
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONValue.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try JSONValue.parse("-0") == .int(0))
    }

    @Test func parsesReportTimes() {
        // 2026-11-20 is 20 777 days after 1970-01-01 (Hinnant days_from_civil); 10:00:02.4 = 36 002.4 s.
        #expect(abs((ReportTime.seconds("2026-11-20T10:00:02.400000Z") ?? 0) - (20_777 * 86_400 + 36_002.4)) < 1e-6)
        #expect(ReportTime.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(ReportTime.seconds("1970-01-01T01:00:00+01:00") == 0)
        #expect(ReportTime.seconds("2026-13-01T00:00:00Z") == nil)
        #expect(ReportTime.seconds("yesterday") == nil)
        #expect(ReportTime.clock(75.9) == "01:15")
        #expect(ReportTime.clock(3725) == "1:02:05")
    }
}
