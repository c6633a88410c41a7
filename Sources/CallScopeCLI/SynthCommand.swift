import ArgumentParser
import CaptureSynth

extension SynthCodec: ExpressibleByArgument {}
extension SynthesisPlan.Precision: ExpressibleByArgument {}

/// `callscope synth`: writes a synthetic capture of concurrent SIP calls with RTP/RTCP.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic pcap of concurrent SIP calls with RTP/RTCP and optional impairments.",
        discussion: """
            Every call has a full SIP dialog over UDP 5060 between a caller host and one of a few carrier \
            gateways (INVITE with SDP, 100, 180, 200 with SDP, ACK, BYE, 200), RTP both ways every 20 ms \
            and an RTCP sender report every ~5 s per direction. Calls start evenly over the ramp, so all of \
            them run at the same time. The output is identical for the same options and seed.

            Loss (Bernoulli, or Gilbert-Elliott bursts with --burst above 1) never removes the first or last \
            packet of a stream, so an analyser's RFC 3550 lost count equals the packets dropped minus duplicates. \
            Jitter adds an exponential delay (mean MS, capped at 10×) to each RTP packet but the first; the file \
            stays in capture-time order, so sequence numbers appear reordered once the jitter exceeds ~20 ms.

            Examples:
              callscope synth --calls 1000 --duration 60 --out load.pcap
              callscope synth --calls 20 --duration 30 --loss 3 --burst 4 --jitter 15 --out demo.pcap
              callscope synth --calls 10 --duration 20 --dtmf 123# --failure-ratio 0.2 --seed 7 --out fixture.pcap
            """)

    @Option(help: "Number of concurrent calls.")
    var calls: Int

    @Option(help: "Media duration of each answered call, in seconds.")
    var duration: Double

    @Option(help: "RTP packet loss in percent.")
    var loss: Double = 0

    @Option(help: "Mean loss-burst length in packets (Gilbert-Elliott model when above 1).")
    var burst: Double = 1

    @Option(help: "Mean extra RTP delay in ms (exponential); the RFC 3550 jitter settles near it.")
    var jitter: Double = 0

    @Option(help: "Percentage of RTP packets captured twice.")
    var duplicates: Double = 0

    @Option(help: "Fraction of calls (0-1) that fail with 486, 503 or CANCEL/487.")
    var failureRatio: Double = 0

    @Option(help: "Seconds over which call starts are spread (default: a quarter of the duration, at most 30).")
    var ramp: Double?

    @Option(help: "Number of carrier gateways the calls are spread over.")
    var carriers: Int = 4

    @Option(help: "Audio codec: pcmu, pcma, g722 or opus.")
    var codec: SynthCodec = .pcmu

    @Option(help: "DTMF digits sent caller→callee as RFC 4733 events, e.g. 123#.")
    var dtmf: String = ""

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(help: "Timestamp precision of the pcap file: us or ns.")
    var precision: SynthesisPlan.Precision = .microseconds

    @Option(help: "Output pcap file.")
    var out: String

    func run() throws {
        var plan = SynthesisPlan(calls: calls, durationSeconds: duration)
        plan.lossPercent = loss
        plan.burstLength = burst
        plan.jitterMilliseconds = jitter
        plan.duplicatePercent = duplicates
        plan.failureRatio = failureRatio
        plan.rampSeconds = ramp
        plan.carriers = carriers
        plan.codec = codec
        plan.dtmfDigits = dtmf
        plan.seed = seed
        plan.precision = precision
        let clock = ContinuousClock()
        let started = clock.now
        let summary: SynthesisSummary
        do {
            summary = try CaptureSynthesizer.write(plan, to: out)
        } catch {
            throw CommandFailure(error.description)
        }
        let elapsed = started.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(SynthCommand.report(summary, seconds: seconds))
    }

    /// A few lines for the terminal: what was written and how fast.
    static func report(_ summary: SynthesisSummary, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(summary.packets) / seconds : 0
        let megabytes = Double(summary.bytes) / 1_048_576
        let span = summary.firstPacket.flatMap { first in summary.lastPacket.map { $0.seconds(since: first) } } ?? 0
        return """
            wrote \(summary.path)
              calls: \(summary.calls.count) (completed \(summary.count(.completed)), busy \(summary.count(.busy)), \
            unavailable \(summary.count(.unavailable)), cancelled \(summary.count(.cancelled)))
              packets: \(summary.packets) (SIP \(summary.sipMessages), RTP \(summary.rtpPackets), RTCP \(summary.rtcpPackets), \
            DTMF \(summary.dtmfPackets)); dropped by design \(summary.droppedPackets), duplicates \(summary.duplicatePackets)
              capture span: \(format(span)) s; file: \(format(megabytes)) MiB
              time: \(format(seconds)) s, \(Int(rate)) packets/s, \(format(seconds > 0 ? megabytes / seconds : 0)) MiB/s
            """
    }

    private static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return String(scaled)
    }
}
