import WireCore

/// Signalling addresses to carrier names, from CSV lines `address-or-CIDR,name` (`#` comments, an optional
/// header line whose first field is not an address). The longest matching prefix wins.
public struct CarrierMap: Sendable {
    struct Entry: Sendable { var network: IPAddress; var prefixLength: Int; var name: String }
    var entries: [Entry] = []

    public init() {}

    public init(csv text: String) throws(PolicyError) {
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard fields.count == 2, !fields[1].isEmpty else { throw PolicyError("line \(number + 1): expected 'address-or-prefix,carrier'") }
            let parts = fields[0].split(separator: "/", maxSplits: 1)
            guard let address = IPAddress(parts[0]) else {
                if entries.isEmpty && number == 0 { continue }  // header row
                throw PolicyError("line \(number + 1): '\(fields[0])' is not an IP address or CIDR prefix")
            }
            let width = address.isIPv6 ? 128 : 32
            var length = width
            if parts.count == 2 {
                guard let given = Int(parts[1]), (0...width).contains(given) else {
                    throw PolicyError("line \(number + 1): bad prefix length '\(parts[1])'")
                }
                length = given
            }
            entries.append(Entry(network: address, prefixLength: length, name: fields[1]))
        }
    }

    /// The carrier for `address`, or nil when no entry covers it.
    public func carrier(for address: IPAddress) -> String? {
        var best: Entry?
        for entry in entries where entry.network.isIPv6 == address.isIPv6 && Self.matches(entry, address) {
            if best == nil || entry.prefixLength > (best?.prefixLength ?? -1) { best = entry }
        }
        return best?.name
    }

    static func matches(_ entry: Entry, _ address: IPAddress) -> Bool {
        let width = entry.network.isIPv6 ? 128 : 32
        guard entry.prefixLength > 0 else { return true }
        let shift = width - entry.prefixLength
        return entry.network.bits >> shift == address.bits >> shift
    }

    /// The host part of a signalling endpoint text (`10.0.0.5:5060`, `[2001:db8::1]:5060`, or a bare address).
    public static func host(of endpoint: String) -> String {
        if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
            return String(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
        }
        let colons = endpoint.filter { $0 == ":" }.count
        if colons == 1, let colon = endpoint.firstIndex(of: ":") { return String(endpoint[..<colon]) }
        return endpoint
    }
}
