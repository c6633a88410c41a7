/// Random choices of the SIP layer: outcome and the delays between messages.
enum CallSynthesis {
    /// Completed with probability 1 − ratio; failures split 4:3:3 busy / unavailable / cancelled.
    static func outcome(failureRatio: Double, random: inout SynthRandom) -> CallOutcome {
        let draw = random.unit()
        guard failureRatio > 0, draw < failureRatio else { return .completed }
        let within = draw / failureRatio
        return within < 0.4 ? .busy : within < 0.7 ? .unavailable : .cancelled
    }

    /// Delay in ns from the previous message to `step` (not used for BYE, which follows the media).
    static func delay(before step: SIPStep, random: inout SynthRandom) -> Int64 {
        let ms: ClosedRange<Int64>
        switch step {
        case .invite: ms = 0...0
        case .trying: ms = 20...60
        case .ringing: ms = 200...1_500
        case .answer: ms = 1_000...4_000
        case .ack, .byeOK, .cancelOK, .failureACK, .bye: ms = 20...60
        case .busy: ms = 500...2_000
        case .unavailable: ms = 100...1_000
        case .cancel: ms = 2_000...6_000
        case .terminated: ms = 1...10
        }
        return random.inRange(ms) * 1_000_000 + random.inRange(0...999_999)
    }
}
