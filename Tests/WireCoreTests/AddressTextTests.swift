import Testing
import WireCore

/// Address and endpoint text (dotted quad, `address:port`, bracketed IPv6), written without interpolation.
@Suite struct AddressTextTests {
    @Test func knownValues() throws {
        #expect(IPAddress(ipv4: 0).description == "0.0.0.0")
        #expect(IPAddress(ipv4: 0xFFFF_FFFF).description == "255.255.255.255")
        #expect(IPAddress(ipv4: 0x0A00_0001).description == "10.0.0.1")
        #expect(Endpoint(IPAddress(ipv4: 0xC000_020A), 5060).description == "192.0.2.10:5060")
        #expect(Endpoint(IPAddress(ipv4: 0), 0).description == "0.0.0.0:0")
        #expect(Endpoint(IPAddress(ipv4: 0xFFFF_FFFF), 65535).description == "255.255.255.255:65535")
        #expect(Endpoint(try #require(IPAddress("2001:db8::1")), 5060).description == "[2001:db8::1]:5060")
    }

    @Test func everyOctetAndPortWidth() {
        var state: UInt64 = 7
        for _ in 0 ..< 5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = UInt32(truncatingIfNeeded: state >> 32)
            let port = UInt16(truncatingIfNeeded: state >> 7) >> (state % 13)
            let octets = [value >> 24, value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF].map { String($0) }
            let text = octets.joined(separator: ".")
            #expect(IPAddress(ipv4: value).description == text)
            #expect(Endpoint(IPAddress(ipv4: value), port).description == text + ":" + String(port))
            #expect(IPAddress(text) == IPAddress(ipv4: value))
        }
    }

    /// Dotted-quad parsing: four decimal parts of 1–3 digits, each ≤ 255 (a leading '+' is tolerated as the
    /// integer parser tolerates it); anything else is not an IPv4 address; a ':' anywhere means IPv6.
    @Test(arguments: [
        ("1.2.3.4", "1.2.3.4"), ("01.002.3.4", "1.2.3.4"), ("+1.2.3.4", "1.2.3.4"), ("255.255.255.255", "255.255.255.255"),
        ("256.1.1.1", nil), ("1.2.3", nil), ("1..2.3", nil), ("1.2.3.4.5", nil), ("1.2.3.1234", nil), ("1.2.3.", nil),
        ("\u{0661}.2.3.4", nil), ("1.2.3.4\u{0301}", nil), ("", nil), ("::1", "::1"), ("::ffff:1.2.3.4", "::ffff:102:304"),
    ] as [(String, String?)])
    func parsing(text: String, expected: String?) {
        #expect(IPAddress(text)?.description == expected)
    }
}
