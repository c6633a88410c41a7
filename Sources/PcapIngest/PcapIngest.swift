// PcapIngest module. See README "Architecture".
