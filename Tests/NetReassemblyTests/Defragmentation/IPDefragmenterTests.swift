import Testing
import NetReassembly
import TestSupport
import WireCore

@Suite("IPDefragmenter: ordering, duplicates, overlap policy")
struct IPDefragmenterOrderingTests {
    // 3000 bytes in pieces of at most 1400 → offsets 0, 1400, 2800 (1400 is a multiple of 8).
    let payload = patternedPayload(3000)
    var specs: [FragmentSpec] { IPFragmenter.split(payload, maxPieceLength: 1400) }

    @Test func inOrderFragmentsComplete() throws {
        var defrag = IPDefragmenter()
        #expect(specs.map(\.offset) == [0, 1400, 2800])
        #expect(defrag.add(specs[0]).isNeedMore)
        #expect(defrag.add(specs[1]).isNeedMore)
        #expect(defrag.bytesInFlight == 2800)
        let datagram = try #require(defrag.add(specs[2]).datagram)
        #expect(datagram.payload == payload)
        #expect(datagram.fragmentCount == 3)
        #expect(datagram.key == udpKey)
        #expect(defrag.bytesInFlight == 0 && defrag.datagramsInFlight == 0)
        #expect(defrag.statistics.datagramsReassembled == 1)
    }

    @Test(arguments: [[2, 1, 0], [1, 2, 0], [2, 0, 1], [0, 2, 1], [1, 0, 2]])
    func anyArrivalOrderGivesTheSameDatagram(order: [Int]) throws {
        var defrag = IPDefragmenter()
        let pieces = specs
        for index in order.dropLast() { #expect(defrag.add(pieces[index]).isNeedMore) }
        let datagram = try #require(defrag.add(pieces[order[2]]).datagram)
        #expect(datagram.payload == payload)
    }

    @Test func firstFragmentTimeIsKept() throws {
        var defrag = IPDefragmenter()
        _ = defrag.add(specs[1], at: seconds(5))
        _ = defrag.add(specs[0], at: seconds(6))
        let datagram = try #require(defrag.add(specs[2], at: seconds(7)).datagram)
        #expect(datagram.firstFragmentTime == seconds(5))
    }

    @Test func exactDuplicatesAreIgnored() throws {
        var defrag = IPDefragmenter()
        _ = defrag.add(specs[0])
        #expect(defrag.add(specs[0]).isNeedMore)
        _ = defrag.add(specs[1])
        let datagram = try #require(defrag.add(specs[2]).datagram)
        #expect(datagram.fragmentCount == 3)
        #expect(defrag.statistics.duplicateFragments == 1)
        #expect(defrag.statistics.overlappingFragments == 0)
    }

    @Test func interleavedDatagramsWithTheSameIdentificationStaySeparate() throws {
        var defrag = IPDefragmenter()
        let otherKey = IPFragmentKey(source: defragSource, destination: defragDestination, identification: 7, protocolNumber: 6)
        let other = patternedPayload(3000, seed: 99)
        let otherSpecs = IPFragmenter.split(other, maxPieceLength: 1400)
        for i in 0..<2 {
            _ = defrag.add(specs[i])
            _ = defrag.add(otherSpecs[i], key: otherKey)
        }
        #expect(try #require(defrag.add(otherSpecs[2], key: otherKey).datagram).payload == other)
        #expect(try #require(defrag.add(specs[2]).datagram).payload == payload)
    }

    @Test func overlapDiscardsTheWholeDatagramUntilTimeout() throws {
        var defrag = IPDefragmenter()
        let first = FragmentSpec(offset: 0, data: Array(repeating: 0xAA, count: 16), moreFragments: true)
        let overlapping = FragmentSpec(offset: 8, data: Array(repeating: 0xBB, count: 16), moreFragments: false)
        #expect(defrag.add(first, at: seconds(0)).isNeedMore)
        #expect(defrag.add(overlapping, at: seconds(1)).rejection == .overlap)
        #expect(defrag.bytesInFlight == 0)
        // RFC 5722: later fragments of the discarded datagram are dropped too, even a clean completion.
        let tail = FragmentSpec(offset: 16, data: Array(repeating: 0xCC, count: 8), moreFragments: false)
        #expect(defrag.add(first, at: seconds(2)).rejection == .datagramDiscarded)
        #expect(defrag.add(tail, at: seconds(2)).rejection == .datagramDiscarded)
        #expect(defrag.statistics.overlappingFragments == 1)
        #expect(defrag.statistics.datagramsDiscardedMalformed == 1)
        // After the 30 s timeout the identification may be reused.
        #expect(defrag.add(first, at: seconds(31)).isNeedMore)
        let datagram = try #require(defrag.add(tail, at: seconds(31)).datagram)
        #expect(datagram.payload == Array(repeating: 0xAA, count: 16) + Array(repeating: 0xCC, count: 8))
        // The discarded entry expired silently: it is not an incomplete datagram that timed out.
        #expect(defrag.statistics.datagramsTimedOut == 0)
    }

    @Test func sameRangeWithDifferentBytesIsAnOverlap() {
        var defrag = IPDefragmenter()
        _ = defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 1, count: 8), moreFragments: true))
        #expect(defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 2, count: 8), moreFragments: true)).rejection == .overlap)
    }

    @Test func firstWinsKeepsEarlierBytes() throws {
        var limits = IPDefragmenter.Limits()
        limits.overlapPolicy = .firstWins
        var defrag = IPDefragmenter(limits: limits)
        // Held: 0..<16 = 0xAA. New: 8..<32 = 0xBB, only 16..<32 is new. Then 32..<40 = 0xCC ends it.
        _ = defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 0xAA, count: 16), moreFragments: true))
        #expect(defrag.add(FragmentSpec(offset: 8, data: Array(repeating: 0xBB, count: 24), moreFragments: true)).isNeedMore)
        let datagram = try #require(defrag.add(FragmentSpec(offset: 32, data: Array(repeating: 0xCC, count: 8), moreFragments: false)).datagram)
        #expect(datagram.payload == Array(repeating: 0xAA, count: 16) + Array(repeating: 0xBB, count: 16) + Array(repeating: 0xCC, count: 8))
        #expect(defrag.statistics.overlappingFragments == 1)
    }

    @Test func firstWinsIgnoresAFullyCoveredFragment() throws {
        var limits = IPDefragmenter.Limits()
        limits.overlapPolicy = .firstWins
        var defrag = IPDefragmenter(limits: limits)
        _ = defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 1, count: 16), moreFragments: true))
        // Different bytes inside what is held: counted as an overlap, adds nothing.
        #expect(defrag.add(FragmentSpec(offset: 8, data: Array(repeating: 2, count: 8), moreFragments: true)).isNeedMore)
        let datagram = try #require(defrag.add(FragmentSpec(offset: 16, data: [3], moreFragments: false)).datagram)
        #expect(datagram.payload == Array(repeating: 1, count: 16) + [3])
        #expect(datagram.fragmentCount == 2)
        #expect(defrag.statistics.overlappingFragments == 1)
    }

    @Test func firstWinsFillsAHoleBetweenHeldPieces() throws {
        var limits = IPDefragmenter.Limits()
        limits.overlapPolicy = .firstWins
        var defrag = IPDefragmenter(limits: limits)
        // Held 0..<8 (1s) and 16..<24 (3s, last); a 0..<24 fragment of 2s only fills 8..<16.
        _ = defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 1, count: 8), moreFragments: true))
        _ = defrag.add(FragmentSpec(offset: 16, data: Array(repeating: 3, count: 8), moreFragments: false))
        let datagram = try #require(defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 2, count: 24), moreFragments: true)).datagram)
        #expect(datagram.payload == Array(repeating: 1, count: 8) + Array(repeating: 2, count: 8) + Array(repeating: 3, count: 8))
    }
}

