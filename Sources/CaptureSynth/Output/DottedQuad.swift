/// IPv4 dotted-decimal text written straight into packet bytes (no String), for RTCP CNAMEs.
enum DottedQuad {
    /// Characters of `address` in dotted-decimal form (7…15).
    static func length(_ address: UInt32) -> Int {
        var total = 3
        for shift in stride(from: 24, through: 0, by: -8) {
            let octet = address >> UInt32(shift) & 0xFF
            total += octet >= 100 ? 3 : octet >= 10 ? 2 : 1
        }
        return total
    }

    /// Writes the text at `to`; returns the number of bytes written (`length(address)`).
    @discardableResult
    static func write(_ address: UInt32, to: UnsafeMutableRawPointer) -> Int {
        var at = 0
        for shift in stride(from: 24, through: 0, by: -8) {
            let octet = UInt8(truncatingIfNeeded: address >> UInt32(shift))
            if shift != 24 { to.storeBytes(of: UInt8(ascii: "."), toByteOffset: at, as: UInt8.self); at += 1 }
            if octet >= 100 { to.storeBytes(of: 48 + octet / 100, toByteOffset: at, as: UInt8.self); at += 1 }
            if octet >= 10 { to.storeBytes(of: 48 + octet / 10 % 10, toByteOffset: at, as: UInt8.self); at += 1 }
            to.storeBytes(of: 48 + octet % 10, toByteOffset: at, as: UInt8.self)
            at += 1
        }
        return at
    }
}
