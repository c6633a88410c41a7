import WireCore

/// Cuts SIP messages out of a reliable byte stream (SIP over TCP, RFC 3261 §18.3).
///
/// Feed arbitrary chunks with `append`, then call `next()` until it returns nil. Messages are
/// framed by the blank line after the headers plus Content-Length (a missing Content-Length
/// counts as 0). CRLF keep-alives between messages (RFC 5626 §3.5.1) are skipped and counted.
/// A message over `limits.maxMessageBytes` is reported once and skipped without buffering it;
/// unparseable data is reported and skipped line by line until a line that looks like a SIP
/// start line. Output does not depend on how the stream was chunked.
public struct SIPStreamFramer: Sendable {
    public enum Event: Sendable, Hashable {
        case message(SIPMessage)
        /// A framing or parse problem; `offset` counts bytes from the start of the stream.
        case error(ParseError)
    }

    public let limits: SIPLimits
    /// CR and LF bytes skipped between messages (keep-alives).
    public private(set) var keepAliveBytes = 0
    /// Bytes thrown away while skipping oversize or malformed data.
    public private(set) var discardedBytes = 0

    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Stream offset of `buffer[0]`.
    private var bufferBase = 0
    /// Where the search for the end of headers resumes (avoids rescanning on every chunk).
    private var headerScanIndex = 0
    /// Body bytes of an oversize message still to skip.
    private var discardRemaining = 0
    /// True while dropping lines until something that looks like a start line.
    private var resynchronising = false

    public init(limits: SIPLimits = .default) { self.limits = limits }

    /// Bytes held while waiting for the rest of a message.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) { buffer.append(contentsOf: bytes) }
    public mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    /// The next complete message or error, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        defer { compact() }
        while true {
            if discardRemaining > 0 {
                let n = min(discardRemaining, available)
                consume(n, discarded: true)
                discardRemaining -= n
                if discardRemaining > 0 { return nil }
            }
            if resynchronising {
                guard let lf = indexOfLineFeed(buffer, from: readIndex, to: buffer.count) else {
                    if available > limits.maxMessageBytes { consume(available, discarded: true) }
                    return nil
                }
                if looksLikeStartLine(readIndex, lf) {
                    resynchronising = false
                } else {
                    consume(lf + 1 - readIndex, discarded: true)
                    continue
                }
            }
            while readIndex < buffer.count, buffer[readIndex] == 0x0D || buffer[readIndex] == 0x0A {
                readIndex += 1; keepAliveBytes += 1
            }
            headerScanIndex = max(headerScanIndex, readIndex)
            guard available > 0 else { return nil }
            guard let headerEnd = findHeaderEnd() else {
                if available > limits.maxMessageBytes {
                    let error = ParseError(.limitExceeded, layer: .sip, offset: streamOffset, needed: available,
                                           available: limits.maxMessageBytes, detail: "header block over the size cap")
                    startResynchronising()
                    return .error(error)
                }
                return nil
            }
            let head: SIPMessage.Head
            do {
                head = try SIPMessage.parseHead(buffer, from: readIndex, end: headerEnd, limits: limits)
            } catch {
                var located = error
                located.offset = bufferBase + error.offset
                startResynchronising()
                return .error(located)
            }
            let headerBytes = headerEnd - readIndex
            let bodyBytes = head.contentLength ?? 0
            if headerBytes + bodyBytes > limits.maxMessageBytes {
                let error = ParseError(.limitExceeded, layer: .sip, offset: streamOffset, needed: headerBytes + bodyBytes,
                                       available: limits.maxMessageBytes, detail: "message over the size cap")
                consume(headerBytes, discarded: true)
                discardRemaining = bodyBytes
                return .error(error)
            }
            guard available >= headerBytes + bodyBytes else { return nil }
            let message = SIPMessage(startLine: head.startLine, headers: head.headers,
                                     body: Array(buffer[headerEnd ..< headerEnd + bodyBytes]),
                                     wireLength: headerBytes + bodyBytes)
            consume(headerBytes + bodyBytes, discarded: false)
            return .message(message)
        }
    }

    private var available: Int { buffer.count - readIndex }
    private var streamOffset: Int { bufferBase + readIndex }

    private mutating func consume(_ n: Int, discarded: Bool) {
        readIndex += n
        headerScanIndex = readIndex
        if discarded { discardedBytes += n }
    }

    /// Drops the current first line and skips lines until a start line.
    private mutating func startResynchronising() {
        let lf = indexOfLineFeed(buffer, from: readIndex, to: buffer.count) ?? (buffer.count - 1)
        consume(lf + 1 - readIndex, discarded: true)
        resynchronising = true
    }

    /// Index just after the empty line that ends the header block, scanning at most the size cap.
    private mutating func findHeaderEnd() -> Int? {
        let limit = min(buffer.count, readIndex + limits.maxMessageBytes + 4)
        var i = max(headerScanIndex, readIndex)
        while i < limit {
            if buffer[i] == 0x0A {
                // "\n\n" or "\n\r\n"
                if i + 1 < buffer.count, buffer[i + 1] == 0x0A { return i + 2 }
                if i + 2 < buffer.count, buffer[i + 1] == 0x0D, buffer[i + 2] == 0x0A { return i + 3 }
                if i + 2 >= buffer.count { headerScanIndex = i; return nil }  // undecided: wait here
            }
            i += 1
        }
        headerScanIndex = i
        return nil
    }

    /// `SIP/2.0 …` or `… SIP/2.0` (RFC 3261 §7.1, §7.2).
    private func looksLikeStartLine(_ start: Int, _ lf: Int) -> Bool {
        var end = lf
        if end > start, buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[start..<end]
        let version: [UInt8] = Array("SIP/2.0".utf8)
        guard line.count > version.count else { return false }
        if line.prefix(version.count).elementsEqual(version), line[start + version.count] == 0x20 { return true }
        return line.suffix(version.count).elementsEqual(version) && line[end - version.count - 1] == 0x20
    }

    private mutating func compact() {
        guard readIndex > 4096, readIndex * 2 > buffer.count else {
            if readIndex == buffer.count, readIndex > 0 {
                bufferBase += readIndex; buffer.removeAll(keepingCapacity: true)
                readIndex = 0; headerScanIndex = 0
            }
            return
        }
        buffer.removeFirst(readIndex)
        bufferBase += readIndex
        headerScanIndex -= readIndex
        readIndex = 0
    }
}
