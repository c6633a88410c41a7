import CallAnalysis
import PcapIngest
import WireCore

extension CaptureFileSummary {
    /// The report contract's `captures` entry: path, format, link_types, packets, bytes,
    /// first_packet, last_packet, truncated, skipped — plus a few extras.
    public func contractJSON(skipped: SkipCounter) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("path", .string(path)),
            ("format", .string(format.rawValue)),
            ("link_types", .array(linkTypes.map { .string($0.name) })),
            ("packets", .int(packets)),
            ("bytes", .int(bytes)),
            ("captured_bytes", .int(capturedBytes)),
            ("first_packet", .text(firstPacket?.iso8601)),
            ("last_packet", .text(lastPacket?.iso8601)),
            ("duration_s", .number(durationSeconds)),
            ("truncated", .bool(truncated)),
        ]
        switch end {
        case .endOfFile: members.append(("end", .string("end_of_file")))
        case .truncated(let detail): members.append(("end", .string("truncated: " + detail)))
        case .corrupt(let detail): members.append(("end", .string("corrupt: " + detail)))
        }
        let reasons = skipped.entries.keys.sorted()
        members.append(("skipped", .object(reasons.map { ($0, .int(skipped.entries[$0]?.count ?? 0)) })))
        members.append(("skipped_detail", .object(reasons.compactMap { reason in
            guard let entry = skipped.entries[reason] else { return nil }
            return (reason, .object([("count", .int(entry.count)), ("first_packet", .int(entry.firstPacket)),
                                     ("example", .string(entry.example))]))
        })))
        return members
    }
}

extension ProtocolCounts {
    public var json: JSONValue {
        .object([
            ("sip_messages", .int(sipMessages)), ("rtp_candidates", .int(rtpCandidates)),
            ("rtcp_candidates", .int(rtcpCandidates)), ("stun_dtls_zrtp", .int(stunDtlsZrtp)),
            ("other_udp", .int(otherUDP)), ("tcp_segments", .int(tcpSegments)), ("other_ip", .int(otherIP)),
            ("non_ip", .int(nonIP)), ("ipv4", .int(ipv4)), ("ipv6", .int(ipv6)), ("vlan_tagged", .int(vlanTagged)),
            ("tunnelled", .int(tunnelled)), ("fragments", .int(fragments)),
            ("fragments_reassembled", .int(fragmentsReassembled)),
        ])
    }
}

extension CaptureInfo {
    /// `callscope info --json` for one file.
    public var json: JSONValue {
        .object(summary.contractJSON(skipped: skipped) + [("protocols", counts.json)])
    }
}
