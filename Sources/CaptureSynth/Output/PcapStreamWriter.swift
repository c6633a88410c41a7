#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a classic pcap file (LINKTYPE_ETHERNET) to disk through one large buffer.
///
/// Records are built in place inside the buffer (`beginRecord` returns where the frame goes), and
/// full buffers go to the file with one `fwrite`, so memory stays at the buffer size whatever the
/// capture length, and no packet is copied or allocated.
final class PcapStreamWriter {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    private let nanosecondPrecision: Bool
    private var failed: SynthesisError?
    /// Bytes handed to the file so far plus the buffered ones.
    private(set) var bytesWritten = 0
    private(set) var packetsWritten = 0

    /// Creates (truncates) `path` and writes the 24-byte pcap global header (snaplen 65535).
    init(path: String, precision: SynthesisPlan.Precision, bufferBytes: Int = 4 << 20) throws(SynthesisError) {
        guard let file = fopen(path, "wb") else {
            throw SynthesisError(.output, "\(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
        self.path = path
        self.capacity = max(bufferBytes, 64 << 10)
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        self.nanosecondPrecision = precision == .nanoseconds
        // The file's own stdio buffer is bypassed: we hand it whole megabytes.
        setvbuf(file, nil, _IONBF, 0)
        let header = buffer
        header.storeBytes(of: (nanosecondPrecision ? UInt32(0xA1B2_3C4D) : 0xA1B2_C3D4).littleEndian, as: UInt32.self)
        header.storeBytes(of: UInt16(2).littleEndian, toByteOffset: 4, as: UInt16.self)   // version 2.4
        header.storeBytes(of: UInt16(4).littleEndian, toByteOffset: 6, as: UInt16.self)
        header.storeBytes(of: UInt32(0), toByteOffset: 8, as: UInt32.self)                // thiszone
        header.storeBytes(of: UInt32(0), toByteOffset: 12, as: UInt32.self)               // sigfigs
        header.storeBytes(of: UInt32(65_535).littleEndian, toByteOffset: 16, as: UInt32.self)
        header.storeBytes(of: UInt32(1).littleEndian, toByteOffset: 20, as: UInt32.self)  // LINKTYPE_ETHERNET
        used = 24
        bytesWritten = 24
    }

    deinit {
        fclose(file)
        buffer.deallocate()
    }

    /// Appends a record header for a frame of `length` bytes captured at `nanoseconds` since the epoch
    /// and returns where the frame's bytes must be written (valid until the next call).
    @inline(__always)
    func beginRecord(nanoseconds: Int64, length: Int) -> UnsafeMutableRawPointer {
        if used + 16 + length > capacity { flush() }
        let record = buffer + used
        let seconds = nanoseconds / 1_000_000_000
        let fraction = nanoseconds - seconds * 1_000_000_000
        record.storeBytes(of: UInt32(truncatingIfNeeded: seconds).littleEndian, as: UInt32.self)
        let sub = nanosecondPrecision ? fraction : fraction / 1_000
        record.storeBytes(of: UInt32(truncatingIfNeeded: sub).littleEndian, toByteOffset: 4, as: UInt32.self)
        record.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: 8, as: UInt32.self)
        record.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: 12, as: UInt32.self)
        used += 16 + length
        bytesWritten += 16 + length
        packetsWritten += 1
        return record + 16
    }

    /// Writes the buffered bytes to the file (the first failure is remembered for `close`).
    func flush() {
        if used > 0 && failed == nil {
            let written = fwrite(buffer, 1, used, file)
            if written != used {
                failed = SynthesisError(.output, "\(path): \(String(cString: strerror(errno)))")
            }
        }
        used = 0
    }

    /// Flushes and reports any write error.
    func finish() throws(SynthesisError) {
        flush()
        if failed == nil, fflush(file) != 0 {
            failed = SynthesisError(.output, "\(path): \(String(cString: strerror(errno)))")
        }
        if let failed { throw failed }
    }
}
