/// Packet-loss process of one RTP stream.
///
/// With mean burst length X <= 1 every packet is lost independently with probability L.
/// With X > 1 it is a two-state Gilbert-Elliott chain: the bad state loses every packet, the good
/// state none; leaving the bad state has probability r = 1/X (so bursts last X packets on average,
/// geometric) and entering it p = L·r/(1-L), which makes the stationary loss p/(p+r) = L.
struct LossModel: Sendable {
    private let independentProbability: Double
    private let enterBad: Double
    private let leaveBad: Double
    private var bad = false

    init(lossPercent: Double, burstLength: Double) {
        let l = lossPercent / 100
        if burstLength > 1 && l > 0 {
            independentProbability = 0
            leaveBad = 1 / burstLength
            enterBad = min(1, l * leaveBad / (1 - l))
        } else {
            independentProbability = l
            leaveBad = 1
            enterBad = 0
        }
    }

    /// Advances the chain by one packet and says whether that packet is lost.
    @inline(__always)
    mutating func nextIsLost(_ random: inout SynthRandom) -> Bool {
        if independentProbability > 0 { return random.unit() < independentProbability }
        guard enterBad > 0 else { return false }
        bad = bad ? random.unit() >= leaveBad : random.unit() < enterBad
        return bad
    }
}
