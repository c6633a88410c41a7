// RTPKit: RTP/RTCP parsing and per-stream measurement over UDP payloads (no packets, no files).
//
// Feeding it (the pipeline's side):
// 1. For each UDP payload on a media port, `MediaPortDemultiplexer.classify(_:)` (RFC 7983/5761)
//    says RTP, RTCP, STUN, DTLS, ZRTP or TURN.
// 2. RTP: `try RTPHeaderView(bytes)` validates; key the stream by `RTPStreamKey(source:destination:ssrc:)`
//    and call `RTPStreamStatistics.observe(arrival:header:dscp:)` in capture order. Unsignalled
//    flows go through `RTPFlowDetector` first. `RTPArrivalRecord(arrival:packet:)` is the compact
//    per-packet record for jitter-buffer simulators.
// 3. RTCP: `RTCPReportTracker.observe(_:arrival:)` parses compounds (`RTCPParser`) and keeps, per
//    SSRC, the far end's report (`farEnd[ssrc]`, with RTT), CNAMEs, BYEs and XR VoIP metrics.
// 4. At the end, `RTPStreamStatistics.summary()` gives the RFC 3550 figures plus
//    `wireshark` (tshark 4.0.17's figures); `WiresharkStreamTable.row(...)` prints tshark's row.
