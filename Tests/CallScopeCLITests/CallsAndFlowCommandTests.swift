import Testing
@testable import CallScopeCLI

@Suite struct CallsAndFlowCommandTests {
    /// The synthetic call: INVITE t0, 180 at +100 ms, 200 at +2000 ms, BYE at +3500 ms (SyntheticCall's comment), so
    /// PDD 100.0 ms, answer 2000.0 ms, duration (200 → BYE) 1.500 s; state completed, final code 200; streams s1, s2.
    @Test func callsTable() throws {
        let path = try SyntheticCall().write()
        let text = try CallsCommand.parse([path]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)   // title, rule, one call
        #expect(lines[0].hasPrefix("start (UTC)"))
        let row = lines[2]
        #expect(row.hasPrefix("2023-11-14 22:13:20.000"))   // t0 = 1 700 000 000 s since 1970
        for cell in ["completed", " 200 ", " 100.0 ", " 2000.0 ", " 1.500 ", " s1,s2 ", SyntheticCall.callID] {
            #expect(row.contains(cell), "missing \(cell) in \(row)")
        }
        #expect(row.contains("  alice@example.com → bob@192.0.2.2  "))   // scheme dropped; no E.164 number in the URIs
    }

    /// The ladder: one line per message in time order with times relative to the INVITE.
    @Test func flowLadder() throws {
        let path = try SyntheticCall().write()
        let text = try FlowCommand.parse([path, "--call", SyntheticCall.callID]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Call-ID: \(SyntheticCall.callID)")
        #expect(lines[1].contains("192.0.2.1:5060") && lines[1].contains("192.0.2.2:5060"))
        let expected = [("+0.000000", "INVITE"), ("+0.010000", "100 Trying"), ("+0.100000", "180 Ringing"),
                        ("+2.000000", "200 OK"), ("+2.050000", "ACK"), ("+3.500000", "BYE"), ("+3.520000", "200 OK")]
        #expect(lines.count == 2 + expected.count)
        for (line, (time, label)) in zip(lines.dropFirst(2), expected) {
            #expect(line.hasPrefix(time) && line.contains(label), "\(line) should be \(time) \(label)")
        }
        // Requests point right (caller is the first column), responses left.
        #expect(lines[2].contains("->|") && lines[3].contains("|<-"))
    }

    /// An unknown Call-ID is a status-2 one-liner that lists the known ones.
    @Test func unknownCall() throws {
        let path = try SyntheticCall().write()
        let command = try FlowCommand.parse([path, "--call", "nope"])
        let failure = try #require(throws: CommandFailure.self) { try command.render() }
        #expect(failure.exitCode == 2)
        #expect(failure.message == "no call with Call-ID 'nope'; known: '\(SyntheticCall.callID)'")
        #expect(!failure.message.contains("\n"))
    }

    /// A file that is not a capture: status 2, one line.
    @Test func notACapture() throws {
        let path = try TestFile.write(Array("hello".utf8))
        let failure = try #require(throws: CommandFailure.self) { try CallsCommand.parse([path]).render() }
        #expect(failure.exitCode == 2 && !failure.message.contains("\n"))
    }
}
