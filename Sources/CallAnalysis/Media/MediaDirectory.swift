import SIPKit
import WireCore

/// Where SDP said media would flow, so RTP/RTCP packets can be tied to their call from the first packet.
///
/// Keyed by receiving endpoint (address + port). A later SDP for the same endpoint replaces the earlier one
/// (re-INVITE, a new call reusing a port). Bounded by live calls: entries are dropped with `forget(callID:)`.
struct MediaDirectory {
    private(set) var byEndpoint: [Endpoint: MediaExpectation] = [:]
    private(set) var byRTCPEndpoint: [Endpoint: MediaExpectation] = [:]

    mutating func learn(_ expectation: MediaExpectation) {
        guard expectation.endpoint.port != 0 else { return }
        byEndpoint[expectation.endpoint] = expectation
        if let rtcp = expectation.rtcpEndpoint, rtcp != expectation.endpoint { byRTCPEndpoint[rtcp] = expectation }
    }

    /// The expectation for RTP sent to `destination` (or, for symmetric RTP, sent from an announced `source`).
    func expectation(source: Endpoint, destination: Endpoint) -> MediaExpectation? {
        byEndpoint[destination] ?? byEndpoint[source]
    }

    /// The call an RTCP packet belongs to, if its endpoints were announced.
    func rtcpExpectation(source: Endpoint, destination: Endpoint) -> MediaExpectation? {
        byRTCPEndpoint[destination] ?? byRTCPEndpoint[source] ?? byEndpoint[destination] ?? byEndpoint[source]
    }

    var isEmpty: Bool { byEndpoint.isEmpty }
}
