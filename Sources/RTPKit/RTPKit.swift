// RTPKit module. See README "Architecture".
