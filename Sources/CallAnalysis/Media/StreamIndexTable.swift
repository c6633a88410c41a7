import RTPKit
import WireCore

/// Map from stream key (source, destination, SSRC) to the stream's position in `Analyzer.streamStates`,
/// looked up once per RTP packet.
///
/// Open addressing with linear probing over a power-of-two table kept at most half full. Each slot holds a
/// 32-bit hash fingerprint and the position, so a probe reads one 8-byte slot and compares the full key only
/// on a fingerprint match. The hash is a few multiply–xor rounds (instead of SipHash over the key's nine
/// fields) seeded per table at random, so crafted captures cannot aim collisions at it.
struct StreamIndexTable {
    /// fingerprint << 32 | (position + 1); 0 = empty.
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    private var keys: [RTPStreamKey] = []
    private let seed = UInt64.random(in: 1 ... .max)

    var count: Int { keys.count }

    /// The position stored for `key`, nil when absent.
    func position(of key: RTPStreamKey) -> Int? {
        let hash = hashBits(of: key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let fingerprint = hash >> 32
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == fingerprint {
                let position = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if keys[position] == key { return position }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key` at the next position (`count`); the key must not be present yet.
    mutating func append(_ key: RTPStreamKey) {
        keys.append(key)
        if keys.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for (position, existing) in keys.enumerated() { insert(existing, position: position) }
        } else {
            insert(key, position: keys.count - 1)
        }
    }

    private mutating func insert(_ key: RTPStreamKey, position: Int) {
        let hash = hashBits(of: key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(position + 1)
    }

    private func hashBits(of key: RTPStreamKey) -> UInt64 {
        var h = seed ^ UInt64(key.ssrc)
        h = mix(h, key.source.address.low)
        h = mix(h, key.source.address.high)
        h = mix(h, key.destination.address.low)
        h = mix(h, key.destination.address.high)
        return mix(h, UInt64(key.source.port) << 16 | UInt64(key.destination.port))
    }

    /// One round: xor in the word, multiply by an odd constant, fold the high bits down.
    private func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 29)
    }
}
