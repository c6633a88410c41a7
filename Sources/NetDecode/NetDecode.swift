// NetDecode module. See README "Architecture".
