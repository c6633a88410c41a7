import Testing
import WireCore
@testable import RTPKit

/// Two complete streams from the shared captures, copied packet by packet (relative arrival
/// time in ns, seq, timestamp, PT, marker) from `tshark -T fields`, checked against the rows
/// tshark 4.0.17 printed for them (captures/public/tshark/*.rtp_streams.heuristic.txt).
/// The full conformance run over every capture belongs to the pipeline's tests.
@Suite("tshark 4.0.17 reference rows (real capture excerpts)")
struct TsharkReferenceExcerptTests {
    typealias Packet = (ns: Int64, seq: UInt16, ts: UInt32, pt: UInt8, marker: Bool)

    func row(_ packets: [Packet], src: String, sport: UInt16, dst: String, dport: UInt16, ssrc: UInt32,
             clock: UInt32, names: [UInt8: String]) -> String {
        // tshark's times are relative to the capture's first frame; here that frame is packet 0.
        let origin = Timestamp(seconds: 1_700_000_000, nanoseconds: 0)
        var a = WiresharkStreamAnalysis(timeOrigin: origin)
        for p in packets {
            a.observe(arrival: Timestamp(nanoseconds: origin.nanoseconds + p.ns), sequence: p.seq, timestamp: p.ts,
                      payloadType: p.pt, marker: p.marker, clockRate: clock)
        }
        return WiresharkStreamTable.row(source: Endpoint(IPAddress(src)!, sport), destination: Endpoint(IPAddress(dst)!, dport),
                                        ssrc: ssrc, payload: WiresharkStreamTable.payloadColumn(a, dynamicNames: names),
                                        analysis: a, captureStart: origin)
    }

    @Test func sippDTMFRepeatedEndPackets() {
        // sipp__dtmf_2833_1.pcap: RFC 2833 digit "1", PT 101 without SDP (tshark: "rtpevent", clock 0),
        // three end packets share seq 7991 → lost = 7991 − 7984 + 1 − 10 = −2.
        let packets: [Packet] = [
            (0, 7984, 13280, 101, true), (19_992_000, 7985, 13280, 101, false), (39_881_000, 7986, 13280, 101, false),
            (59_911_000, 7987, 13280, 101, false), (79_983_000, 7988, 13280, 101, false), (99_925_000, 7989, 13280, 101, false),
            (119_865_000, 7990, 13280, 101, false), (139_846_000, 7991, 13280, 101, false), (139_888_000, 7991, 13280, 101, false),
            (139_929_000, 7991, 13280, 101, false),
        ]
        let expected = "     0.000000      0.139929     192.168.0.3 49176     192.168.0.1 10000 0x0E05384E         rtpevent    10    -2 (-25.0%)           0.041          15.548          20.072          -1.000           0.000           0.000 X"
        #expect(row(packets, src: "192.168.0.3", sport: 49176, dst: "192.168.0.1", dport: 10000, ssrc: 0x0E05_384E,
                    clock: 0, names: [:]) == expected)
    }

    @Test func nDPIH263VideoWithMarkers() {
        // nDPI__rtp.pcapng: H.263 (PT 34, 90 kHz), several packets per frame, marker on each frame's last packet.
        let packets: [Packet] = [
            (0, 272, 649350, 34, false), (1_926_000, 273, 649350, 34, true), (62_939_000, 274, 655020, 34, false),
            (64_925_000, 275, 655020, 34, true), (129_991_000, 276, 661140, 34, false), (131_901_000, 277, 661140, 34, false),
            (133_907_000, 278, 661140, 34, true), (201_071_000, 279, 667440, 34, false), (202_973_000, 280, 667440, 34, false),
            (204_975_000, 281, 667440, 34, false), (206_965_000, 282, 667440, 34, true), (258_003_000, 283, 672660, 34, false),
            (259_942_000, 284, 672660, 34, true), (337_003_000, 285, 679680, 34, false), (338_971_000, 286, 679680, 34, false),
        ]
        let expected = "     0.000000      0.338971   10.204.220.71  6000  10.204.220.171  6000 0x00001646             h263    15     0 (0.0%)           1.902          32.242          77.061           0.237           0.692           1.431 "
        #expect(row(packets, src: "10.204.220.71", sport: 6000, dst: "10.204.220.171", dport: 6000, ssrc: 0x1646,
                    clock: WiresharkPayloadTypes.staticClockRate(34), names: [:]) == expected)
    }
}
