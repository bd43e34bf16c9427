import Foundation
import LintCore
import NetworkModel
import TerraformShow

/// Fixture scenarios (`fixtures/<scenario>/*.json`), loaded as the CLI loads a folder. The one loader of the
/// dev tool and the tests.
package struct Fixtures {
    /// The repository root.
    package var root: URL

    package init(root: URL) {
        self.root = root
    }

    /// `fixtures/<scenario>` relative to the root.
    package static func folder(_ scenario: String) -> String { "fixtures/" + scenario }

    /// Whether the scenario's folder exists.
    package func exists(_ scenario: String) -> Bool {
        var isDirectory: ObjCBool = false
        let path = root.appendingPathComponent(Fixtures.folder(scenario)).path
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The scenario folders that hold generated JSON, sorted.
    package var scenarios: [String] {
        let entries =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("fixtures").path)) ?? []
        return entries.filter { !inputs($0).isEmpty }.sorted()
    }

    /// Every `*.json` in the scenario folder except `expected.json`, relative to the root, sorted.
    package func inputs(_ scenario: String) -> [String] {
        let folder = root.appendingPathComponent(Fixtures.folder(scenario))
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted()
            .map { Fixtures.folder(scenario) + "/" + $0 }
    }

    /// The scenario's model; each input's environment is its file name up to the first dot, its path the one
    /// relative to the root.
    package func model(
        _ scenario: String, options: LoadOptions = LoadOptions(), segmentSize: Int? = nil
    ) throws -> NetworkModel {
        let files = inputs(scenario)
        guard !files.isEmpty else { throw GeneratorError("\(Fixtures.folder(scenario)) has no *.json inputs") }
        let documents = try files.map { path in
            let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(path)))
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let environment = String(name.prefix { $0 != "." })
            return (
                environment: environment, document: try DocumentLoader.load(bytes: bytes, path: path, options: options)
            )
        }
        return NetworkModel(documents: documents, inferringTopology: true, segmentSize: segmentSize)
    }

    /// What one rule finds in a scenario (violations and unknowns), sorted.
    package func run(_ rule: any Rule.Type, on scenario: String) throws -> [Finding] {
        let linter = Linter(rules: [rule.init()], context: RuleContext(pricing: Pricing()))
        let result = linter.run(try model(scenario))
        return result.findings + result.unknowns
    }
}
