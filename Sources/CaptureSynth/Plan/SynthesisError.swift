/// Why a capture could not be synthesised.
public struct SynthesisError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// A plan value is out of range (`detail` names it).
        case invalidPlan
        /// The output file could not be opened or written.
        case output
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) { self.code = code; self.detail = detail }

    public var description: String {
        switch code {
        case .invalidPlan: "invalid synthesis plan: \(detail)"
        case .output: "cannot write capture: \(detail)"
        }
    }
}
