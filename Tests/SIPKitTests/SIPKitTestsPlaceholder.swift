import Testing
@testable import SIPKit
