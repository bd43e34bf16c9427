import Foundation
import LintCore
import Reporters
import Testing

/// SARIF and JSON carry hostile names as data: escaped for JSON, never raw control characters, and parsed
/// back to exactly the address the input held.
@Suite("SARIF and JSON with hostile input")
struct SARIFHostileTests {
    @Test("the hostile result is valid SARIF and round-trips the address")
    func sarif() throws {
        let text = SARIFReporter.report(Hostile.result)
        let error = try Support.validationError("sarif", text, fileExtension: "sarif")
        #expect(error == nil, "\(error ?? "")")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control character")
        let log = try Support.json(text)
        let runs = try #require(log["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let locations = try #require(results.first?["locations"] as? [[String: Any]])
        let logical = try #require(locations.first?["logicalLocations"] as? [[String: Any]])
        #expect(logical.first?["fullyQualifiedName"] as? String == Hostile.address)
        let artifact = (locations.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        let uri = try #require(artifact?["uri"] as? String)
        #expect(!uri.contains("\n") && !uri.contains(" ") && !uri.contains(","), "\(uri)")
    }

    @Test("the JSON report parses and holds the address unchanged")
    func json() throws {
        let text = JSONReporter.report(Hostile.result)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "raw control character")
        let report = try Support.json(text)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.first?["address"] as? String == Hostile.address)
    }
}
