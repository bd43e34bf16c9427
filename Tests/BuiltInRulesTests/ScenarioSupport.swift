import BuiltInRules
import LintCore
import NetworkModel
import TerraformShow
import TestSupport
import VPCELintDevKit

/// Loads fixture scenarios (with the dev tool's loader) and runs every rule over them, as the CLI does.
enum Scenario {
    static let fixtures = Fixtures(root: Repository.root)

    /// Scenario folders that hold generated JSON.
    static var names: [String] { fixtures.scenarios }

    /// The model of a scenario, environment = file name up to its first dot.
    static func model(
        _ scenario: String, options: LoadOptions = LoadOptions(), segmentSize: Int? = nil
    ) throws -> NetworkModel {
        try fixtures.model(scenario, options: options, segmentSize: segmentSize)
    }

    /// All findings (violations and unknowns) of every rule, sorted.
    static func run(_ scenario: String, pricing: Pricing = Pricing()) throws -> (
        findings: [Finding], unknowns: [Finding]
    ) {
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: pricing))
        return linter.run(try model(scenario))
    }
}

/// A `terraform show -json` state written in a test: resources as JSON text, one root module.
enum SyntheticState {
    /// One managed resource of the root module.
    static func resource(_ type: String, _ name: String, _ values: String) -> String {
        #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","values":\#(values)}"#
    }

    /// The state that holds `resources`, loaded as the CLI loads a file at `path`.
    static func document(_ resources: [String], path: String) throws -> TerraformDocument {
        let text =
            #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + resources.joined(separator: ",") + "]}}}"
        return try DocumentLoader.load(bytes: Array(text.utf8), path: path)
    }
}
