// NetReassembly module. See README "Architecture".
