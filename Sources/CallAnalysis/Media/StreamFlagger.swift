import RTPKit
import SIPKit
import WireCore

/// Quality flags that need more than one stream or the call's signalling to decide.
enum StreamFlagger {
    /// Adds to each stream's `flags`:
    /// - `one_way`: its call has media in this direction only;
    /// - `media_after_bye`: packets more than 2 s after the call's BYE;
    /// - `dscp_not_ef` / `dscp_changed`: DSCP other than EF (46) on some packets, or changing mid-stream;
    /// - `asymmetric_codecs`: the two directions of a call use different codecs;
    /// - `encrypted`: SRTP/DTLS-SRTP media (figures come from the clear RTP headers);
    /// - `no_voice`: G.711 packets arrive but no 20 ms frame rises above −70 dBov (silence or a dead channel).
    static func flag(_ streams: inout [StreamResult], calls: [CallRecord]) {
        var byCall: [String: [Int]] = [:]
        for (index, stream) in streams.enumerated() {
            if let call = stream.callID { byCall[call, default: []].append(index) }
            if stream.summary.nonExpeditedPackets > 0 { streams[index].flags.append("dscp_not_ef") }
            if stream.summary.dscpChanges > 0 { streams[index].flags.append("dscp_changed") }
            if stream.encrypted { streams[index].flags.append("encrypted") }
            if let speech = stream.speech, speech.frames > 0, speech.activeLevelDbov == nil { streams[index].flags.append("no_voice") }
        }
        let callsByID = Dictionary(calls.map { ($0.callID, $0) }, uniquingKeysWith: { first, _ in first })
        for (callID, indices) in byCall {
            let audio = indices.filter { streams[$0].summary.packets > 0 }
            let directions = Set(audio.map { streams[$0].summary.key.source.address })
            if directions.count == 1 {
                for i in indices { streams[i].flags.append("one_way") }
            }
            let codecs = Set(audio.compactMap { streams[$0].codec?.lowercased() })
            if codecs.count > 1 { for i in indices { streams[i].flags.append("asymmetric_codecs") } }
            if let bye = callsByID[callID]?.byeTime {
                for i in indices where streams[i].summary.lastPacket.nanoseconds > bye.nanoseconds + 2_000_000_000 {
                    streams[i].flags.append("media_after_bye")
                }
            }
        }
    }
}
