import Testing
@testable import PcapIngest
