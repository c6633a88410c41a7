import WireCore

/// Where RTP for a call is expected, learned from SDP, for linking RTP streams to calls.
public struct MediaExpectation: Sendable, Hashable {
    public var callID: String
    /// The party that wrote the SDP, i.e. the receiver of RTP at `endpoint`.
    public var receiver: CallParty
    /// `audio`, `video` …
    public var kind: String
    /// Address and port where RTP is expected to arrive.
    public var endpoint: Endpoint
    /// Where RTCP is expected (same as `endpoint` with rtcp-mux).
    public var rtcpEndpoint: Endpoint?
    /// Payload type → codec for every listed format with a known codec.
    public var payloadTypes: [UInt8: Codec]
    /// Packetisation time in ms, nil when not signalled.
    public var ptime: Int?
    public var direction: MediaDirection
    public var isEncrypted: Bool
    public var rtcpMux: Bool
    /// When the SDP was seen (capture time) and in which packet.
    public var time: Timestamp
    public var packetNumber: Int
}