@Suite("IPDefragmenter: validation, caps and timeouts")
struct IPDefragmenterLimitTests {
    let eight = Array(repeating: UInt8(9), count: 8)

    @Test func invalidFragmentsAreRejectedAlone() throws {
        var defrag = IPDefragmenter()
        // Non-last fragment of 12 bytes (not a multiple of 8), empty non-last, offset 4.
        #expect(defrag.add(FragmentSpec(offset: 0, data: Array(repeating: 0, count: 12), moreFragments: true)).rejection == .invalidFragment)
        #expect(defrag.add(FragmentSpec(offset: 0, data: [], moreFragments: true)).rejection == .invalidFragment)
        #expect(defrag.add(FragmentSpec(offset: 4, data: eight, moreFragments: false)).rejection == .invalidFragment)
        // The datagram itself is unaffected.
        _ = defrag.add(FragmentSpec(offset: 0, data: eight, moreFragments: true))
        #expect(try #require(defrag.add(FragmentSpec(offset: 8, data: [1, 2, 3], moreFragments: false)).datagram).payload == eight + [1, 2, 3])
        #expect(defrag.statistics.rejections[.invalidFragment] == 3)
    }

    @Test func disagreeingEndsDiscardTheDatagram() {
        var defrag = IPDefragmenter()
        _ = defrag.add(FragmentSpec(offset: 16, data: eight, moreFragments: false))  // ends at 24
        #expect(defrag.add(FragmentSpec(offset: 32, data: eight, moreFragments: false)).rejection == .inconsistentLength)
        var other = IPDefragmenter()
        _ = other.add(FragmentSpec(offset: 8, data: eight, moreFragments: false))      // ends at 16
        #expect(other.add(FragmentSpec(offset: 16, data: eight, moreFragments: true)).rejection == .inconsistentLength)
    }

