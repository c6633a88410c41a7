import CallAnalysis
import SIPKit
import WireCore

/// One `calls[]` entry: the contract's fields, then the timeline and SDP history the HTML ladder draws.
enum CallJSON {
    static func build(_ call: CallRecord, result: AnalysisResult) -> JSONValue {
        JSONTreeBuilder.build { write(call, result: result, to: &$0) }
    }

    static func write<Sink: JSONSink>(_ call: CallRecord, result: AnalysisResult, to w: inout Sink) {
        let streamIDs = result.streamIDsByCall[call.callID] ?? []
        w.object { w in
            w.field("call_id", call.callID)
            w.field("from", nameAddress(call.fromDisplayName, call.fromURI))
            w.field("to", nameAddress(call.toDisplayName, call.toURI))
            w.field("caller", text: call.caller)
            w.field("callee", text: call.callee)
            w.field("state", call.state.rawValue)
            w.field("final_status", number: call.finalStatus)
            w.field("final_reason", text: call.finalReason)
            w.field("invite_time", time: call.inviteTime)
            w.field("ringing_time", time: call.ringingTime)
            w.field("answer_time", time: call.answerTime)
            w.field("end_time", time: call.endTime)
            w.field("pdd_ms", number: call.pddMs)
            w.field("srd_ms", number: call.srdMs)
            w.field("answer_ms", number: call.answerMs)
            w.field("duration_s", number: call.durationS)
            w.field("sdd_ms", number: call.sddMs)
            w.field("ended_by", text: call.endedBy?.rawValue)
            w.field("stream_ids") { $0.array(streamIDs) { $0.string($1) } }
            w.field("mos", number: result.mos(forCall: call.callID))
            w.field("from_uri", call.fromURI)
            w.field("to_uri", call.toURI)
            w.field("user_agents") { w in
                w.object { w in
                    w.field("caller", text: call.callerUserAgent)
                    w.field("callee", text: call.calleeUserAgent)
                }
            }
            w.field("caller_signalling", call.callerSignalling.description)
            w.field("callee_signalling", call.calleeSignalling.description)
            w.field("transport", call.transport == .tcp ? "tcp" : "udp")
            w.field("first_provisional_time", time: call.firstProvisionalTime)
            w.field("ack_time", time: call.ackTime)
            w.field("bye_time", time: call.byeTime)
            w.field("bye_response_time", time: call.byeResponseTime)
            w.field("invites", call.initialInviteCount)
            w.field("auth_challenges", call.authChallenges)
            w.field("redirects", call.redirects)
            w.field("session_modifications", call.sessionModifications)
            w.field("retransmissions", call.retransmissions)
            w.field("flags") { w in
                w.beginArray()
                if call.answerTime != nil && streamIDs.isEmpty { w.string("no_media_after_answer") }
                w.endArray()
            }
            w.field("messages") {
                $0.array(call.messages) { w, m in
                    w.object { w in
                        w.field("time", time: m.time)
                        w.field("src", m.source.description)
                        w.field("dst", m.destination.description)
                        w.field("summary", m.summary)
                        w.field("packet", m.packetNumber)
                        w.field("retransmission", m.isRetransmission)
                    }
                }
            }
            w.field("messages_dropped", call.droppedMessages)
            w.field("media") {
                $0.array(call.media) { w, event in
                    w.object { w in
                        w.field("time", time: event.time)
                        w.field("sender", event.sender.rawValue)
                        w.field("role", event.role.rawValue)
                        w.field("carried_by", event.carriedBy)
                        w.field("streams") { $0.array(event.streams) { media($1, to: &$0) } }
                    }
                }
            }
        }
    }

    /// One `m=` line of an SDP in the call's media history.
    static func media<Sink: JSONSink>(_ s: CallMediaStream, to w: inout Sink) {
        w.object { w in
            w.field("kind", s.kind)
            w.field("address", text: s.address?.description)
            w.field("port", Int(s.port))
            w.field("codec", text: s.codec?.description)
            w.field("payload_type", number: s.payloadType.map(Int.init))
            w.field("ptime", number: s.ptime)
            w.field("direction", s.direction.rawValue)
            w.field("encrypted", s.isEncrypted)
            w.field("rtcp_mux", s.rtcpMux)
        }
    }

    /// `"Alice" <sip:alice@example.com>` or the bare URI.
    static func nameAddress(_ display: String?, _ uri: String) -> String {
        guard let display, !display.isEmpty else { return uri }
        return "\"\(display)\" <\(uri)>"
    }
}
