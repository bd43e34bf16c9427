import BuiltInRules
import Foundation
import LintCore
import NetworkModel
import TerraformShow

/// Loads fixture scenarios and runs every rule over them, as the CLI does.
enum Scenario {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("fixtures")

    /// Scenario folders that hold generated JSON.
    static var names: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return entries.filter { !jsonFiles(in: $0).isEmpty }.sorted()
    }

    static func jsonFiles(in scenario: String) -> [String] {
        let folder = fixtures.appendingPathComponent(scenario)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    /// The model of a scenario, environment = file name up to its first dot.
    static func model(_ scenario: String, options: LoadOptions = LoadOptions()) throws -> NetworkModel {
        let documents = try jsonFiles(in: scenario).map { path in
            let environment = String(URL(fileURLWithPath: path).lastPathComponent.split(separator: ".")[0])
            return (environment: environment, document: try DocumentLoader.load(path: path, options: options))
        }
        return NetworkModel(documents: documents)
    }

    /// All findings (violations and unknowns) of every rule, sorted.
    static func run(_ scenario: String, pricing: Pricing = Pricing()) throws -> (
        findings: [Finding], unknowns: [Finding]
    ) {
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: pricing))
        return linter.run(try model(scenario))
    }
}
