/* The floor for the benchmark: a plain libpcap read loop that only touches each packet
 * (sums one byte per packet so the read cannot be optimised away). No analyser can be faster. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdint.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE.pcap\n", argv[0]); return 2; }
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, err);
    if (!p) { fprintf(stderr, "%s: %s\n", argv[1], err); return 2; }
    struct pcap_pkthdr *h; const u_char *d;
    uint64_t packets = 0, bytes = 0, touch = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &d)) == 1) {
        packets++; bytes += h->caplen;
        if (h->caplen) touch += d[h->caplen - 1];
    }
    printf("packets=%llu bytes=%llu touch=%llu\n", (unsigned long long)packets, (unsigned long long)bytes,
           (unsigned long long)touch);
    pcap_close(p);
    return 0;
}
