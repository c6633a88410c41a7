import Testing
@testable import RTPKit
