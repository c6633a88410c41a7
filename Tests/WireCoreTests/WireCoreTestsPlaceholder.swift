import Testing
@testable import WireCore
