import Testing
import SIPKit

@Suite struct E164NormalizerTests {
    static let russia = E164Normalizer(defaultCountryCode: "7")
    static let none = E164Normalizer()
    static let germany = E164Normalizer(defaultCountryCode: "49")

    @Test(arguments: [
        ("89161234567", "79161234567"),      // national trunk prefix 8 → country code 7
        ("+79161234567", "79161234567"),     // global number, '+' dropped
        ("79161234567", "79161234567"),      // already country code + 10-digit NSN
        ("9161234567", "79161234567"),       // bare 10-digit NSN gets the country code
        ("81049301234567", "49301234567"),   // 810 international prefix removed
        ("0049301234567", "49301234567"),    // 00 international prefix removed
        ("8 (916) 123-45-67", "79161234567"), // visual separators removed
        ("1001", nil),                       // extension
        ("alice", nil),                      // not a number
        ("+1234567", nil),                   // 7 digits: shorter than any E.164 number accepted (8…15)
        ("+1234567890123456", nil),          // 16 digits: over the E.164 maximum of 15
    ] as [(String, String?)])
    func russianDefaults(input: String, expected: String?) {
        #expect(Self.russia.normalize(input) == expected)
    }

    @Test(arguments: [
        ("+4930123456", "4930123456"),
        ("0049301234567", "49301234567"),
        ("89161234567", nil),                // no default country: national numbers are not derivable
        ("tel-like-1", nil),
    ] as [(String, String?)])
    func withoutDefaultCountry(input: String, expected: String?) {
        #expect(Self.none.normalize(input) == expected)
    }

    /// Only ASCII digits count (the number is scanned as bytes): other scripts' digits, full-width digits and
    /// digits carrying a combining mark are not telephone numbers; parameters after ';' and outer spaces are cut.
    @Test(arguments: [
        ("+7916\u{0661}\u{0662}34567", nil),   // Arabic-Indic digits
        ("+791612345\u{FF16}7", nil),          // full-width 6
        ("+79161234567\u{0301}", nil),         // combining acute accent on the last digit
        ("  +7 916 123 45 67 ;ext=1", "79161234567"),
        ("+7+9161234567", nil),                // '+' only first
        ("", nil),
    ] as [(String, String?)])
    func onlyASCIIDigits(input: String, expected: String?) {
        #expect(Self.russia.normalize(input) == expected)
    }

    @Test func germanTrunkPrefixZero() {
        #expect(Self.germany.normalize("030123456") == "4930123456")
        #expect(Self.germany.normalize("+49 30 123456") == "4930123456")
    }

    @Test func fromAddresses() throws {
        let tel = try #require(SIPNameAddress(parsing: "<tel:+7-916-123-45-67;phone-context=+7>"))
        #expect(Self.none.normalize(tel) == "79161234567")
        let phone = try #require(SIPNameAddress(parsing: "<sip:+79161234567@gw;user=phone>;tag=1"))
        #expect(Self.none.normalize(phone) == "79161234567")
        let name = try #require(SIPNameAddress(parsing: "<sip:alice@a.example>"))
        #expect(Self.russia.normalize(name) == nil)
    }

    /// Caller from P-Asserted-Identity over From; callee from To when no response asserts one.
    @Test func identityPriorityInCalls() throws {
        var s = CallScenario(configuration: CallTrackerConfiguration(numbers: Self.russia))
        try s.send(s.request("INVITE", cseq: 1, extra: ["P-Asserted-Identity: <sip:+74951112233@carrier>",
                                                       "Remote-Party-ID: <sip:84950000000@carrier>;party=calling"]),
                   at: 0, fromCaller: true)
        let call = try #require(s.finish().calls.first)
        #expect(call.caller == "74951112233" && call.callee == "79161234567")

        var r = CallScenario(configuration: CallTrackerConfiguration(numbers: Self.russia))
        try r.send(r.request("INVITE", cseq: 1, extra: ["Remote-Party-ID: <sip:84950000000@carrier>;party=calling"]),
                   at: 0, fromCaller: true)
        try r.send(r.response(200, "OK", cseq: 1, extra: ["P-Asserted-Identity: <tel:+78120000000>"]), at: 10, fromCaller: false)
        let second = try #require(r.finish().calls.first)
        #expect(second.caller == "74950000000" && second.callee == "78120000000")
    }
}

@Suite struct PhoneContextTests {
    @Test func localNumbersWithGlobalContext() throws {
        let n = E164Normalizer()
        let sip = try #require(SIPNameAddress(parsing: "<sip:8005551234;phone-context=+1@gw.example;user=phone>"))
        #expect(sip.uri.user == "8005551234;phone-context=+1" && sip.uri.host == "gw.example")
        #expect(sip.uri.parameters.value(of: "user") == "phone")
        #expect(n.normalize(sip) == "18005551234")
        let tel = try #require(SIPNameAddress(parsing: "<tel:5551234;phone-context=+1-800>"))
        #expect(n.normalize(tel) == "18005551234")
        let domain = try #require(SIPNameAddress(parsing: "<tel:1234;phone-context=example.com>"))
        #expect(n.normalize(domain) == nil)  // private context: not derivable
    }
}
