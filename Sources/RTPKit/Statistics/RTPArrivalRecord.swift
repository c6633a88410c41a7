import WireCore

/// One received packet as jitter-buffer simulators need it (16 bytes, no references).
///
/// The pipeline can forward these, in arrival order, to QualityModel's simulators.
public struct RTPArrivalRecord: Sendable, Hashable {
    /// Capture time, ns since the Unix epoch.
    public var arrivalNanoseconds: Int64
    /// RTP timestamp, clock units.
    public var rtpTimestamp: UInt32
    public var sequenceNumber: UInt16
    /// Bit 7: marker; bits 0–6: payload type.
    public var markerAndPayloadType: UInt8

    public init(arrival: Timestamp, rtpTimestamp: UInt32, sequenceNumber: UInt16, marker: Bool, payloadType: UInt8) {
        arrivalNanoseconds = arrival.nanoseconds
        self.rtpTimestamp = rtpTimestamp
        self.sequenceNumber = sequenceNumber
        markerAndPayloadType = (marker ? 0x80 : 0) | (payloadType & 0x7F)
    }

    public init(arrival: Timestamp, packet: RTPPacketFields) {
        self.init(arrival: arrival, rtpTimestamp: packet.timestamp, sequenceNumber: packet.sequenceNumber,
                  marker: packet.marker, payloadType: packet.payloadType)
    }

    public var arrival: Timestamp { Timestamp(nanoseconds: arrivalNanoseconds) }
    public var marker: Bool { markerAndPayloadType & 0x80 != 0 }
    public var payloadType: UInt8 { markerAndPayloadType & 0x7F }
}
