/// A fatal problem opening a capture file: the one line the command prints before exiting with status 2.
public struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case missingFile = "missing_file"
        case unreadable
        case emptyFile = "empty_file"
        case notACapture = "not_a_capture"
        case corruptHeader = "corrupt_header"
    }

    public var kind: Kind
    public var path: String
    public var detail: String

    public init(_ kind: Kind, path: String, detail: String) {
        self.kind = kind; self.path = path; self.detail = detail
    }

    public var description: String { "\(path): \(detail)" }
}
