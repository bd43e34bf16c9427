import Foundation
import Testing

/// Paths and external validators (Python `jsonschema`, `xmllint`) for the reporter tests.
enum Support {
    /// This file is `<root>/Tests/ReportersTests/Support.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let resources = repositoryRoot.appendingPathComponent("Tests/ReportersTests/Resources")

    /// Runs `scripts/validate_report.py KIND` on `report`; returns its stderr when invalid, `nil` when valid.
    static func validationError(_ kind: String, _ report: String, fileExtension: String) throws -> String? {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vpcelint-reporters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.\(fileExtension)")
        try report.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repositoryRoot.appendingPathComponent("scripts/validate_report.py").path, kind, file.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: data, as: UTF8.self)
    }

    /// The parsed JSON object of `text`.
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
