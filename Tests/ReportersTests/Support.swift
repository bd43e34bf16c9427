import Foundation
import TestSupport
import Testing

/// Paths and external validators (Python `jsonschema`, `xmllint`) for the reporter tests.
enum Support {
    static let resources = Repository.root.appendingPathComponent("Tests/ReportersTests/Resources")

    /// Runs `scripts/validate_report.py KIND` on `report`; returns its stderr when invalid, `nil` when valid.
    static func validationError(_ kind: String, _ report: String, fileExtension: String) throws -> String? {
        let file = "report.\(fileExtension)"
        return try withTemporaryDirectory([file: report]) { directory in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", Repository.path("scripts/validate_report.py"), kind, directory + "/" + file,
            ]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? nil : String(decoding: data, as: UTF8.self)
        }
    }

    /// The parsed JSON object of `text`.
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
