#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WireCore

/// One open capture file: classic pcap through libpcap, pcapng through the Swift reader
/// (which, unlike libpcap, accepts interfaces with different link types in one file).
public final class CaptureFile {
    private enum Reader {
        case libpcap(LibpcapFileReader)
        case pcapng(PcapngFileReader)
    }

    private let reader: Reader
    public let path: String
    public let format: CaptureFormat

    /// Opens `path`, choosing the reader from the file's magic number.
    public init(path: String, fileIndex: Int = 0) throws(CaptureError) {
        self.path = path
        switch try CaptureFile.sniffFormat(path: path) {
        case .pcapng:
            format = .pcapng
            reader = .pcapng(try PcapngFileReader(path: path, fileIndex: fileIndex))
        case .pcap:
            format = .pcap
            reader = .libpcap(try LibpcapFileReader(path: path, fileIndex: fileIndex))
        }
    }

    /// Link types declared by the file so far (pcapng may add interfaces later).
    public var linkTypes: [LinkType] {
        switch reader {
        case .libpcap(let r): return [r.linkType]
        case .pcapng(let r): return r.linkTypes
        }
    }

    /// How reading ended; nil while packets remain.
    public var end: CaptureEnd? {
        switch reader {
        case .libpcap(let r): return r.end
        case .pcapng(let r): return r.end
        }
    }

    /// The next packet; its bytes are valid until the next call on this file.
    @inline(__always)
    public func next() -> (CaptureRecord, UnsafeRawBufferPointer)? {
        switch reader {
        case .libpcap(let r): return r.next()
        case .pcapng(let r): return r.next()
        }
    }

    /// Calls `body` for every remaining packet (bytes valid during the call). The reader is chosen once, not
    /// per packet, so the loop does no reference counting of its own.
    public func forEach(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws -> Void) rethrows {
        switch reader {
        case .libpcap(let r): while let (record, bytes) = r.next() { try body(record, bytes) }
        case .pcapng(let r): while let (record, bytes) = r.next() { try body(record, bytes) }
        }
    }

    /// Decides pcap vs pcapng from the first four bytes; reports missing/empty files precisely.
    static func sniffFormat(path: String) throws(CaptureError) -> CaptureFormat {
        guard let file = fopen(path, "rb") else {
            let code = errno
            if code == ENOENT { throw CaptureError(.missingFile, path: path, detail: "no such file") }
            if code == EISDIR { throw CaptureError(.unreadable, path: path, detail: "is a directory") }
            throw CaptureError(.unreadable, path: path, detail: String(cString: strerror(code)))
        }
        defer { fclose(file) }
        var magic = [UInt8](repeating: 0, count: 4)
        let got = fread(&magic, 1, 4, file)
        if got == 0 {
            // fopen succeeds on directories on Linux; fread then fails with EISDIR.
            if ferror(file) != 0 { throw CaptureError(.unreadable, path: path, detail: "cannot read (is it a directory?)") }
            throw CaptureError(.emptyFile, path: path, detail: "empty file, not a capture")
        }
        if got == 4 && magic == [0x0A, 0x0D, 0x0D, 0x0A] { return .pcapng }
        if got < 4 {
            // Too short to hold a magic number: a cut header if the bytes start one, otherwise not a capture.
            let start = Array(magic.prefix(got))
            if knownMagics.contains(where: { $0.starts(with: start) }) {
                throw CaptureError(.corruptHeader, path: path, detail: "capture file header is truncated (\(got) bytes)")
            }
            throw CaptureError(.notACapture, path: path, detail: "not a pcap or pcapng capture (only \(got) bytes)")
        }
        return .pcap
    }

    /// The first four bytes of every format this tool reads, as they appear in the file (both byte orders).
    static let knownMagics: [[UInt8]] = [
        [0xD4, 0xC3, 0xB2, 0xA1], [0xA1, 0xB2, 0xC3, 0xD4],  // pcap, microseconds
        [0x4D, 0x3C, 0xB2, 0xA1], [0xA1, 0xB2, 0x3C, 0x4D],  // pcap, nanoseconds
        [0x34, 0xCD, 0xB2, 0xA1], [0xA1, 0xB2, 0xCD, 0x34],  // pcap, Kuznetzov's modified format
        [0x0A, 0x0D, 0x0D, 0x0A],                            // pcapng section header
    ]
}
