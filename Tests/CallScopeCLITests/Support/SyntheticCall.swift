import Audio
import Foundation
import TestSupport
import WireCore

/// A complete SIP call with RTP both ways, built packet by packet, with known impairments on the caller's stream.
///
/// Signalling (caller 192.0.2.1:5060 → callee 192.0.2.2:5060), times from t0:
///   INVITE (SDP 192.0.2.1:40000) +0 ms, 100 +10 ms, 180 +100 ms, 200 (SDP 192.0.2.2:50000) +2000 ms, ACK +2050 ms,
///   BYE from the caller +3500 ms, its 200 +3520 ms.
/// Stream A (s1), 192.0.2.1:40000 → 192.0.2.2:50000, SSRC 0xA: 50 slots, seq 1000+i, ts 160·i, sent at
///   +2100 + 20·i ms; slots 10 and 11 never arrive; slot 20 arrives twice (copy 1 ms later); slot 30 arrives 70 ms
///   late (at +2770, after slots 31–33, before 34).
/// Stream B (s2), 192.0.2.2:50000 → 192.0.2.1:40000, SSRC 0xB: 50 clean slots from +2105 ms.
struct SyntheticCall {
    static let callID = "call-1@192.0.2.1"
    static let caller = IPAddress(ipv4: 0xC000_0201)
    static let callee = IPAddress(ipv4: 0xC000_0202)
    static let t0 = Timestamp(seconds: 1_700_000_000, nanoseconds: 0)
    static let slots = 50

    var payloadType: UInt8 = 0
    var codecName = "PCMU/8000"
    /// A slot of stream A sent as IPv4 fragments (≤ 64 payload bytes each, 10 µs apart) instead of one frame.
    var fragmentedSlot: Int? = nil

    /// The capture as pcap bytes.
    func capture() -> [UInt8] {
        var frames: [(Int64, [UInt8])] = []   // (µs since t0, frame)
        func sip(_ message: SIPMessageBuilder, at ms: Int64, fromCaller: Bool) {
            let (src, dst) = fromCaller ? (Self.caller, Self.callee) : (Self.callee, Self.caller)
            frames.append((ms * 1000, PacketBuilder.udpPacket(src: src, dst: dst, sport: 5060, dport: 5060, payload: message.bytes)))
        }
        let offer = sdp(address: "192.0.2.1", port: 40000)
        let answer = sdp(address: "192.0.2.2", port: 50000)
        sip(.invite(callID: Self.callID, to: "sip:bob@192.0.2.2", sdp: offer), at: 0, fromCaller: true)
        sip(.response(status: 100, reason: "Trying", callID: Self.callID, to: "sip:bob@192.0.2.2", toTag: nil), at: 10, fromCaller: false)
        sip(.response(status: 180, reason: "Ringing", callID: Self.callID, to: "sip:bob@192.0.2.2"), at: 100, fromCaller: false)
        sip(.response(status: 200, reason: "OK", callID: Self.callID, to: "sip:bob@192.0.2.2", body: answer,
                      contentType: "application/sdp"), at: 2000, fromCaller: false)
        sip(request("ACK", cseq: 1, branch: "z9hG4bK2"), at: 2050, fromCaller: true)
        sip(request("BYE", cseq: 2, branch: "z9hG4bK3"), at: 3500, fromCaller: true)
        sip(.response(status: 200, reason: "OK", callID: Self.callID, to: "sip:bob@192.0.2.2", cseq: 2, method: "BYE",
                      via: "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK3"), at: 3520, fromCaller: false)

        for i in 0..<Self.slots {
            let a = rtp(sequence: UInt16(1000 + i), slot: i, ssrc: 0xA)
            let sent = Int64(2_100_000 + 20_000 * i)
            switch i {
            case 10, 11: break
            case 20: frames.append((sent, a.forward)); frames.append((sent + 1000, a.forward))
            case 30: frames.append((sent + 70_000, a.forward))
            case fragmentedSlot:
                let pieces = PacketBuilder.fragmentedUDP(ip: IPHeader(source: Self.caller, destination: Self.callee), sport: 40000,
                                                         dport: 50000, payload: a.rtp, maxPieceLength: 64)
                for (k, piece) in pieces.enumerated() { frames.append((sent + 10 * Int64(k), piece)) }
            default: frames.append((sent, a.forward))
            }
            frames.append((Int64(2_105_000 + 20_000 * i), rtp(sequence: UInt16(5000 + i), slot: i, ssrc: 0xB).backward))
        }
        var writer = PcapWriter()
        for (micros, frame) in frames.sorted(by: { $0.0 < $1.0 }) {
            writer.append(frame, at: Timestamp(nanoseconds: Self.t0.nanoseconds + micros * 1000))
        }
        return writer.bytes
    }

    func write() throws -> String { try writeTemporaryFile(bytes: capture(), name: "synthetic-call.pcap") }

    private func sdp(address: String, port: UInt16) -> String {
        ["v=0", "o=- 1 1 IN IP4 \(address)", "s=-", "c=IN IP4 \(address)", "t=0 0",
         "m=audio \(port) RTP/AVP \(payloadType)", "a=rtpmap:\(payloadType) \(codecName)", "a=ptime:20", "a=sendrecv", ""]
            .joined(separator: "\r\n")
    }

    private func request(_ method: String, cseq: Int, branch: String) -> SIPMessageBuilder {
        SIPMessageBuilder(startLine: "\(method) sip:bob@192.0.2.2 SIP/2.0", headers: [
            ("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=\(branch)"), ("Max-Forwards", "70"),
            ("From", "<sip:alice@example.com>;tag=a1"), ("To", "<sip:bob@192.0.2.2>;tag=b1"),
            ("Call-ID", Self.callID), ("CSeq", "\(cseq) \(method)"),
        ])
    }

    /// One 20 ms packet of a 1 kHz tone at −10 dBFS peak (µ-law), in both directions' frames.
    private func rtp(sequence: UInt16, slot: Int, ssrc: UInt32) -> (rtp: [UInt8], forward: [UInt8], backward: [UInt8]) {
        let payload = (0..<160).map { n in
            G711.encodeMuLaw(Int16((10_362 * sin(2 * Double.pi * 1000 * Double(slot * 160 + n) / 8000)).rounded()))
        }
        let bytes = RTPPacketBuilder(payloadType: payloadType, sequenceNumber: sequence, timestamp: UInt32(160 * slot),
                                     ssrc: ssrc, marker: slot == 0, payload: payload).bytes
        return (bytes, PacketBuilder.udpPacket(src: Self.caller, dst: Self.callee, sport: 40000, dport: 50000, payload: bytes),
                PacketBuilder.udpPacket(src: Self.callee, dst: Self.caller, sport: 50000, dport: 40000, payload: bytes))
    }
}
