import WireCore

/// The on-disk container of a capture file.
public enum CaptureFormat: String, Sendable, Hashable {
    case pcap, pcapng
}

/// Per-packet metadata handed out with the packet bytes.
public struct CaptureRecord: Sendable, Hashable {
    /// Index of the file in the capture set (0-based, command-line order).
    public var fileIndex: Int
    /// 1-based packet number within its file (what Wireshark shows as the frame number).
    public var packetNumber: Int
    /// Capture time, nanosecond precision.
    public var timestamp: Timestamp
    /// Bytes present in the file for this packet.
    public var capturedLength: Int
    /// Bytes the packet had on the wire (larger than `capturedLength` when snaplen cut it).
    public var originalLength: Int
    public var linkType: LinkType

    public init(fileIndex: Int, packetNumber: Int, timestamp: Timestamp, capturedLength: Int, originalLength: Int, linkType: LinkType) {
        self.fileIndex = fileIndex; self.packetNumber = packetNumber; self.timestamp = timestamp
        self.capturedLength = capturedLength; self.originalLength = originalLength; self.linkType = linkType
    }

    /// True when snaplen cut the packet short.
    public var isSnaplenCut: Bool { capturedLength < originalLength }
}

/// How reading one file ended.
public enum CaptureEnd: Sendable, Hashable {
    /// Clean end of file.
    case endOfFile
    /// The file ends in the middle of a record (cut copy, capture still running …).
    case truncated(detail: String)
    /// A record could not be read (bad length, corrupt block); reading stopped there.
    case corrupt(detail: String)
}
