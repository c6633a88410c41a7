import NetDecode
import NetReassembly
import PcapIngest
import RTPKit
import WireCore

/// One RTP packet of a chosen stream, copied out of the capture (payload bytes included) for a second pass.
public struct CapturedRTPPacket: Sendable, Equatable {
    /// Capture time of arrival.
    public var arrival: Timestamp
    public var sequence: UInt16
    /// RTP timestamp (clock-rate units, modulo 2³²).
    public var rtpTimestamp: UInt32
    public var marker: Bool
    public var payloadType: UInt8
    /// RTP payload (after CSRCs and header extension, padding removed).
    public var payload: [UInt8]
}

/// The packets of one stream in arrival order, and what could not be kept.
public struct StreamPacketExtraction: Sendable {
    public var key: RTPStreamKey
    public var packets: [CapturedRTPPacket] = []
    /// Packets of the stream cut by the snaplen (or shorter than their UDP length): payload incomplete, not kept.
    public var clippedPackets = 0
    /// Packets beyond `maxPackets` (not kept); non-zero means the extraction is incomplete.
    public var droppedOverLimit = 0
}

/// Collects one stream's RTP packets (source, destination, SSRC) from capture records, the way the analyzer
/// recognises them: UDP (IP fragments reassembled), RFC 7983 first byte of RTP, RTP payload type outside the
/// RTCP range, matching SSRC. Memory: the chosen stream's packets (capped) plus the capped defragmenter.
public struct StreamPacketCollector {
    public private(set) var extraction: StreamPacketExtraction
    public let maxPackets: Int
    private var defragmenter = IPDefragmenter()
    private var nextEviction = Timestamp.zero

    public init(key: RTPStreamKey, maxPackets: Int) {
        extraction = StreamPacketExtraction(key: key)
        self.maxPackets = max(0, maxPackets)
    }

    /// Processes one captured packet; `bytes` is borrowed for the duration of the call.
    public mutating func ingest(_ record: CaptureRecord, _ bytes: UnsafeRawBufferPointer) {
        if record.timestamp >= nextEviction {
            nextEviction = Timestamp(nanoseconds: record.timestamp.nanoseconds + 1_000_000_000)
            _ = defragmenter.evictExpired(now: record.timestamp)
        }
        let packet = PacketDecoder.decode(bytes, linkType: record.linkType.rawValue)
        guard packet.source == extraction.key.source.address, packet.destination == extraction.key.destination.address
        else { return }
        if let fragment = packet.fragment {
            guard fragment.payloadProtocol == 17, let payload = bytes.slice(packet.ipPayload) else { return }
            let key = IPFragmentKey(source: packet.source, destination: packet.destination,
                                    identification: fragment.identification, protocolNumber: fragment.payloadProtocol)
            let piece = IPFragment(key: key, offset: fragment.offsetBytes, moreFragments: fragment.moreFragments, payload: payload)
            if case .complete(let datagram) = defragmenter.add(piece, at: record.timestamp) {
                datagram.payload.withUnsafeBytes { whole in
                    var rebuilt = packet
                    PacketDecoder.decodeTransport(whole, protocolNumber: fragment.payloadProtocol, into: &rebuilt)
                    take(rebuilt, whole, record)
                }
                defragmenter.recycle(datagram)
            }
            return
        }
        take(packet, bytes, record)
    }

    private mutating func take(_ packet: DecodedPacket, _ bytes: UnsafeRawBufferPointer, _ record: CaptureRecord) {
        guard case .udp(let udp) = packet.transport,
              udp.sourcePort == extraction.key.source.port, udp.destinationPort == extraction.key.destination.port,
              let payload = bytes.slice(udp.payload),
              PayloadClassifier.classifyMedia(payload) == .rtp,
              let header = try? RTPHeaderView(payload), header.ssrc == extraction.key.ssrc else { return }
        if packet.isClipped || packet.stop != nil {
            extraction.clippedPackets += 1
            return
        }
        guard extraction.packets.count < maxPackets else {
            extraction.droppedOverLimit += 1
            return
        }
        extraction.packets.append(CapturedRTPPacket(
            arrival: record.timestamp, sequence: header.sequenceNumber, rtpTimestamp: header.timestamp,
            marker: header.marker, payloadType: header.payloadType, payload: Array(header.payload)))
    }
}

/// The second pass over captures for one stream (e.g. `callscope audio`).
public enum StreamPacketExtractor {
    /// Default cap: 2,000,000 packets (over 11 hours at 50 packets/s).
    public static let defaultMaxPackets = 2_000_000

    /// Reads `paths` (merged in timestamp order, as the analysis does) and returns the packets of stream `key`.
    public static func extract(paths: [String], key: RTPStreamKey,
                               maxPackets: Int = defaultMaxPackets) throws(CaptureError) -> StreamPacketExtraction {
        let set = try CaptureSet(paths: paths)
        var collector = StreamPacketCollector(key: key, maxPackets: maxPackets)
        set.forEachPacket { record, bytes in collector.ingest(record, bytes) }
        return collector.extraction
    }
}
