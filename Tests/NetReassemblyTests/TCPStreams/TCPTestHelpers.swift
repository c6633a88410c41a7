import TestSupport
import NetReassembly
import WireCore

let client = Endpoint(IPAddress("10.1.1.1")!, 40000)
let server = Endpoint(IPAddress("10.1.1.2")!, 5060)
let upstream = FlowKey(source: client, destination: server, transport: .tcp)
let downstream = upstream.reversed

/// One delivered event with its bytes copied out of the borrowed buffer.
enum Recorded: Equatable, CustomStringConvertible {
    case data([UInt8])
    case gap(Int)
    case closed(TCPCloseReason)

    var description: String {
        switch self {
        case .data(let bytes): "data(\(bytes.count))"
        case .gap(let n): "gap(\(n))"
        case .closed(let reason): "closed(\(reason.rawValue))"
        }
    }
}

/// Collects events per flow.
struct StreamRecorder {
    var events: [(flow: FlowKey, time: Timestamp, event: Recorded)] = []

    mutating func record(_ event: TCPStreamEvent) {
        let recorded: Recorded
        switch event.kind {
        case .data(let bytes): recorded = .data(Array(bytes))
        case .gap(let n): recorded = .gap(n)
        case .closed(let reason): recorded = .closed(reason)
        }
        events.append((event.flow, event.time, recorded))
    }

    func events(for flow: FlowKey) -> [Recorded] { events.filter { $0.flow == flow }.map(\.event) }

    /// All delivered bytes of `flow`, concatenated.
    func bytes(for flow: FlowKey) -> [UInt8] {
        events(for: flow).reduce(into: []) { out, event in if case .data(let b) = event { out += b } }
    }

    var gapCount: Int { events.filter { if case .gap = $0.event { true } else { false } }.count }
}

/// A segment described with owned bytes, fed borrowed.
struct TestSegment {
    var flow: FlowKey = upstream
    var sequence: UInt32
    var flags: TCPControlFlags = []
    var payload: [UInt8] = []
    var time: Timestamp = .zero
}

extension TCPStreamReassembler {
    mutating func add(_ segment: TestSegment, into recorder: inout StreamRecorder) {
        segment.payload.withUnsafeBytes { bytes in
            add(TCPSegmentInput(flow: segment.flow, sequence: segment.sequence, flags: segment.flags, payload: bytes, time: segment.time)) {
                recorder.record($0)
            }
        }
    }

    static func with(_ configure: (inout Limits) -> Void) -> TCPStreamReassembler {
        var limits = Limits()
        configure(&limits)
        return TCPStreamReassembler(limits: limits)
    }
}


func bytes(_ range: Range<Int>) -> [UInt8] { range.map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) } }
