import Testing
@testable import CallScopeCLI
