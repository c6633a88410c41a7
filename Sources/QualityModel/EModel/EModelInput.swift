/// Every input of the ITU-T G.107 (06/2015) E-model, clause 7, with the Table 3 default values.
///
/// Units: loudness ratings and TELR/WEPL/STMR/LSTR in dB; noise Nc in dBm0p, Nfor in dBmp; room noise
/// Ps/Pr in dB(A); delays T, Tr, Ta, mT in milliseconds; Ppl in percent; the rest dimensionless.
/// `EModelInput()` is the all-default connection (R = 93.2062, MOS 4.4094).
public struct EModelInput: Sendable, Equatable {
    /// Send loudness rating (dB), default +8.
    public var sendLoudnessRating: Double = 8
    /// Receive loudness rating (dB), default +2.
    public var receiveLoudnessRating: Double = 2
    /// Sidetone masking rating (dB), default 15.
    public var sidetoneMaskingRating: Double = 15
    /// Listener sidetone rating (dB), default 18.
    public var listenerSidetoneRating: Double = 18
    /// D-value of the telephone, send side, default 3.
    public var dValueSend: Double = 3
    /// D-value of the telephone, receive side, default 3.
    public var dValueReceive: Double = 3
    /// Talker echo loudness rating (dB), default 65.
    public var talkerEchoLoudnessRating: Double = 65
    /// Weighted echo path loss (dB), default 110.
    public var weightedEchoPathLoss: Double = 110
    /// T: mean one-way delay of the echo path (ms), default 0.
    public var meanOneWayDelayMs: Double = 0
    /// Tr: round-trip delay in a 4-wire loop (ms), default 0.
    public var roundTripDelayMs: Double = 0
    /// Ta: absolute (mouth-to-ear) one-way delay (ms), default 0.
    public var absoluteDelayMs: Double = 0
    /// qdu: number of quantizing distortion units, default 1.
    public var quantizingDistortionUnits: Double = 1
    /// Ie: equipment impairment factor, default 0.
    public var equipmentImpairment: Double = 0
    /// Bpl: packet-loss robustness factor, default 1.
    public var packetLossRobustness: Double = 1
    /// Ppl: random packet-loss probability (percent), default 0.
    public var packetLossPercent: Double = 0
    /// BurstR: burst ratio (1 = random loss), default 1.
    public var burstRatio: Double = 1
    /// Nc: circuit noise referred to the 0 dBr point (dBm0p), default −70.
    public var circuitNoise: Double = -70
    /// Nfor: noise floor at the receive side (dBmp), default −64.
    public var noiseFloor: Double = -64
    /// Ps: room noise at the send side (dB(A)), default 35.
    public var roomNoiseSend: Double = 35
    /// Pr: room noise at the receive side (dB(A)), default 35.
    public var roomNoiseReceive: Double = 35
    /// A: advantage factor (Table 2), default 0.
    public var advantageFactor: Double = 0
    /// mT: minimum perceivable delay (ms), G.107 (06/2015) Table 3, default 100.
    public var minimumPerceivableDelayMs: Double = 100
    /// sT: delay sensitivity, G.107 (06/2015) Table 3, default 1.
    public var delaySensitivity: Double = 1

    /// All Table 3 defaults.
    public init() {}

    /// Sets the three delay inputs from one mouth-to-ear delay `d` (ms) with the usual planning convention
    /// for a connection with echo control at both ends: T = Ta = d, Tr = 2d.
    public mutating func applyPlanningDelay(_ oneWayMs: Double) {
        meanOneWayDelayMs = oneWayMs
        absoluteDelayMs = oneWayMs
        roundTripDelayMs = 2 * oneWayMs
    }
}
