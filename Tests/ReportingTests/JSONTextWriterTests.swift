import Testing
import WireCore
@testable import Reporting

/// The direct JSON writer (the `analyze --json` path) must produce exactly the text of the tree the same calls
/// build (`JSONValue.serialized()`, the HTML/diff path), for every kind of value and nesting.
@Suite struct JSONTextWriterTests {
    /// Keys the replay may use (the sink takes static names; "a" exercises a one-scalar literal).
    static let keys: [StaticString] = ["a", "id", "first_packet", "with space", "ünïcödé", "x_1"]

    /// A value the sink writes, with the tree it must equal.
    indirect enum Node {
        case null, bool(Bool), int(Int), double(Double), string(String), time(Timestamp)
        case array([Node])
        case object([(Int, Node)])   // key index into `keys`

        var tree: JSONValue {
            switch self {
            case .null: .null
            case .bool(let b): .bool(b)
            case .int(let i): .int(i)
            case .double(let d): .double(d)
            case .string(let s): .string(s)
            case .time(let t): .string(t.iso8601)
            case .array(let items): .array(items.map(\.tree))
            case .object(let members): .object(members.map { (JSONTextWriterTests.keys[$0.0].description, $0.1.tree) })
            }
        }

        func replay<Sink: JSONSink>(into sink: inout Sink) {
            switch self {
            case .null: sink.null()
            case .bool(let b): sink.bool(b)
            case .int(let i): sink.int(i)
            case .double(let d): sink.double(d)
            case .string(let s): sink.string(s)
            case .time(let t): sink.time(t)
            case .array(let items): sink.array(items) { $1.replay(into: &$0) }
            case .object(let members):
                sink.object { sink in
                    for (key, value) in members {
                        sink.key(JSONTextWriterTests.keys[key])
                        value.replay(into: &sink)
                    }
                }
            }
        }
    }

    static let strings = ["", "plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{01}\u{1F}control",
                          "ünïcödé ✓ 🎧", String(repeating: "long ", count: 40)]
    static let doubles: [Double] = [0, -0.0, 1, -7, 0.1, 2.675, 1e15, 1e15 - 1, -1e15 + 1, 1e300, .leastNonzeroMagnitude,
                                    123456.789, .infinity, -.infinity, .nan, 1.0 / 3]
    static let ints = [0, 1, -1, 42, Int.max, Int.min, 1_000_000_007]
    static let times = [Timestamp.zero, Timestamp(nanoseconds: 1_700_000_000_123_456_789),
                        Timestamp(nanoseconds: -1_234_567_890_123), Timestamp(nanoseconds: Int64.max)]

    static func randomNode(depth: Int, using rng: inout SplitMix) -> Node {
        let choice = depth >= 4 ? rng.next(6) : rng.next(9)
        switch choice {
        case 0: return .null
        case 1: return .bool(rng.next(2) == 0)
        case 2: return .int(ints[rng.next(ints.count)])
        case 3: return .double(doubles[rng.next(doubles.count)])
        case 4: return .string(strings[rng.next(strings.count)])
        case 5: return .time(times[rng.next(times.count)])
        case 6, 7: return .array((0..<rng.next(4)).map { _ in randomNode(depth: depth + 1, using: &rng) })
        default: return .object((0..<rng.next(4)).map { _ in (rng.next(keys.count), randomNode(depth: depth + 1, using: &rng)) })
        }
    }

    struct SplitMix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func written(_ node: Node, level: Int) -> String {
        var writer = JSONTextWriter(level: level, initialCapacity: 8)   // tiny: exercises growth
        defer { writer.deallocate() }
        node.replay(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func randomDocumentsMatchTheTreeText() {
        var rng = SplitMix(state: 2026)
        for _ in 0..<400 {
            let node = Self.randomNode(depth: 0, using: &rng)
            var expected: [UInt8] = []
            node.tree.write(to: &expected, indent: 0)
            #expect(Self.written(node, level: 0) == String(decoding: expected, as: UTF8.self))
            // Deeper start levels (report items are written at level 2).
            var nested: [UInt8] = []
            node.tree.write(to: &nested, indent: 3)
            #expect(Self.written(node, level: 3) == String(decoding: nested, as: UTF8.self))
            var builder = JSONTreeBuilder()
            node.replay(into: &builder)
            #expect(builder.result.serialized() == node.tree.serialized())
        }
    }

    @Test func handWrittenLayout() {
        let node = Node.object([(1, .int(-5)), (0, .array([])), (2, .object([])),
                                (3, .array([.double(2.5), .double(3), .null, .string("q\"")])),
                                (5, .time(Timestamp(nanoseconds: 1_105_725_482_965_944_000)))])
        #expect(Self.written(node, level: 0) == """
            {
              "id": -5,
              "a": [],
              "first_packet": {},
              "with space": [
                2.5,
                3,
                null,
                "q\\""
              ],
              "x_1": "2005-01-14T17:58:02.965944Z"
            }
            """)
    }

    @Test func writerStartsOverAfterReset() {
        var writer = JSONTextWriter(level: 0)
        defer { writer.deallocate() }
        Node.array([.int(1)]).replay(into: &writer)
        writer.reset()
        Node.object([(1, .bool(true))]).replay(into: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "{\n  \"id\": true\n}")
    }
}
