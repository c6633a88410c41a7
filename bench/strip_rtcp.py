"""Copies a classic little-endian pcap of Ethernet/IPv4 packets without its RTCP (UDP to an odd port:
RTP + 1 by RFC 3550 convention), so the allocation count of RTP alone can be measured.
Usage: python3 bench/strip_rtcp.py IN.pcap OUT.pcap  (prints kept and dropped packet counts)"""
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, 'rb') as f, open(dst, 'wb') as o:
    o.write(f.read(24))
    kept = dropped = 0
    while True:
        h = f.read(16)
        if len(h) < 16: break
        incl = struct.unpack('<IIII', h)[2]
        d = f.read(incl)
        # Ethernet (14) + IPv4 (IHL) + UDP: destination port parity; RTCP uses odd ports (RTP + 1).
        ihl = (d[14] & 0x0F) * 4
        dport = struct.unpack('>H', d[14 + ihl + 2:14 + ihl + 4])[0]
        if d[23] == 17 and dport % 2 == 1: dropped += 1; continue
        o.write(h); o.write(d); kept += 1
    print(kept, dropped)
