/// JUnit XML for CI systems: one `<testcase>` per evaluated call (and per stream no call refers to, and one
/// for the report-wide ASR), each failing threshold a `<failure>`.
public enum JUnitReport {
    public static func xml(_ result: GateResult, suiteName: String = "callscope.check") -> String {
        var cases: [(name: String, classname: String, failures: [Violation])] = []
        for subject in result.subjects {
            let failures = result.violations.filter { $0.callID == subject.callID && ($0.callID != nil || $0.streamID == subject.streamID) }
            if let callID = subject.callID {
                cases.append((callID, "callscope.call", failures))
            } else {
                cases.append(("stream \(subject.streamID ?? "?")", "callscope.stream", failures))
            }
        }
        let reportWide = result.violations.filter { $0.callID == nil && $0.streamID == nil }
        if result.asrPct != nil || !reportWide.isEmpty { cases.append(("answer-seizure ratio", "callscope.report", reportWide)) }

        let failureCount = cases.filter { !$0.failures.isEmpty }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(cases.count)\" failures=\"\(failureCount)\">\n"
        xml += "  <testsuite name=\"\(escape(suiteName))\" tests=\"\(cases.count)\" failures=\"\(failureCount)\" errors=\"0\" skipped=\"0\">\n"
        for testCase in cases {
            xml += "    <testcase classname=\"\(testCase.classname)\" name=\"\(escape(testCase.name))\""
            guard !testCase.failures.isEmpty else { xml += "/>\n"; continue }
            xml += ">\n"
            let summary = testCase.failures.map { "\($0.metric) \(NumberText.compact($0.measured, 2)) (\($0.bound.rawValue) \(NumberText.compact($0.limit, 2)))" }
            xml += "      <failure type=\"threshold\" message=\"\(escape(summary.joined(separator: "; ")))\">"
            xml += escape(testCase.failures.map(\.description).joined(separator: "\n"))
            xml += "</failure>\n    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// XML 1.0 escaping for text and attributes; characters XML 1.0 cannot carry become U+FFFD.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text, for: .xml) }
}
