import WireCore

/// What one RTP stream of the capture contains by design, so tests can check an analyser exactly.
public struct SynthStreamSummary: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case callerToCallee, calleeToCaller
    }

    public var callID: String
    public var direction: Direction
    public var ssrc: UInt32
    public var source: Endpoint
    public var destination: Endpoint
    public var payloadType: UInt8
    /// Sequence number of the first packet (slot 0); packet k carries `firstSequence + k` (mod 2^16).
    public var firstSequence: UInt16
    /// RTP timestamp of the first packet; audio packet k carries `firstTimestamp + k · samplesPerPacket`.
    public var firstTimestamp: UInt32
    /// Packets the sender produced (slots), including dropped ones.
    public var sent: Int
    /// Packets removed by the loss model (never the first or last one, never DTMF).
    public var dropped: Int
    /// Extra copies written by the duplicate model.
    public var duplicates: Int
    /// RTP packets in the capture for this stream (sent − dropped + duplicates).
    public var written: Int
    /// RFC 4733 event packets among `sent`.
    public var dtmfPackets: Int
    /// RTCP sender reports written by this stream's sender.
    public var rtcpReports: Int
    /// Slot of the packet that arrives last in the capture (`sent - 1` unless jitter reorders the tail).
    public var lastArrivedSlot: Int

    /// RFC 3550 A.3 cumulative loss an analyser must report: expected (= sent, since the first and
    /// last packets always arrive) minus received (= written, duplicates included).
    public var expectedLost: Int { sent - written }

    /// The "Lost" column of `tshark -z rtp,streams` (Wireshark 4.0): Wireshark's expected count runs
    /// from the first to the *last-arriving* sequence number rather than the highest, so it differs
    /// from `expectedLost` when jitter reorders the last packets (checked against tshark 4.0.17 without
    /// duplicates; with duplicates or a reordered sequence wrap Wireshark's figure is not modelled).
    public var tsharkLost: Int { lastArrivedSlot + 1 - written }
}

/// One synthetic call.
public struct SynthCallSummary: Sendable, Hashable {
    public var callID: String
    public var outcome: CallOutcome
    /// E.164 numbers with a leading "+".
    public var callerNumber: String
    public var calleeNumber: String
    /// SIP peer (carrier gateway) of the call.
    public var carrier: IPAddress
    public var inviteTime: Timestamp
    /// 200 OK to the INVITE; nil for failed calls.
    public var answerTime: Timestamp?
    /// Time of the last SIP message of the dialog.
    public var endTime: Timestamp
    /// SIP messages written for this call.
    public var sipMessages: Int
}

/// What `CaptureSynthesizer.write` produced.
public struct SynthesisSummary: Sendable, Hashable {
    public var path: String
    /// All packets in the file.
    public var packets = 0
    /// File size in bytes (pcap headers included).
    public var bytes = 0
    public var sipMessages = 0
    /// RTP packets written (audio + DTMF + duplicates).
    public var rtpPackets = 0
    public var rtcpPackets = 0
    public var dtmfPackets = 0
    /// RTP packets removed by the loss model, over all streams.
    public var droppedPackets = 0
    public var duplicatePackets = 0
    /// SIP requests by method (e.g. "INVITE": 10) and responses by status code (e.g. 200: 12).
    public var sipRequests: [String: Int] = [:]
    public var sipResponses: [Int: Int] = [:]
    public var firstPacket: Timestamp?
    public var lastPacket: Timestamp?
    public var calls: [SynthCallSummary] = []
    public var streams: [SynthStreamSummary] = []

    public init(path: String) { self.path = path }

    /// Calls by outcome.
    public func count(_ outcome: CallOutcome) -> Int { calls.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }
}
