import Foundation

/// Writes `bytes` to a new file named `name` inside a fresh directory under the system temporary directory
/// and returns its path. Each call gets its own directory, so parallel tests never collide.
public func writeTemporaryFile(bytes: [UInt8], name: String = "capture.pcap") throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("callscope-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// Deletes a file made by `writeTemporaryFile` together with its private directory (errors ignored).
public func removeTemporaryFile(_ path: String) {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    guard directory.lastPathComponent.hasPrefix("callscope-tests-") else { return }
    try? FileManager.default.removeItem(at: directory)
}
