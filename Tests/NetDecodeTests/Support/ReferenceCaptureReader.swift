import Foundation

/// A deliberately small, independent capture reader for the tshark cross-check (NetDecodeTests cannot depend on
/// PcapIngest): classic pcap in either byte order, and pcapng Enhanced/Simple/obsolete Packet blocks with
/// per-section interfaces. No error recovery: the public captures are well formed.
enum ReferenceCaptureReader {
    struct Frame {
        var linkType: UInt32
        var bytes: [UInt8]
    }

    static func frames(path: String) throws -> [Frame] {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ at: Int, _ big: Bool) -> Int {
            guard at + 4 <= data.count else { return 0 }
            let b = (0..<4).map { UInt32(data[at + $0]) }
            return Int(big ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0])
        }
        var frames: [Frame] = []
        if u32(0, false) == 0x0A0D_0D0A {
            var big = false
            var interfaces: [UInt32] = []
            var at = 0
            while at + 12 <= data.count {
                if u32(at, false) == 0x0A0D_0D0A { big = u32(at + 8, true) == 0x1A2B_3C4D; interfaces = [] }
                let type = u32(at, big), length = u32(at + 4, big)
                guard length >= 12, at + length <= data.count else { break }
                switch type {
                case 1: interfaces.append(UInt32(big ? u32(at + 8, true) >> 16 : u32(at + 8, false) & 0xFFFF))
                case 6, 2:
                    let interface = type == 6 ? u32(at + 8, big) : (big ? u32(at + 8, true) >> 16 : u32(at + 8, false) & 0xFFFF)
                    let captured = u32(at + 20, big)
                    frames.append(Frame(linkType: interfaces[interface], bytes: Array(data[at + 28 ..< at + 28 + captured])))
                case 3:
                    let captured = min(u32(at + 8, big), length - 16)
                    frames.append(Frame(linkType: interfaces[0], bytes: Array(data[at + 12 ..< at + 12 + captured])))
                default: break
                }
                at += length
            }
        } else {
            let big = [0xA1B2_C3D4, 0xA1B2_3C4D].contains(u32(0, true))
            let linkType = UInt32(u32(20, big) & 0x03FF_FFFF)
            var at = 24
            while at + 16 <= data.count {
                let captured = u32(at + 8, big)
                guard at + 16 + captured <= data.count else { break }
                frames.append(Frame(linkType: linkType, bytes: Array(data[at + 16 ..< at + 16 + captured])))
                at += 16 + captured
            }
        }
        return frames
    }
}
