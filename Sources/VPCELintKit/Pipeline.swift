import BuiltInRules
import LintCore
import NetworkModel
import Reporters
import TerraformShow

/// A finished run: the result, its rendered report and the exit status it earns.
public struct CheckOutcome: Sendable {
    public var result: LintResult
    public var report: String
    public var status: ExitStatus
}

/// load -> model -> rules -> report -> exit status. All inputs load before any rule runs, so a bad input
/// never leaves a partial report.
public struct Pipeline: Sendable {
    public var rules: [any Rule.Type]

    /// A pipeline over `rules`, by default every built-in rule.
    public init(rules: [any Rule.Type] = builtInRules) {
        self.rules = rules
    }

    /// Runs `vpcelint check`; throws ``CheckError`` (exit status 2) on bad usage or any unreadable input.
    public func check(_ options: CheckOptions) throws(CheckError) -> CheckOutcome {
        let pricing = try options.pricing()
        let enabled = try enabledRules(disabling: options.disabledRules)
        let inputs = try InputExpansion.expand(paths: options.paths, environments: options.environments)
        let documents = try load(inputs)
        let model = NetworkModel(documents: documents, hubSelectors: options.hubSelectors)
        let linter = Linter(rules: enabled.map { $0.init() }, context: RuleContext(pricing: pricing))
        let (findings, unknowns) = linter.run(model)
        let result = LintResult(
            toolVersion: VPCELint.version,
            inputs: documents.map { Self.summary($0.document, environment: $0.environment) },
            rules: enabled.map { $0.description }, findings: findings, unknowns: unknowns, pricing: pricing,
            endpointCostByEnvironment: linter.endpointCost(model))
        let report: String
        switch options.format {
        case .text: report = TextReporter.report(result, colour: options.colour)
        default: report = options.format.reporter.report(result)
        }
        return CheckOutcome(
            result: result, report: report,
            status: ExitStatus.of(result, failOn: options.failOn, failOnUnknown: options.failOnUnknown))
    }

    /// The registry minus `--disable`d rules (by id, any case, or name); an unknown rule is a usage error.
    public func enabledRules(disabling names: [String]) throws(CheckError) -> [any Rule.Type] {
        var disabled = Set<String>()
        var unknown = [String]()
        for name in names {
            if let rule = RuleCatalog.find(name, in: rules) {
                disabled.insert(rule.description.id)
            } else {
                unknown.append("--disable \(name): no such rule; `vpcelint rules` lists them")
            }
        }
        guard unknown.isEmpty else { throw CheckError(lines: unknown) }
        return rules.filter { !disabled.contains($0.description.id) }
    }

    /// Loads every input, collecting every error rather than stopping at the first.
    private func load(_ inputs: [LintInput]) throws(CheckError) -> [(environment: String, document: TerraformDocument)]
    {
        var documents = [(environment: String, document: TerraformDocument)]()
        var errors = [String]()
        for input in inputs {
            do {
                documents.append((input.environment, try DocumentLoader.load(path: input.path)))
            } catch {
                errors.append(error.description)
            }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return documents
    }

    private static func summary(_ document: TerraformDocument, environment: String) -> InputSummary {
        InputSummary(
            path: document.path, environment: environment, kind: document.kind.rawValue,
            formatVersion: document.formatVersion, terraformVersion: document.terraformVersion,
            resources: document.resources.count)
    }
}
