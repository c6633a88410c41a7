// SIPKit: SIP messages, SDP, calls and signalling metrics. Pure library over bytes (no packets, no pcap).
//
// Feeding it (the analysis pipeline):
//   UDP payload      → `SIPMessage.parse(_:)`; on error → `CallTracker.recordParseError(_:packetNumber:)`.
//   TCP byte stream  → one `SIPStreamFramer` per direction: `append(_:)`, then `next()` until nil;
//                      `.message` → tracker, `.error` → `recordParseError`.
//   every message    → `CallTracker.ingest(_:time:source:destination:transport:packetNumber:)` in capture order;
//                      `drainMediaExpectations()` after each ingest tells where RTP for a call will arrive.
//   end of capture   → `CallTracker.finish(at:)` → `SIPAnalysisResult` (calls, RFC 6076 metrics,
//                      tshark `-z sip,stat` counters, diagnostics).
//   `callscope flow` → `LadderRenderer().render(call)`.
//
// Layout: Message/ (parser, header names, URIs), Framing/ (TCP framer), SDP/, Calls/ (tracker, records),
// Numbers/ (E.164), Metrics/ (RFC 6076, registrations, tshark counters), Ladder/.
