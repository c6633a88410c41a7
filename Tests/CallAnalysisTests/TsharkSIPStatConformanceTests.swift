import CallAnalysis
import Foundation
import SIPKit
import Testing
import TestSupport

/// SIP message, retransmission, method and status-code counts on every public capture equal
/// `tshark -q -z sip,stat` (4.0.17) — through the whole pipeline, SIP over UDP, TCP, IPv6 fragments and ERSPAN.
@Suite struct TsharkSIPStatConformanceTests {
    struct Reference {
        var messages = 0
        var resent = 0
        var codes: [Int: Int] = [:]
        var methods: [String: Int] = [:]
    }

    /// Parses tshark's `sip,stat` text: "Number of SIP messages: N", "SIP 200 OK : N Packets", "INVITE : N Packets".
    static func parse(_ text: String) -> Reference? {
        var reference = Reference()
        var sawHeader = false
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = Int(line.split(separator: " ").last(where: { Int($0) != nil }) ?? "")
            if line.hasPrefix("Number of SIP messages:") { reference.messages = number ?? -1; sawHeader = true }
            else if line.hasPrefix("Number of resent SIP messages:") { reference.resent = number ?? -1 }
            else if line.hasSuffix("Packets"), let colon = line.lastIndex(of: ":") {
                let count = Int(line[line.index(after: colon)...].split(separator: " ").first ?? "") ?? -1
                let label = line[..<colon].trimmingCharacters(in: .whitespaces)
                if label.hasPrefix("SIP "), let code = Int(label.split(separator: " ")[1]) { reference.codes[code] = count }
                else { reference.methods[label] = count }
            }
        }
        return sawHeader ? reference : nil
    }

    @Test(arguments: SharedCaptures.captureNames())
    func sipStatisticsMatchTshark(capture: String) throws {
        let text = try SharedCaptures.reference(capture, "sip_stat.txt")
        let result = try CaptureAnalysis.run(paths: [SharedCaptures.path(capture)])
        let ours = result.sip.sipStatistics
        guard let reference = Self.parse(text) else {
            #expect(ours.messages == 0, "tshark saw no SIP, we saw \(ours.messages) messages")
            return
        }
        #expect(ours.messages == reference.messages)
        #expect(ours.resentMessages == reference.resent)
        #expect(ours.responsesByCode == reference.codes)
        #expect(ours.requestsByMethod == reference.methods)
    }
}
