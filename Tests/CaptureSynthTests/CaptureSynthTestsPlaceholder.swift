import Testing
@testable import CaptureSynth
