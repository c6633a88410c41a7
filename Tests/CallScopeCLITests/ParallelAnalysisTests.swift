import Foundation
import Testing
@testable import CallAnalysis
import CaptureSynth
import Reporting
import SIPKit
import WireCore
@testable import CallScopeCLI

/// `--jobs N`: independent files analysed concurrently must merge into the report a single pass gives.
@Suite struct ParallelAnalysisTests {
    /// Two synthetic captures that share no call, stream or time span: file B starts 60 s after file A ends,
    /// with another seed (other Call-IDs, SSRCs and ports). Loss and jitter make every figure non-trivial.
    static func writeIndependentCaptures(in directory: URL) throws -> [String] {
        var first = SynthesisPlan(calls: 6, durationSeconds: 8)
        first.seed = 11; first.lossPercent = 2; first.jitterMilliseconds = 5
        var second = SynthesisPlan(calls: 4, durationSeconds: 6)
        second.seed = 29; second.lossPercent = 1; second.jitterMilliseconds = 3
        second.start = Timestamp(nanoseconds: first.start.nanoseconds + 68 * 1_000_000_000)
        let paths = [directory.appendingPathComponent("a.pcap").path, directory.appendingPathComponent("b.pcap").path]
        _ = try CaptureSynthesizer.write(first, to: paths[0])
        _ = try CaptureSynthesizer.write(second, to: paths[1])
        return paths
    }

    static func report(_ result: AnalysisResult) -> String {
        ReportDocument.build(result, generatorVersion: "test").serialized()
    }

    @Test func jobsTwoMatchesTheSinglePassOnIndependentFiles() throws {
        let directory = try ReportCommandsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try Self.writeIndependentCaptures(in: directory)

        let single = try CaptureAnalysis.run(paths: paths)
        let parallel = try ParallelCaptureAnalysis.run(paths: paths, jobs: 2)
        // 6 + 4 calls, two streams each (one per direction), ids renumbered over both files.
        #expect(parallel.sip.calls.count == 10)
        #expect(parallel.streams.map(\.id) == (1...20).map { "s\($0)" })
        #expect(parallel.captures.count == 2)
        #expect(Self.report(parallel) == Self.report(single))

        // The same through the command-line option.
        let viaOptions = try AnalysisOptions.parse(["--jobs", "2"]).analyse(paths)
        #expect(Self.report(viaOptions) == Self.report(single))
    }

    @Test func mergeOrderIsDeterministic() throws {
        let directory = try ReportCommandsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try Self.writeIndependentCaptures(in: directory)
        // File B listed first: its calls still come last (INVITE time), its streams after A's (first packet),
        // and repeated runs (threads finishing in any order) give the same bytes.
        let reversed = Array(paths.reversed())
        let reports = try (0..<3).map { _ in Self.report(try ParallelCaptureAnalysis.run(paths: reversed, jobs: 2)) }
        #expect(Set(reports).count == 1)
        let result = try ParallelCaptureAnalysis.run(paths: reversed, jobs: 2)
        #expect(result.captures.map(\.summary.path) == reversed)
        let inviteTimes = result.sip.calls.map(\.inviteTime)
        #expect(inviteTimes == inviteTimes.sorted())
        let firstPackets = result.streams.map(\.summary.firstPacket)
        #expect(firstPackets == firstPackets.sorted())
        // Every call's stream ids point at streams that carry that Call-ID.
        for (call, ids) in result.streamIDsByCall {
            for id in ids { #expect(result.streams.first { $0.id == id }?.callID == call) }
        }
        #expect(result.streamIDsByCall.values.reduce(0) { $0 + $1.count } == 20)
    }

    @Test func statisticsAreSummedAcrossFiles() {
        var a = SIPStatistics(messages: 10, resentMessages: 1, responsesByCode: [200: 2, 180: 2], requestsByMethod: ["INVITE": 2],
                              setupTimeCount: 2, averageSetupTimeMs: 100, minSetupTimeMs: 90, maxSetupTimeMs: 110)
        let b = SIPStatistics(messages: 5, resentMessages: 0, responsesByCode: [200: 1], requestsByMethod: ["INVITE": 1, "BYE": 1],
                              setupTimeCount: 1, averageSetupTimeMs: 40, minSetupTimeMs: 40, maxSetupTimeMs: 40)
        let empty = SIPStatistics(messages: 0, resentMessages: 0, responsesByCode: [:], requestsByMethod: [:],
                                  setupTimeCount: 0, averageSetupTimeMs: 0, minSetupTimeMs: 0, maxSetupTimeMs: 0)
        let total = SIPStatistics.summing([empty, a, b])
        // (100·2 + 40·1) / 3 = 80; min 40, max 110; an empty file does not pull the minimum to 0.
        a = total
        #expect(a.messages == 15 && a.resentMessages == 1)
        #expect(a.responsesByCode == [200: 3, 180: 2] && a.requestsByMethod == ["INVITE": 3, "BYE": 1])
        #expect(a.setupTimeCount == 3 && a.averageSetupTimeMs == 80 && a.minSetupTimeMs == 40 && a.maxSetupTimeMs == 110)
    }
}
