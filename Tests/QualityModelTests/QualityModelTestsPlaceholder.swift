import Testing
@testable import QualityModel
