/// A call's identity plus where its SIP script has got to.
struct CallRuntime {
    var identity: CallIdentity
    var outcome: CallOutcome
    var script: [SIPStep]
    var step = 0
    var random: SynthRandom
    var ipIdentification: UInt16
    var inviteTime: Int64
    var answerTime: Int64?
    var lastMessageTime: Int64
    var sipMessages = 0
}
