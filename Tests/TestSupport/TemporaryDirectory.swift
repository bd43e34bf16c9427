import Foundation

/// A fresh directory under the system's temporary folder holding `files` (relative path -> contents), passed
/// to `body` as a path and removed with everything in it when `body` returns or throws.
package func withTemporaryDirectory<Result>(
    _ files: [String: String] = [:], _ body: (_ directory: String) throws -> Result
) throws -> Result {
    let directory = try makeTemporaryDirectory(files)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

/// ``withTemporaryDirectory(_:_:)`` for an `async` body.
package func withTemporaryDirectory<Result>(
    _ files: [String: String] = [:], _ body: (_ directory: String) async throws -> Result
) async throws -> Result {
    let directory = try makeTemporaryDirectory(files)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// A fresh directory holding `files`, for a test that removes it itself (`defer { removeItem }`) because its
/// body does not fit a closure; prefer ``withTemporaryDirectory(_:_:)``.
package func makeTemporaryDirectory(_ files: [String: String] = [:]) throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("vpcelint-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, contents) in files {
        let file = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
    }
    return directory
}
