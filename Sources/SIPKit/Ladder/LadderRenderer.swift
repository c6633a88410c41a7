import WireCore

/// Renders a call's message flow as a text ladder diagram: one column per host
/// (address:port, in order of first appearance), one line per message with the time
/// relative to the first message in seconds.
///
/// ```
///             10.0.0.1:5060           10.0.0.2:5060
///   +0.000000 |----INVITE (SDP)----->|
///   +0.012000 |<---100 Trying--------|
/// ```
public struct LadderRenderer: Sendable {
    /// Characters between two neighbouring columns.
    public var columnWidth: Int

    public init(columnWidth: Int = 28) { self.columnWidth = max(12, columnWidth) }

    public func render(_ call: CallRecord) -> String {
        var hosts: [Endpoint] = []
        for m in call.messages {
            if !hosts.contains(m.source) { hosts.append(m.source) }
            if !hosts.contains(m.destination) { hosts.append(m.destination) }
        }
        guard let start = call.messages.first?.time else { return "Call-ID: \(call.callID)\n(no messages)\n" }
        let timeWidth = 12
        var out = "Call-ID: \(call.callID)\n"
        // Header: host names centred on their column position (at least one space apart).
        var header = ""
        for (i, host) in hosts.enumerated() {
            let name = host.description
            let column = timeWidth + i * columnWidth
            let start = max(header.isEmpty ? 0 : header.count + 1, column - name.count / 2)
            header += String(repeating: " ", count: start - header.count) + name
        }
        out += header + "\n"
        for m in call.messages {
            guard let from = hosts.firstIndex(of: m.source), let to = hosts.firstIndex(of: m.destination) else { continue }
            var line = Array(repeating: Character(" "), count: timeWidth + max(1, hosts.count - 1) * columnWidth + 1)
            let stamp = LadderRenderer.relative(m.time, start)
            for (i, c) in stamp.enumerated() where i < timeWidth - 1 { line[i] = c }
            for i in 0..<hosts.count { line[timeWidth + i * columnWidth] = "|" }
            let lo = min(from, to), hi = max(from, to)
            let left = timeWidth + lo * columnWidth, right = timeWidth + hi * columnWidth
            if lo != hi {
                for i in (left + 1)..<right { line[i] = "-" }
                if to > from { line[right - 1] = ">" } else { line[left + 1] = "<" }
                var label = m.summary + (m.isRetransmission ? " [retrans]" : "")
                let room = right - left - 5
                if label.count > room { label = String(label.prefix(max(0, room))) }
                let labelStart = left + 3
                for (i, c) in label.enumerated() { line[labelStart + i] = c }
            }
            out += String(line).replacingTrailingSpaces() + "\n"
        }
        if call.droppedMessages > 0 { out += "… \(call.droppedMessages) more messages not kept\n" }
        return out
    }

    /// `+S.ffffff` seconds since `start`.
    static func relative(_ time: Timestamp, _ start: Timestamp) -> String {
        let ns = time.nanoseconds - start.nanoseconds
        let sign = ns < 0 ? "-" : "+"
        let magnitude = ns.magnitude
        let micros = (magnitude / 1000) % 1_000_000
        let fraction = String(micros)
        return sign + String(magnitude / 1_000_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
