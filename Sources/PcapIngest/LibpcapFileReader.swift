import CPcap
import WireCore

/// Reads a classic pcap file through libpcap, with timestamps scaled to nanoseconds.
///
/// The bytes handed out by `next()` are libpcap's buffer: valid until the next call only
/// (pcap_next_ex(3PCAP)), never copied.
public final class LibpcapFileReader {
    private let handle: OpaquePointer
    public let path: String
    public let fileIndex: Int
    public let linkType: LinkType
    private var packetNumber = 0
    /// How reading ended; nil while packets remain.
    public private(set) var end: CaptureEnd?

    /// Opens `path`; throws `CaptureError` for a file libpcap cannot read as a capture.
    public init(path: String, fileIndex: Int) throws(CaptureError) {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        let opened = pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer)
        guard let opened else {
            let message = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw CaptureError.classifyOpenFailure(path: path, libpcapMessage: message)
        }
        self.handle = opened
        self.path = path
        self.fileIndex = fileIndex
        self.linkType = LinkType(rawValue: UInt32(bitPattern: pcap_datalink(opened)))
    }

    deinit { pcap_close(handle) }

    /// The next packet, or nil at the end (then `end` says why).
    public func next() -> (CaptureRecord, UnsafeRawBufferPointer)? {
        guard end == nil else { return nil }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let status = pcap_next_ex(handle, &header, &data)
        switch status {
        case 1:
            guard let header, let data else { end = .corrupt(detail: "libpcap returned no packet data"); return nil }
            packetNumber += 1
            let h = header.pointee
            let record = CaptureRecord(
                fileIndex: fileIndex, packetNumber: packetNumber,
                timestamp: Timestamp(seconds: Int64(h.ts.tv_sec), nanoseconds: Int64(h.ts.tv_usec)),
                capturedLength: Int(h.caplen), originalLength: Int(h.len), linkType: linkType)
            return (record, UnsafeRawBufferPointer(start: data, count: Int(h.caplen)))
        case -2:  // PCAP_ERROR_BREAK: end of file
            end = .endOfFile
            return nil
        default:
            let message = String(cString: pcap_geterr(handle))
            end = message.contains("truncated") ? .truncated(detail: message) : .corrupt(detail: message)
            return nil
        }
    }
}

extension CaptureError {
    /// Maps libpcap's open-failure text onto a stable kind with a readable line.
    static func classifyOpenFailure(path: String, libpcapMessage message: String) -> CaptureError {
        if message.contains("No such file") { return CaptureError(.missingFile, path: path, detail: "no such file") }
        if message.contains("Permission denied") { return CaptureError(.unreadable, path: path, detail: "permission denied") }
        if message.contains("only got 0") { return CaptureError(.emptyFile, path: path, detail: "empty file, not a capture") }
        if message.contains("unknown file format") {
            return CaptureError(.notACapture, path: path, detail: "not a pcap or pcapng capture (unknown file format)")
        }
        if message.contains("truncated") {
            return CaptureError(.corruptHeader, path: path, detail: "capture file header is truncated (\(message))")
        }
        return CaptureError(.notACapture, path: path, detail: "cannot read capture: \(message)")
    }
}
