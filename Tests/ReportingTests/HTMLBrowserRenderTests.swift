import Foundation
import Testing
import TestSupport
import Reporting

/// Opens the rendered fixture in headless Chromium and checks the page's script ran without errors
/// (it sets `data-render="ok"` on `<body>`; an uncaught error sets `data-render="error"`).
/// Skipped when Chromium is missing and `CI` is unset; fails when `CI` is set (CI installs it).
@Suite struct HTMLBrowserRenderTests {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/chromium-headless-shell"]
    static var chromium: String? { candidates.first { FileManager.default.isExecutableFile(atPath: $0) } }
    static var onCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    @Test func fixtureRendersWithoutScriptErrors() throws {
        guard let chromium = Self.chromium else {
            if Self.onCI { Issue.record("Chromium is not installed; CI must run `bash scripts/install-deps.sh chromium`") }
            else { print("SKIPPED browser render test: Chromium not installed (apt-get install chromium); set CI=1 to make this a failure") }
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try HTMLReport.render(try ReportFixture.sample()).write(to: page, atomically: true, encoding: .utf8)

        let dom = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString], in: directory)
        #expect(dom.contains("data-render=\"ok\""), "page script did not finish: \(dom.prefix(300))")
        #expect(!dom.contains("data-error="))
        // The filter script ran: it writes the row count.
        #expect(dom.contains("2 of 2 calls"))

        let shot = directory.appendingPathComponent("shot.png")
        _ = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2400",
                                    "--screenshot=\(shot.path)", page.absoluteString], in: directory)
        let size = (try? FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
        #expect(size > 10_000, "screenshot missing or blank (\(size) bytes)")
        if let keep = ProcessInfo.processInfo.environment["CALLSCOPE_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try? FileManager.default.removeItem(atPath: keep + ".html")
            try FileManager.default.copyItem(at: shot, to: URL(fileURLWithPath: keep))
            try FileManager.default.copyItem(at: page, to: URL(fileURLWithPath: keep + ".html"))
        }
    }

    /// Sorting and filtering the call table in the browser: a copy of the page gets a probe script that clicks the
    /// Caller header twice and types into the filter, recording the row order and the "shown" text on <body>.
    @Test func callTableSortsAndFilters() throws {
        guard let chromium = Self.chromium else {
            if Self.onCI { Issue.record("Chromium is not installed; CI must run `bash scripts/install-deps.sh chromium`") }
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let probe = """
            <script>(function(){var t=document.getElementById("call-table"),h=t.tHead.rows[0].cells[1];
            var order=function(){return Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[1].getAttribute("data-v");}).join("|");};
            h.click();var asc=order();h.click();var desc=order();
            var f=document.getElementById("filter");f.value="failed-1";f.dispatchEvent(new Event("input"));
            document.body.setAttribute("data-asc",asc);document.body.setAttribute("data-desc",desc);
            document.body.setAttribute("data-shown",document.getElementById("shown").textContent);})();</script></body>
            """
        let html = HTMLReport.render(try ReportFixture.sample()).replacingOccurrences(of: "</body>", with: probe)
        let page = directory.appendingPathComponent("probe.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let dom = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString], in: directory)
        #expect(dom.contains("data-render=\"ok\""))
        #expect(dom.contains("data-asc=\"74951234567|74957654321\""))
        #expect(dom.contains("data-desc=\"74957654321|74951234567\""))
        #expect(dom.contains("data-shown=\"1 of 2 calls\""))
    }

    /// Runs Chromium with a private profile directory; returns standard output.
    static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> String {
        try ExternalTool.run(executable: executable,
                             ["--user-data-dir=\(directory.appendingPathComponent("profile").path)"] + arguments).output
    }
}
