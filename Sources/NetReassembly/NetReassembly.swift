// NetReassembly: capped IP defragmentation and TCP stream reassembly.
