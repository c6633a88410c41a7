// CallAnalysis module. See README "Architecture".
