// swift-tools-version: 6.2
import PackageDescription

/// CallScope: VoIP call-quality measurement toolkit.
/// Dependencies point downward only (see README "Architecture").
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    // Release builds: generic and small functions are specialised/inlined across modules (the per-packet path
    // crosses WireCore, NetDecode, RTPKit and QualityModel), and exclusivity is checked statically only
    // (the dynamic check cost ~1 % on the per-packet path). Measured in docs/benchmarks.md.
    .unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "CallScope",
    products: [
        .executable(name: "callscope", targets: ["callscope"]),
        .library(name: "CallAnalysis", targets: ["CallAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found with pkg-config.
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap",
                       providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus",
                       providers: [.apt(["libopus-dev"])]),

        // Pure byte-reading helpers and shared value types (no Foundation).
        .target(name: "WireCore", swiftSettings: strict),
        // Capture files: libpcap plus a pure-Swift pcap/pcapng reader.
        .target(name: "PcapIngest", dependencies: ["CPcap", "WireCore"], swiftSettings: strict),
        // Stateless link / IP / transport decoding over borrowed bytes.
        .target(name: "NetDecode", dependencies: ["WireCore"], swiftSettings: strict),
        // Capped IP defragmentation and TCP stream reassembly.
        .target(name: "NetReassembly", dependencies: ["NetDecode", "WireCore"], swiftSettings: strict),
        // SIP messages, SDP, dialogs and calls.
        .target(name: "SIPKit", dependencies: ["WireCore"], swiftSettings: strict),
        // RTP/RTCP parsing and stream statistics.
        .target(name: "RTPKit", dependencies: ["WireCore"], swiftSettings: strict),
        // Pure math: E-model, jitter-buffer simulators.
        .target(name: "QualityModel", dependencies: ["WireCore"], swiftSettings: strict),
        // G.711, Opus (libopus), WAV.
        .target(name: "Audio", dependencies: ["COpus", "WireCore"], swiftSettings: strict),
        // Synthetic captures: N concurrent SIP calls with RTP/RTCP and impairments (load generator, fixtures).
        .target(name: "CaptureSynth", dependencies: ["WireCore"], swiftSettings: strict),
        // The one analysis pipeline wiring everything.
        .target(name: "CallAnalysis",
                dependencies: ["WireCore", "PcapIngest", "NetDecode", "NetReassembly",
                               "SIPKit", "RTPKit", "QualityModel", "Audio"],
                swiftSettings: strict),
        // Renderers: JSON, HTML, CSV, JUnit.
        .target(name: "Reporting", dependencies: ["CallAnalysis"], swiftSettings: strict),
        // Subcommands (a library so tests can parse and run them in-process).
        .target(name: "CallScopeCLI",
                dependencies: ["CallAnalysis", "Reporting", "PcapIngest", "QualityModel", "Audio", "CaptureSynth",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: strict),
        .executableTarget(name: "callscope", dependencies: ["CallScopeCLI"], swiftSettings: strict),

        // Test support: pcap/pcapng writer and packet builder.
        .target(name: "TestSupport", dependencies: ["WireCore"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "WireCoreTests", dependencies: ["WireCore"]),
        .testTarget(name: "PcapIngestTests", dependencies: ["PcapIngest", "TestSupport"]),
        .testTarget(name: "NetDecodeTests", dependencies: ["NetDecode", "TestSupport"]),
        .testTarget(name: "NetReassemblyTests", dependencies: ["NetReassembly", "TestSupport"]),
        .testTarget(name: "SIPKitTests", dependencies: ["SIPKit", "TestSupport"]),
        .testTarget(name: "RTPKitTests", dependencies: ["RTPKit", "TestSupport"]),
        .testTarget(name: "QualityModelTests", dependencies: ["QualityModel", "TestSupport"]),
        .testTarget(name: "AudioTests", dependencies: ["Audio", "COpus"]),
        .testTarget(name: "CaptureSynthTests", dependencies: ["CaptureSynth", "PcapIngest", "NetDecode", "TestSupport"]),
        .testTarget(name: "CallAnalysisTests", dependencies: ["CallAnalysis", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "CallAnalysis", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CallScopeCLITests", dependencies: ["CallScopeCLI", "TestSupport"]),
    ]
)
