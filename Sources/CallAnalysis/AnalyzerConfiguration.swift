/// Settings of one analysis run (all with documented defaults).
public struct AnalyzerConfiguration: Sendable, Hashable {
    public init() {}
}
