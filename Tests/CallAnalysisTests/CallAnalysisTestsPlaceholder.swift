import Testing
@testable import CallAnalysis
