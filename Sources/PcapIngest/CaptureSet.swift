import WireCore

/// Per-file facts gathered while reading (the `captures` entries of the report).
public struct CaptureFileSummary: Sendable, Hashable {
    public var path: String
    public var format: CaptureFormat
    public var linkTypes: [LinkType]
    public var packets = 0
    /// Sum of on-the-wire packet lengths (capinfos' "data size").
    public var bytes = 0
    /// Sum of bytes present in the file (less than `bytes` when snaplen cut packets).
    public var capturedBytes = 0
    public var firstPacket: Timestamp?
    public var lastPacket: Timestamp?
    public var snaplenCutPackets = 0
    /// How reading ended.
    public var end: CaptureEnd = .endOfFile

    public init(path: String, format: CaptureFormat, linkTypes: [LinkType]) {
        self.path = path; self.format = format; self.linkTypes = linkTypes
    }

    public var truncated: Bool {
        if case .endOfFile = end { return false }
        return true
    }

    /// Seconds between first and last packet, nil without packets.
    public var durationSeconds: Double? {
        guard let firstPacket, let lastPacket else { return nil }
        return lastPacket.seconds(since: firstPacket)
    }

    mutating func count(_ record: CaptureRecord) {
        packets += 1
        bytes += record.originalLength
        capturedBytes += record.capturedLength
        if record.isSnaplenCut { snaplenCutPackets += 1 }
        if firstPacket.map({ record.timestamp < $0 }) ?? true { firstPacket = record.timestamp }
        if lastPacket.map({ record.timestamp > $0 }) ?? true { lastPacket = record.timestamp }
        if !linkTypes.contains(record.linkType) { linkTypes.append(record.linkType) }
    }
}

/// Several capture files read as one capture in timestamp order (a k-way merge on the head
/// packet of each file), e.g. rotated captures that split a call across files.
///
/// Memory: one pending packet per file (libpcap's and the pcapng reader's buffers), no copies.
public final class CaptureSet {
    private let files: [CaptureFile]
    public private(set) var summaries: [CaptureFileSummary]
    private var heads: [(CaptureRecord, UnsafeRawBufferPointer)?]
    private var primed = false

    /// Opens every file up front, so a bad file fails before any analysis starts.
    public init(paths: [String]) throws(CaptureError) {
        var files: [CaptureFile] = []
        for (index, path) in paths.enumerated() { files.append(try CaptureFile(path: path, fileIndex: index)) }
        self.files = files
        self.summaries = files.map { CaptureFileSummary(path: $0.path, format: $0.format, linkTypes: $0.linkTypes) }
        self.heads = Array(repeating: nil, count: files.count)
    }

    /// Calls `body` for every packet of every file in timestamp order (ties: file order).
    /// The bytes are borrowed and valid only during the call.
    public func forEachPacket(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void) rethrows {
        if files.count == 1 {
            // One file: no merge; the summary is counted in a local and stored back even when `body` throws.
            var summary = summaries[0]
            defer { summaries[0] = summary }
            try files[0].forEach { record, bytes in
                summary.count(record)
                try body(record, bytes)
            }
            Self.finish(files[0], into: &summary)
            return
        }
        if !primed {
            for i in files.indices { advance(i) }
            primed = true
        }
        while true {
            var best = -1
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if best < 0 || head.0.timestamp < (heads[best]?.0.timestamp ?? head.0.timestamp) { best = i }
            }
            guard best >= 0, let (record, bytes) = heads[best] else { return }
            try body(record, bytes)
            advance(best)
        }
    }

    private func advance(_ i: Int) {
        if let packet = files[i].next() {
            summaries[i].count(packet.0)
            heads[i] = packet
        } else {
            heads[i] = nil
            Self.finish(files[i], into: &summaries[i])
        }
    }

    /// Records how `file` ended and the link types it declared.
    private static func finish(_ file: CaptureFile, into summary: inout CaptureFileSummary) {
        summary.end = file.end ?? .endOfFile
        for link in file.linkTypes where !summary.linkTypes.contains(link) { summary.linkTypes.append(link) }
    }
}
