// Reporting module. See README "Architecture".
