import ArgumentParser
import Foundation
import QualityModel

/// `callscope emodel`: the ITU-T G.107 / G.107.1 E-model as a planning calculator.
public struct EModelCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "emodel",
        abstract: "Compute the E-model rating R and MOS (ITU-T G.107; G.107.1 for wideband codecs).",
        discussion: """
            Every input keeps its G.107 Table 3 default unless a flag sets it; with no flags the default connection is printed (R = 93.2, MOS 4.41).

            --delay is the one-way mouth-to-ear delay d, applied as T = Ta = d and Tr = 2d (explicit --t/--tr/--ta override it). Wideband codecs (g722, amr-wb, opus) use the G.107.1 model: Ro,WB = 129, MOS from R/1.29.

            Example: callscope emodel --codec g729a --loss 2 --burst-ratio 1.5 --delay 150 --json
            """)

    @Option(help: ArgumentHelp("Codec from the impairment table.", discussion: "One of: \(CodecImpairmentTable.commonNames.joined(separator: ", "))."))
    public var codec: String?
    @Option(help: "Equipment impairment factor Ie (instead of --codec).")
    public var ie: Double?
    @Option(help: "Packet-loss robustness factor Bpl (instead of --codec).")
    public var bpl: Double?
    @Flag(help: "With --ie/--bpl: the values are wideband (Ie,WB, Bpl,WB); use G.107.1.")
    public var wideband = false
    @Flag(name: .customLong("no-plc"), help: "The receiver has no packet-loss concealment (codec Bpl without PLC).")
    public var noPLC = false
    @Option(help: "Packet-loss probability Ppl in percent (default 0).")
    public var loss: Double?
    @Option(name: .customLong("burst-ratio"), help: "Burst ratio BurstR (1 = random loss; default 1).")
    public var burstRatio: Double?
    @Option(help: "One-way mouth-to-ear delay d in ms, applied as T = Ta = d, Tr = 2d (default 0).")
    public var delay: Double?
    @Flag(help: "Print JSON (keys r_factor, mos, model, inputs, terms, codec, assumptions).")
    public var json = false

    @Option(help: "Send loudness rating SLR, dB (default 8).") public var slr: Double?
    @Option(help: "Receive loudness rating RLR, dB (default 2).") public var rlr: Double?
    @Option(help: "Sidetone masking rating STMR, dB (default 15).") public var stmr: Double?
    @Option(help: "Listener sidetone rating LSTR, dB (default 18).") public var lstr: Double?
    @Option(help: "D-value of the telephone, send side Ds (default 3).") public var ds: Double?
    @Option(help: "D-value of the telephone, receive side Dr (default 3).") public var dr: Double?
    @Option(help: "Talker echo loudness rating TELR, dB (default 65).") public var telr: Double?
    @Option(help: "Weighted echo path loss WEPL, dB (default 110).") public var wepl: Double?
    @Option(name: .customLong("t"), help: "Mean one-way delay of the echo path T, ms (default 0).") public var echoDelay: Double?
    @Option(name: .customLong("tr"), help: "Round-trip delay in a 4-wire loop Tr, ms (default 0).") public var roundTripDelay: Double?
    @Option(name: .customLong("ta"), help: "Absolute one-way delay Ta, ms (default 0).") public var absoluteDelay: Double?
    @Option(help: "Quantizing distortion units qdu (default 1).") public var qdu: Double?
    @Option(help: "Circuit noise Nc, dBm0p (default -70).") public var nc: Double?
    @Option(help: "Noise floor at the receive side Nfor, dBmp (default -64).") public var nfor: Double?
    @Option(help: "Room noise at the send side Ps, dB(A) (default 35).") public var ps: Double?
    @Option(help: "Room noise at the receive side Pr, dB(A) (default 35).") public var pr: Double?
    @Option(name: .customLong("advantage"), help: "Advantage factor A (default 0).") public var advantage: Double?
    @Option(name: .customLong("mt"), help: "Minimum perceivable delay mT, ms (default 100).") public var minimumPerceivableDelay: Double?
    @Option(name: .customLong("st"), help: "Delay sensitivity sT (default 1).") public var delaySensitivity: Double?

    public init() {}

    public func validate() throws {
        if codec != nil && (ie != nil || bpl != nil) {
            throw ValidationError("Use either --codec NAME or --ie X --bpl Y, not both.")
        }
        if let codec, CodecImpairmentTable.lookup(codec) == nil {
            let known = CodecImpairmentTable.commonNames.joined(separator: ", ")
            throw ValidationError("Unknown codec '\(codec)'. Known: \(known). Or give --ie and --bpl.")
        }
        if wideband && codec != nil { throw ValidationError("--wideband applies to --ie/--bpl; a named codec sets its own model.") }
        if let loss, !(0...100).contains(loss) { throw ValidationError("--loss must be a percentage in 0…100, got \(loss).") }
        if let burstRatio, !(burstRatio > 0) { throw ValidationError("--burst-ratio must be > 0, got \(burstRatio).") }
        for (name, value) in [("--delay", delay), ("--t", echoDelay), ("--tr", roundTripDelay), ("--ta", absoluteDelay)] {
            if let value, value < 0 { throw ValidationError("\(name) must be ≥ 0 ms, got \(value).") }
        }
        if let qdu, qdu < 1 { throw ValidationError("--qdu must be ≥ 1, got \(qdu).") }
        if let bpl, bpl <= 0 { throw ValidationError("--bpl must be > 0, got \(bpl).") }
    }

    /// The inputs as the flags set them (Table 3 defaults elsewhere).
    public func input() -> EModelInput {
        var x = EModelInput()
        if let delay { x.applyPlanningDelay(delay) }
        let overrides: [(WritableKeyPath<EModelInput, Double>, Double?)] = [
            (\.sendLoudnessRating, slr), (\.receiveLoudnessRating, rlr), (\.sidetoneMaskingRating, stmr),
            (\.listenerSidetoneRating, lstr), (\.dValueSend, ds), (\.dValueReceive, dr),
            (\.talkerEchoLoudnessRating, telr), (\.weightedEchoPathLoss, wepl), (\.meanOneWayDelayMs, echoDelay),
            (\.roundTripDelayMs, roundTripDelay), (\.absoluteDelayMs, absoluteDelay), (\.quantizingDistortionUnits, qdu),
            (\.equipmentImpairment, ie), (\.packetLossRobustness, bpl), (\.packetLossPercent, loss),
            (\.burstRatio, burstRatio), (\.circuitNoise, nc), (\.noiseFloor, nfor), (\.roomNoiseSend, ps),
            (\.roomNoiseReceive, pr), (\.advantageFactor, advantage), (\.minimumPerceivableDelayMs, minimumPerceivableDelay),
            (\.delaySensitivity, delaySensitivity),
        ]
        for (path, value) in overrides { if let value { x[keyPath: path] = value } }
        return x
    }

    /// The calculation the flags describe (what `run()` prints); tests call this instead of capturing stdout.
    public func calculation() -> EModelCalculation {
        let named = codec.flatMap(CodecImpairmentTable.lookup)
        var result = EModelCalculation.compute(input: input(), codec: named, concealment: !noPLC, wideband: wideband)
        if let delay {
            result.assumptions.insert("mouth-to-ear delay \(delay) ms applied as T = Ta = \(delay) ms, Tr = \(2 * delay) ms", at: 0)
        }
        return result
    }

    public func run() throws {
        let c = calculation()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(EModelJSON(c))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(EModelCommand.text(c))
        }
    }

    static func text(_ c: EModelCalculation) -> String {
        let r = c.result
        var lines = [
            "Model: \(c.model.rawValue)",
            "R = \(fixed(r.rFactor, 2))   MOS = \(fixed(r.mos, 2))",
            "Ro \(fixed(r.ro, 2))  Is \(fixed(r.simultaneousImpairment, 2))  Id \(fixed(r.delayImpairment, 2)) "
                + "(Idte \(fixed(r.idte, 2)), Idle \(fixed(r.idle, 2)), Idd \(fixed(r.idd, 2)))  "
                + "Ie,eff \(fixed(r.effectiveEquipmentImpairment, 2))  A \(fixed(r.advantageFactor, 2))",
            "Ie \(c.input.equipmentImpairment)  Bpl \(c.input.packetLossRobustness)  Ppl \(c.input.packetLossPercent) %  "
                + "BurstR \(c.input.burstRatio)  T \(c.input.meanOneWayDelayMs) ms  Tr \(c.input.roundTripDelayMs) ms  "
                + "Ta \(c.input.absoluteDelayMs) ms",
        ]
        lines += c.assumptions.map { "- \($0)" }
        return lines.joined(separator: "\n")
    }

    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
}

