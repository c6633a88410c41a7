import Testing
@testable import NetReassembly
