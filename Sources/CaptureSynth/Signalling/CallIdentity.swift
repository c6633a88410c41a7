/// The fixed facts of one synthetic call: hosts, ports, numbers and SIP identifiers.
///
/// Addresses: caller user agents 10.0.0.0/8 (one host per call), callee media hosts 172.16.0.0/12,
/// carrier gateways (the SIP peer of every caller) 203.0.113.10 upwards. Signalling runs
/// caller:5060 ↔ carrier:5060; media runs caller ↔ callee media host on even RTP ports (RTCP = RTP + 1).
struct CallIdentity: Sendable {
    var callID: String
    var fromTag: String
    var toTag: String
    /// Via branches (RFC 3261 8.1.1.7, magic cookie z9hG4bK) of INVITE, the 2xx ACK and BYE.
    var inviteBranch: String
    var ackBranch: String
    var byeBranch: String
    /// E.164 numbers with a leading "+".
    var callerNumber: String
    var calleeNumber: String
    var caller: UInt32
    var carrier: UInt32
    var carrierIndex: Int
    var calleeMedia: UInt32
    var callerRTPPort: UInt16
    var calleeRTPPort: UInt16
    /// True when the callee side hangs up (BYE from the carrier to the caller).
    var calleeHangsUp: Bool
    /// SDP o= session id.
    var sessionID: UInt64

    /// Country/area prefixes and subscriber digit counts. Callers use the first two.
    static let numberPlans: [(prefix: String, digits: Int)] = [
        ("+7495", 7), ("+4930", 8), ("+1212", 7), ("+4420", 8), ("+3314", 8),
    ]

    init(index: Int, carriers: Int, random: inout SynthRandom) {
        func hex(_ digits: Int, _ random: inout SynthRandom) -> String {
            let value = String(random.next(), radix: 16)
            let padded = String(repeating: "0", count: max(0, 16 - value.count)) + value
            return String(padded.prefix(digits))
        }
        func number(_ plan: (prefix: String, digits: Int), _ random: inout SynthRandom) -> String {
            var text = plan.prefix
            for _ in 0..<plan.digits { text.append(Character(Unicode.Scalar(UInt8(48 + random.below(10))))) }
            return text
        }
        caller = 0x0A00_0000 | UInt32(truncatingIfNeeded: (index + 1) & 0xFF_FFFF)
        calleeMedia = 0xAC10_0000 | UInt32(truncatingIfNeeded: (index % 0xF_FFFE) + 1)
        carrierIndex = index % carriers
        carrier = 0xCB00_710A + UInt32(carrierIndex)
        callID = hex(16, &random) + hex(8, &random) + "@" + CallIdentity.dotted(caller)
        fromTag = hex(10, &random)
        toTag = hex(10, &random)
        inviteBranch = "z9hG4bK" + hex(12, &random)
        ackBranch = "z9hG4bK" + hex(12, &random)
        byeBranch = "z9hG4bK" + hex(12, &random)
        callerNumber = number(CallIdentity.numberPlans[index % 2], &random)
        calleeNumber = number(CallIdentity.numberPlans[Int(random.below(UInt64(CallIdentity.numberPlans.count)))], &random)
        callerRTPPort = UInt16(16_384 + 2 * random.below(8_000))
        calleeRTPPort = UInt16(20_000 + 2 * random.below(19_000))
        calleeHangsUp = random.below(10) < 4
        sessionID = random.next() >> 20
    }

    static func dotted(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)"
    }
}
