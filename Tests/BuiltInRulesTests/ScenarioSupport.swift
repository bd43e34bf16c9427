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
