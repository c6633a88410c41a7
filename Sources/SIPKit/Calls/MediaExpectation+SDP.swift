import WireCore

extension MediaExpectation {
    /// Expectations straight from an SDP body, for SDP seen outside any tracked dialog (e.g. only the
    /// responses of a call were captured). Like Wireshark's SDP dissector, every announced m= line with a
    /// usable address becomes an expected RTP destination; `receiver` is the party that wrote the SDP.
    public static func expectations(from sdp: SessionDescription, callID: String, receiver: CallParty,
                                    time: Timestamp, packetNumber: Int) -> [MediaExpectation] {
        sdp.media.compactMap { m in
            guard let endpoint = m.rtpEndpoint, endpoint.address.bits != 0 else { return nil }
            return MediaExpectation(callID: callID, receiver: receiver, kind: m.kind, endpoint: endpoint,
                                    rtcpEndpoint: m.rtcpEndpoint, payloadTypes: m.payloadMap, ptime: m.ptime,
                                    direction: m.direction, isEncrypted: m.isEncrypted, rtcpMux: m.rtcpMux,
                                    time: time, packetNumber: packetNumber)
        }
    }
}
