import LintCore
import NetworkModel
import Settings

extension Pipeline {
    /// One pass of the rules over `model`: findings (environments from `environments.by_tag` when set,
    /// severities from `rules:`), unknowns, and the endpoint cost per environment.
    func run(_ linter: Linter, _ model: NetworkModel, _ settings: RunSettings) -> (
        findings: [Finding], unknowns: [Finding], cost: [String: Double]
    ) {
        let tagger = settings.configuration.environmentTag.map { EnvironmentTagger(model: model, tag: $0) }
        var (findings, unknowns) = linter.run(model)
        var cost = linter.endpointCost(model)
        if let tagger {
            findings = findings.map(tagger.relabel).sorted(by: Finding.ordered)
            unknowns = unknowns.map(tagger.relabel).sorted(by: Finding.ordered)
            cost = Self.endpointCost(model, linter, tagger)
        }
        let adjust = { (finding: Finding) -> Finding in
            var finding = finding
            finding.severity = settings.severities[finding.ruleID] ?? finding.severity
            return finding
        }
        return (findings.map(adjust), unknowns.map(adjust), cost)
    }

    /// The endpoint cost per environment, environments named by the tagger.
    static func endpointCost(_ model: NetworkModel, _ linter: Linter, _ tagger: EnvironmentTagger) -> [String: Double] {
        var cost = [String: Double]()
        for vpc in model.vpcs where vpc.isManaged {
            cost[tagger.environment(of: vpc.origin) ?? vpc.origin.environment] = 0
        }
        for input in model.inputs where !model.vpcs.contains(where: { $0.origin.path == input.path }) {
            cost[input.environment] = 0
        }
        for endpoint in model.endpoints where endpoint.type == .interface && endpoint.isManaged {
            let environment = tagger.environment(of: endpoint.origin) ?? endpoint.origin.environment
            guard let region = endpoint.region,
                let monthly = linter.context.pricing.monthly(azCount: endpoint.azCount, region: region)
            else {
                cost[environment] = cost[environment] ?? 0
                continue
            }
            cost[environment, default: 0] += monthly.usd
        }
        return cost
    }

    /// A rule's description with the severity `rules:` gives it, so reports state the level in force.
    static func describe(_ description: RuleDescription, _ severities: [String: Severity]) -> RuleDescription {
        var description = description
        description.defaultSeverity = severities[description.id] ?? description.defaultSeverity
        return description
    }
}
