import WireCore

/// Counts of packets (or messages) skipped per reason, with the first packet where each happened.
public struct SkipCounter: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var count: Int
        /// File index and 1-based packet number of the first occurrence.
        public var firstFile: Int
        public var firstPacket: Int
        public var example: String
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    public mutating func record(_ reason: String, file: Int, packet: Int, detail: @autoclosure () -> String) {
        if entries[reason] != nil {
            entries[reason]?.count += 1
        } else {
            entries[reason] = Entry(count: 1, firstFile: file, firstPacket: packet, example: detail())
        }
    }

    public var total: Int { entries.values.reduce(0) { $0 + $1.count } }

    /// The same counts with every first occurrence moved to file `file` (a file analysed on its own is file 0).
    func relocated(toFile file: Int) -> SkipCounter {
        var copy = self
        for key in copy.entries.keys { copy.entries[key]?.firstFile = file }
        return copy
    }
}

/// One line of the report's `diagnostics` list.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable { case info, warning, error }
    public var severity: Severity
    public var code: String
    public var message: String
    /// 1-based packet number (within `file`) where it was first seen, when tied to a packet.
    public var packet: Int?
    public var file: Int?

    public init(severity: Severity, code: String, message: String, packet: Int? = nil, file: Int? = nil) {
        self.severity = severity; self.code = code; self.message = message; self.packet = packet; self.file = file
    }
}
