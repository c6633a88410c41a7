// CaptureSynth: synthetic SIP+RTP capture generator (load generator and fixture source).
