import Foundation
import Testing
import TestSupport
@testable import CaptureSynth

/// Runs tshark 4.x on generated files (skipped, with a message, where tshark is not installed).
enum TShark {
    static let path = ["/usr/bin/tshark", "/usr/local/bin/tshark"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { path != nil }

    static func run(_ arguments: [String]) throws -> String {
        try ExternalTool.run(executable: path ?? "tshark", arguments).output
    }

    /// `name : N Packets` lines of `-z sip,stat`, keyed by the trimmed name ("SIP 200 OK", "INVITE").
    static func sipStat(_ path: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try run(["-r", path, "-q", "-z", "sip,stat"]).split(separator: "\n") where line.hasSuffix("Packets") {
            let parts = line.split(separator: ":")
            guard parts.count == 2, let count = Int(parts[1].split(separator: " ")[0]) else { continue }
            counts[parts[0].trimmingCharacters(in: .whitespaces)] = count
        }
        return counts
    }

    /// SSRC → (packets, lost) from `-z rtp,streams`.
    static func rtpStreams(_ path: String) throws -> [UInt32: (packets: Int, lost: Int)] {
        var streams: [UInt32: (Int, Int)] = [:]
        for line in try run(["-r", path, "-q", "-z", "rtp,streams"]).split(separator: "\n") {
            let tokens = line.split(separator: " ")
            guard tokens.count > 10, tokens[6].hasPrefix("0x"), let ssrc = UInt32(tokens[6].dropFirst(2), radix: 16),
                  let percent = tokens.firstIndex(where: { $0.hasPrefix("(") && $0.hasSuffix("%)") }), percent >= 2,
                  let packets = Int(tokens[percent - 2]), let lost = Int(tokens[percent - 1]) else { continue }
            streams[ssrc] = (packets, lost)
        }
        return streams
    }
}

@Suite("tshark cross-check", .enabled(if: TShark.available, "tshark is not installed; skipping the cross-check"))
struct TSharkCrossCheckTests {
    @Test func tsharkReadsEveryPacketAndCountsTheSameSIP() throws {
        var plan = SynthesisPlan(calls: 12, durationSeconds: 6)
        plan.failureRatio = 0.5
        plan.seed = 22
        let output = TemporaryCapture("tshark-sip")
        let summary = try CaptureSynthesizer.write(plan, to: output.path)
        let frames = try TShark.run(["-r", output.path, "-T", "fields", "-e", "frame.number"])
        #expect(frames.split(separator: "\n").count == summary.packets)

        let stat = try TShark.sipStat(output.path)
        #expect(stat.isEmpty == false)
        for (method, count) in summary.sipRequests {
            #expect(stat[method] == count, "\(method)")
        }
        let reasons = [100: "Trying", 180: "Ringing", 200: "OK", 486: "Busy Here", 487: "Request Terminated",
                       503: "Service Unavailable"]
        for (status, count) in summary.sipResponses {
            #expect(stat["SIP \(status) \(reasons[status] ?? "")"] == count, "\(status)")
        }
        let total = stat.values.reduce(0, +)
        #expect(total == summary.sipMessages)
        // Every outcome is present in this seed's mix, so all six status codes were compared.
        #expect(summary.sipResponses.count == 6)
    }

    @Test(arguments: [0.0, 25.0])
    func tsharkLossMatchesTheSummary(jitter: Double) throws {
        var plan = SynthesisPlan(calls: 4, durationSeconds: 10)
        plan.lossPercent = 6
        plan.burstLength = 3
        plan.jitterMilliseconds = jitter
        plan.seed = 8
        let output = TemporaryCapture("tshark-rtp-\(Int(jitter))")
        let summary = try CaptureSynthesizer.write(plan, to: output.path)
        let streams = try TShark.rtpStreams(output.path)
        #expect(streams.count == summary.streams.count)
        // With 25 ms jitter the tail is reordered in some streams, so the two definitions really differ there.
        if jitter > 0 { #expect(summary.streams.contains { $0.tsharkLost != $0.expectedLost }) }
        for stream in summary.streams {
            let seen = try #require(streams[stream.ssrc])
            #expect(seen.packets == stream.written)
            #expect(seen.lost == stream.tsharkLost)
            if jitter == 0 {
                // In order, the last packet is the highest: both definitions agree with the RFC 3550 figure.
                #expect(stream.tsharkLost == stream.expectedLost)
                #expect(stream.expectedLost == stream.dropped)
            }
            #expect(stream.dropped > 0)
        }
    }
}
