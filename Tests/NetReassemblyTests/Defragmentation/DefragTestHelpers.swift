import NetReassembly
import TestSupport
import WireCore

let defragSource = IPAddress("192.0.2.1")!
let defragDestination = IPAddress("192.0.2.2")!
let udpKey = IPFragmentKey(source: defragSource, destination: defragDestination, identification: 7, protocolNumber: 17)

func seconds(_ s: Double) -> Timestamp { Timestamp(nanoseconds: Int64(s * 1e9)) }

/// A payload whose bytes differ from position to position, so misplaced bytes are caught.
func patternedPayload(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed)) }
}

extension IPDefragmenter {
    /// Feeds one spec (copying nothing: the bytes are borrowed for the call).
    mutating func add(_ spec: FragmentSpec, key: IPFragmentKey = udpKey, at time: Timestamp = .zero) -> DefragResult {
        spec.data.withUnsafeBytes { add(IPFragment(key: key, offset: spec.offset, moreFragments: spec.moreFragments, payload: $0), at: time) }
    }
}

extension DefragResult {
    var datagram: ReassembledDatagram? { if case .complete(let d) = self { d } else { nil } }
    var rejection: DefragRejection? { if case .rejected(let r) = self { r } else { nil } }
    var isNeedMore: Bool { if case .needMore = self { true } else { false } }
}