    @Test func fragmentCountCap() {
        var limits = IPDefragmenter.Limits()
        limits.maxFragmentsPerDatagram = 4
        var defrag = IPDefragmenter(limits: limits)
        for i in 0..<4 { #expect(defrag.add(FragmentSpec(offset: i * 8, data: eight, moreFragments: true)).isNeedMore) }
        #expect(defrag.add(FragmentSpec(offset: 32, data: eight, moreFragments: false)).rejection == .tooManyFragments)
        #expect(defrag.bytesInFlight == 0)
        #expect(defrag.statistics.droppedByCap == 1)
    }

    @Test func datagramSizeCap() {
        var defrag = IPDefragmenter()
        // 65528 + 16 = 65544 > 65535.
        #expect(defrag.add(FragmentSpec(offset: 65_528, data: eight + eight, moreFragments: false)).rejection == .datagramTooLarge)
        // 65528 + 7 = 65535 is allowed.
        #expect(defrag.add(FragmentSpec(offset: 65_528, data: Array(eight.prefix(7)), moreFragments: false),
                           key: IPFragmentKey(source: defragSource, destination: defragDestination, identification: 8, protocolNumber: 17)).isNeedMore)
    }

    @Test func absurdOffsetFromACallerDoesNotOverflow() {
        var defrag = IPDefragmenter()
        #expect(defrag.add(FragmentSpec(offset: Int.max - 7, data: eight, moreFragments: false)).rejection == .datagramTooLarge)
    }

    @Test func datagramsInFlightCap() {
        var limits = IPDefragmenter.Limits()
        limits.maxDatagramsInFlight = 2
        var defrag = IPDefragmenter(limits: limits)
        func key(_ id: UInt32) -> IPFragmentKey { IPFragmentKey(source: defragSource, destination: defragDestination, identification: id, protocolNumber: 17) }
        let first = FragmentSpec(offset: 0, data: eight, moreFragments: true)
        #expect(defrag.add(first, key: key(1), at: seconds(0)).isNeedMore)
        #expect(defrag.add(first, key: key(2), at: seconds(10)).isNeedMore)
        #expect(defrag.add(first, key: key(3), at: seconds(20)).rejection == .datagramsInFlightLimit)
        // At 30 s datagram 1 expires, which frees a slot for 3.
        #expect(defrag.add(first, key: key(3), at: seconds(30)).isNeedMore)
        #expect(defrag.statistics.datagramsTimedOut == 1)
    }

    @Test func bytesInFlightCap() {
        var limits = IPDefragmenter.Limits()
        limits.maxBytesInFlight = 100
        var defrag = IPDefragmenter(limits: limits)
        let big = FragmentSpec(offset: 0, data: Array(repeating: 1, count: 64), moreFragments: true)
        #expect(defrag.add(big).isNeedMore)
        #expect(defrag.bytesInFlight == 64)
        // 64 more bytes would make 128 > 100: this datagram is discarded and its bytes released.
        #expect(defrag.add(FragmentSpec(offset: 64, data: Array(repeating: 2, count: 64), moreFragments: true)).rejection == .bytesInFlightLimit)
        #expect(defrag.bytesInFlight == 0)
        #expect(defrag.statistics.peakBytesInFlight == 64)
    }

    @Test func missingFragmentTimesOutByCaptureTime() {
        var defrag = IPDefragmenter()
        let pieces = IPFragmenter.split(patternedPayload(40), maxPieceLength: 16)  // 0, 16, 32
        _ = defrag.add(pieces[0], at: seconds(100))
        _ = defrag.add(pieces[2], at: seconds(110))
        // The timer runs from the first fragment: 100 s + 30 s.
        #expect(defrag.evictExpired(now: seconds(129.999)) == 0)
        #expect(defrag.evictExpired(now: seconds(130)) == 1)
        #expect(defrag.bytesInFlight == 0 && defrag.datagramsInFlight == 0)
        // The late middle piece starts a new datagram that never completes.
        #expect(defrag.add(pieces[1], at: seconds(131)).isNeedMore)
        #expect(defrag.flush() == 1)
        #expect(defrag.statistics.datagramsTimedOut == 2)
    }

    @Test func addEvictsExpiredDatagramsItself() {
        var defrag = IPDefragmenter()
        _ = defrag.add(FragmentSpec(offset: 0, data: eight, moreFragments: true), at: seconds(0))
        let other = IPFragmentKey(source: defragSource, destination: defragDestination, identification: 99, protocolNumber: 17)
        _ = defrag.add(FragmentSpec(offset: 0, data: eight, moreFragments: true), key: other, at: seconds(45))
        #expect(defrag.datagramsInFlight == 1)
        #expect(defrag.statistics.datagramsTimedOut == 1)
    }

    @Test func recycledStorageIsReused() throws {
        var defrag = IPDefragmenter()
        let pieces = IPFragmenter.split(patternedPayload(100), maxPieceLength: 48)
        for piece in pieces.dropLast() { _ = defrag.add(piece) }
        let datagram = try #require(defrag.add(pieces[pieces.count - 1]).datagram)
        defrag.recycle(datagram)
        for piece in pieces.dropLast() { _ = defrag.add(piece) }
        #expect(try #require(defrag.add(pieces[pieces.count - 1]).datagram).payload == patternedPayload(100))
    }
}
