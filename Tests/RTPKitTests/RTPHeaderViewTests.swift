import Testing
import WireCore
@testable import RTPKit

@Suite("RTP header view (RFC 3550 §5.1)")
struct RTPHeaderViewTests {
    @Test func readsEveryFixedField() throws {
        let bytes = PacketBytes.rtp(sequence: 0xABCD, timestamp: 0x0102_0304, ssrc: 0xDEAD_BEEF, payloadType: 8, marker: true,
                                    payload: [1, 2, 3])
        try bytes.withBytes { raw in
            let view = try RTPHeaderView(raw)
            #expect(view.version == 2)
            #expect(view.marker)
            #expect(view.payloadType == 8)
            #expect(view.sequenceNumber == 0xABCD)
            #expect(view.timestamp == 0x0102_0304)
            #expect(view.ssrc == 0xDEAD_BEEF)
            #expect(view.payloadRange == ByteRange(start: 12, count: 3))
            #expect(Array(view.payload) == [1, 2, 3])
        }
    }

    @Test func skipsCSRCsExtensionAndPadding() throws {
        // 12 fixed + 2 CSRC (8) + extension header 4 + 1 word (4) = 28; payload 5; padding 3.
        let bytes = PacketBytes.rtp(sequence: 1, timestamp: 2, payload: [9, 9, 9, 9, 9], csrcs: [7, 8],
                                    extensionWords: [0x1100_0000], padding: 3)
        try bytes.withBytes { raw in
            let view = try RTPHeaderView(raw)
            #expect(view.csrcCount == 2)
            #expect(view.csrc(1) == 8)
            #expect(view.csrc(2) == nil)
            #expect(view.extensionProfile == 0xBEDE)
            #expect(view.paddingCount == 3)
            #expect(view.payloadRange == ByteRange(start: 28, count: 5))
        }
    }

    @Test func rejectsShortVersionAndLengthErrors() {
        // 11 bytes: shorter than the fixed header.
        #expect(throws: ParseError.truncated(.rtp, offset: 0, needed: 12, available: 11)) {
            try Array(repeating: UInt8(0x80), count: 11).withBytes { _ = try RTPHeaderView($0) }
        }
        // Version 1.
        #expect(throws: ParseError(.invalidValue, layer: .rtp, offset: 0)) {
            try ([0x40] + Array(repeating: UInt8(0), count: 11)).withBytes { _ = try RTPHeaderView($0) }
        }
        // CC = 3 needs 24 bytes, only 16 present.
        #expect(throws: ParseError(.truncated, layer: .rtp, offset: 12)) {
            try ([0x83] + Array(repeating: UInt8(0), count: 15)).withBytes { _ = try RTPHeaderView($0) }
        }
        // Extension claims 4 words but none follow.
        var ext = PacketBytes.rtp(sequence: 1, timestamp: 1, payload: [])
        ext[0] |= 0x10
        ext += [0xBE, 0xDE, 0x00, 0x04]
        #expect(throws: ParseError(.truncated, layer: .rtp, offset: 12)) { try ext.withBytes { _ = try RTPHeaderView($0) } }
        // Padding count 200 with 2 payload bytes.
        var pad = PacketBytes.rtp(sequence: 1, timestamp: 1, payload: [0, 200])
        pad[0] |= 0x20
        #expect(throws: ParseError(.badLength, layer: .rtp, offset: 13)) { try pad.withBytes { _ = try RTPHeaderView($0) } }
        // Padding count 0 is invalid too.
        var zero = PacketBytes.rtp(sequence: 1, timestamp: 1, payload: [0])
        zero[0] |= 0x20
        #expect(throws: ParseError(.badLength, layer: .rtp, offset: 12)) { try zero.withBytes { _ = try RTPHeaderView($0) } }
    }
}

@Suite("RFC 7983 / RFC 5761 demultiplexing")
struct DemultiplexerTests {
    @Test(arguments: [
        ([0x00, 0x01], MediaPacketKind.stun),         // STUN Binding Request
        ([0x03, 0x00], .stun),
        ([0x10, 0x00], .zrtp),                        // ZRTP 16–19
        ([0x16, 0xFE], .dtls),                        // DTLS handshake (22)
        ([0x3F, 0x00], .dtls),                        // 63: last DTLS value
        ([0x40, 0x00], .turnChannel),
        ([0x80, 0x00], .rtp),                         // PT 0
        ([0x80, 0x80], .rtp),                         // marker + PT 0 = 128
        ([0x80, 0xBF], .rtp),                         // marker + PT 63 = 191
        ([0x80, 0xC8], .rtcp),                        // 200 SR
        ([0x81, 0xC9], .rtcp),                        // 201 RR
        ([0x80, 0xCF], .rtcp),                        // 207 XR
        ([0x80, 0xDF], .rtcp),                        // 223: last RTCP value
        ([0x80, 0xE0], .rtp),                         // marker + PT 96 = 224
        ([0xC0, 0x00], .unknown),                     // 192: outside every range
        ([0x80], .unknown),                           // RTP range but no second byte
        ([], .unknown),
    ] as [([UInt8], MediaPacketKind)])
    func classifies(bytes: [UInt8], kind: MediaPacketKind) {
        #expect(bytes.withBytes { MediaPortDemultiplexer.classify($0) } == kind)
    }
}
