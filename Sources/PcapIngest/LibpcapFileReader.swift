import CPcap
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        // pcap_datalink returns the host's DLT_ value (DLT_RAW is 12 on Linux for a LINKTYPE_RAW 101 file);
        // the report wants the LINKTYPE_ value the file carries, so read it from the header when possible.
        self.linkType = Self.headerLinkType(path: path) ?? LinkType(rawValue: UInt32(bitPattern: pcap_datalink(opened)))
    }

    /// The LINKTYPE_ field of a classic pcap file header (bytes 20-23 in the magic's byte order, low 26 bits as
    /// libpcap's LT_LINKTYPE), nil when the header cannot be read or has no known magic.
    static func headerLinkType(path: String) -> LinkType? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 24)
        guard fread(&header, 1, 24, file) == 24 else { return nil }
        return header.withUnsafeBytes { bytes -> LinkType? in
            // µs (a1b2c3d4), ns (a1b23c4d) and Kuznetzov's modified format (a1b2cd34).
            let magics: Set<UInt32> = [0xA1B2_C3D4, 0xA1B2_3C4D, 0xA1B2_CD34]
            let value: UInt32?
            if let magic = bytes.le32(at: 0), magics.contains(magic) { value = bytes.le32(at: 20) }
            else if let magic = bytes.be32(at: 0), magics.contains(magic) { value = bytes.be32(at: 20) }
            else { value = nil }
            return value.map { LinkType(rawValue: $0 & 0x03FF_FFFF) }
        }
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
                // The file's seconds field is unsigned 32-bit; libpcap passes it through a signed 32-bit value,
                // so times after 2038-01-19 would come out negative without this reinterpretation.
                timestamp: Timestamp(seconds: Int64(UInt32(truncatingIfNeeded: h.ts.tv_sec)), nanoseconds: Int64(h.ts.tv_usec)),
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
        if message.contains("unknown file format") {
            return CaptureError(.notACapture, path: path, detail: "not a pcap or pcapng capture (unknown file format)")
        }
        if message.contains("truncated") {
            return CaptureError(.corruptHeader, path: path, detail: "capture file header is truncated (\(message))")
        }
        return CaptureError(.notACapture, path: path, detail: "cannot read capture: \(message)")
    }
}