/// JSON shape of `callscope emodel --json` (snake_case keys).
struct EModelJSON: Encodable {
    struct Inputs: Encodable {
        let slr, rlr, stmr, lstr, ds, dr, telr, wepl: Double
        let t_ms, tr_ms, ta_ms, qdu, ie, bpl, ppl_pct, burst_ratio, nc, nfor, ps, pr, a, mt_ms, st: Double
    }
    struct Terms: Encodable {
        let no, ro, `is`, iolr, ist, iq, id, idte, idle, idd, ie_eff, a: Double
    }
    struct Codec: Encodable {
        let name: String, ie: Double, bpl_with_plc: Double, bpl_without_plc: Double?, source: String, itu_published: Bool
    }
    let model: String
    let r_factor: Double
    let mos: Double
    let inputs: Inputs
    let terms: Terms
    let codec: Codec?
    let assumptions: [String]

    init(_ c: EModelCalculation) {
        let x = c.input, r = c.result
        model = c.model.rawValue
        r_factor = r.rFactor
        mos = r.mos
        inputs = Inputs(slr: x.sendLoudnessRating, rlr: x.receiveLoudnessRating, stmr: x.sidetoneMaskingRating,
                        lstr: x.listenerSidetoneRating, ds: x.dValueSend, dr: x.dValueReceive,
                        telr: x.talkerEchoLoudnessRating, wepl: x.weightedEchoPathLoss, t_ms: x.meanOneWayDelayMs,
                        tr_ms: x.roundTripDelayMs, ta_ms: x.absoluteDelayMs, qdu: x.quantizingDistortionUnits,
                        ie: x.equipmentImpairment, bpl: x.packetLossRobustness, ppl_pct: x.packetLossPercent,
                        burst_ratio: x.burstRatio, nc: x.circuitNoise, nfor: x.noiseFloor, ps: x.roomNoiseSend,
                        pr: x.roomNoiseReceive, a: x.advantageFactor, mt_ms: x.minimumPerceivableDelayMs,
                        st: x.delaySensitivity)
        terms = Terms(no: r.noisePower, ro: r.ro, is: r.simultaneousImpairment, iolr: r.iolr, ist: r.ist, iq: r.iq,
                      id: r.delayImpairment, idte: r.idte, idle: r.idle, idd: r.idd,
                      ie_eff: r.effectiveEquipmentImpairment, a: r.advantageFactor)
        codec = c.codec.map { Codec(name: $0.name, ie: $0.ie, bpl_with_plc: $0.bplWithPLC, bpl_without_plc: $0.bplWithoutPLC,
                                    source: $0.source, itu_published: $0.ituPublished) }
        assumptions = c.assumptions
    }
}
