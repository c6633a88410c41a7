// SIPKit module. See README "Architecture".
