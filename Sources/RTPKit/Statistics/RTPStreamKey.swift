import WireCore

/// A stream: source and destination transport addresses plus SSRC (RFC 3550 §3 "RTP session" ×
/// synchronization source). A new SSRC on the same 5-tuple is a new stream.
public struct RTPStreamKey: Hashable, Sendable, CustomStringConvertible {
    public var source: Endpoint
    public var destination: Endpoint
    public var ssrc: UInt32

    public init(source: Endpoint, destination: Endpoint, ssrc: UInt32) {
        self.source = source; self.destination = destination; self.ssrc = ssrc
    }

    public var description: String { "\(source) → \(destination) SSRC 0x\(WiresharkStreamTable.hex8(ssrc))" }
}
