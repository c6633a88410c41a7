#!/usr/bin/env bash
# Benchmark: for one capture, measure on this machine in one run
#   1. a plain C libpcap read loop (the floor),
#   2. callscope analyze (default analysis, JSON out),
#   3. tshark -q -z rtp,streams with the RTP heuristic (what users would otherwise run),
# and print packets/s, MB/s, peak memory and the ratios 2/1 and 3/2.
# Usage: bench/run.sh [CAPTURE]   (default: generates bench-out/bench.pcap with callscope synth)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench-out; mkdir -p "$out"
bash scripts/install-deps.sh tshark time >/dev/null
swift build -c release --product callscope >/dev/null
cc -O2 -o "$out/pcap_read_loop" bench/pcap_read_loop.c -lpcap
capture="${1:-}"
if [ -z "$capture" ]; then
  capture="$out/bench.pcap"
  [ -f "$capture" ] || .build/release/callscope synth --calls 1000 --duration 22 --seed 7 --loss 1 --jitter 5 --out "$capture"
fi
packets=$("$out/pcap_read_loop" "$capture" | sed -E 's/.*packets=([0-9]+).*/\1/')
size=$(stat -c %s "$capture")
measure() { # name command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/$name.err" || { echo "$name failed:"; cat "$out/$name.err"; exit 1; }
  read -r secs kb < "$out/time.txt"
  echo "$name $secs $kb"
}
r1=$(measure libpcap_loop "$out/pcap_read_loop" "$capture")
r2=$(measure callscope .build/release/callscope analyze --quiet --json "$out/report.json" "$capture")
r3=$(measure tshark tshark -n -r "$capture" -q -z rtp,streams -o rtp.heuristic_rtp:TRUE)
printf '%-14s %10s %12s %10s %12s\n' tool seconds packets/s MB/s peak_MB
for r in "$r1" "$r2" "$r3"; do
  set -- $r
  awk -v n="$1" -v s="$2" -v kb="$3" -v p="$packets" -v b="$size" \
    'BEGIN { s = (s < 0.01 ? 0.01 : s); printf "%-14s %10.2f %12.0f %10.1f %12.1f\n", n, s, p/s, b/s/1e6, kb/1024 }'
done
s1=$(echo "$r1" | cut -d' ' -f2); s2=$(echo "$r2" | cut -d' ' -f2); s3=$(echo "$r3" | cut -d' ' -f2)
awk -v a="$s1" -v b="$s2" -v c="$s3" 'BEGIN { printf "callscope throughput vs libpcap loop: %.1f%%\ncallscope speed-up vs tshark: %.1fx\n", 100*a/b, c/b }'
echo "capture: $capture ($packets packets, $size bytes); machine: $(nproc) cores, $(uname -m); $(date -u +%F)"
