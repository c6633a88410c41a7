import Testing
@testable import NetDecode
