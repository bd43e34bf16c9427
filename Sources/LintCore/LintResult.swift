import NetworkModel
import TerraformShow

/// One input as the report lists it.
public struct InputSummary: Sendable, Hashable {
    public var path: String
    public var environment: String
    public var kind: String
    public var formatVersion: String?
    public var terraformVersion: String?
    public var resources: Int
    /// How many of its resources another input of the same environment also holds and wins for (a plan
    /// over a state of the same root, or an earlier state with the same IDs): the model reads them there.
    public var supersededResources = 0
    /// The inputs that hold the superseded resources instead.
    public var supersededBy: [String] = []

    public init(
        path: String, environment: String, kind: String, formatVersion: String?, terraformVersion: String?,
        resources: Int
    ) {
        self.path = path
        self.environment = environment
        self.kind = kind
        self.formatVersion = formatVersion
        self.terraformVersion = terraformVersion
        self.resources = resources
    }
}

/// A file found in a directory and left out because its head shows it is not Terraform output (a provider
/// schema, another tool's report, vpcelint's own report): the report lists it with the reason.
public struct SkippedInput: Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Everything a reporter needs: inputs, rules, findings, unknowns and the cost summary.
public struct LintResult: Sendable {
    public var toolName: String
    public var toolVersion: String
    public var inputs: [InputSummary]
    /// The rules that ran.
    public var rules: [RuleDescription]
    /// Violations, sorted by rule id, environment, address, subject.
    public var findings: [Finding]
    /// Checks that could not be decided because a plan leaves a value unknown.
    public var unknowns: [Finding]
    public var pricing: Pricing
    /// Current monthly cost of interface endpoints per environment, USD.
    public var endpointCostByEnvironment: [String: Double]
    /// Findings an `ignore:` entry or a `vpcelint:ignore` tag suppressed, with the reason and source.
    public var suppressed: [SuppressedFinding] = []
    /// `--show-suppressed`: reports list ``suppressed`` (they always count them).
    public var listsSuppressed = false
    /// With `--baseline`: findings left out because the baseline already lists them.
    public var baselined: [Finding] = []
    /// With `--baseline`: baseline entries no finding matches any more (fixed or gone); `nil` without one.
    public var staleBaseline: [BaselineEntry]?
    /// With `--new-only`: findings of the prior state that the planned state no longer has; `nil` otherwise.
    public var fixedByPlan: [Finding]?
    /// The hubs, spokes and links the run inferred, with their evidence.
    public var topology = TopologySummary()
    /// The topology drawn with the findings marked (the Markdown report embeds it as Mermaid); `nil` when the
    /// run did not draw it.
    public var graph: TopologyGraph?
    /// What a reader must know about the run besides the findings, one sentence each: no VPC in any input,
    /// an input with no resources, a selected hub nothing links to.
    public var notices: [String] = []
    /// No VPC in any input, or an input with no resources: `--fail-on-empty` fails the run.
    public var isEmptyInput = false
    /// The configuration file the run read (`--config`, or the `.vpcelint.yml` found); `nil` for none.
    public var configurationPath: String?
    /// The `.tf` line of each finding's resource (`--source`) and the repository-relative paths reports cite.
    public var locations = ReportLocations()
    /// Files of a directory input that were not read because they are not Terraform output.
    public var skippedInputs: [SkippedInput] = []

    public init(
        toolName: String = "vpcelint", toolVersion: String, inputs: [InputSummary], rules: [RuleDescription],
        findings: [Finding], unknowns: [Finding], pricing: Pricing, endpointCostByEnvironment: [String: Double]
    ) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.rules = rules
        self.findings = findings
        self.unknowns = unknowns
        self.pricing = pricing
        self.endpointCostByEnvironment = endpointCostByEnvironment
    }

    /// Current monthly cost of all interface endpoints, USD.
    public var monthlyEndpointCostUSD: Double { endpointCostByEnvironment.values.reduce(0, +) }

    /// Sum of the savings of all findings, USD.
    public var monthlySavingsUSD: Double { findings.compactMap(\.savings?.usd).reduce(0, +) }

    /// The savings of all findings in the report currency.
    public var monthlySavings: Money { pricing.money(usd: monthlySavingsUSD) }

    /// The monthly cost of all interface endpoints in the report currency.
    public var monthlyEndpointCost: Money { pricing.money(usd: monthlyEndpointCostUSD) }

    /// The savings of one finding in the report currency; `nil` when it has none.
    public func savings(of finding: Finding) -> Money? {
        finding.savings.map { pricing.money(usd: $0.usd) }
    }

    /// Any USD amount of this report (a cost per environment, say) in the report currency.
    public func money(usd: Double) -> Money { pricing.money(usd: usd) }
}

/// One row of a report's cost table: an environment's interface endpoint cost and the savings its findings
/// name, in the report currency.
public struct CostRow: Sendable {
    public var environment: String
    public var cost: Money
    public var savings: Money
}

extension LintResult {
    /// The cost table, one row per environment with endpoints or savings, sorted by environment.
    public var costRows: [CostRow] {
        var savings = [String: Double]()
        for finding in findings {
            if let usd = finding.savings?.usd { savings[finding.location.environment, default: 0] += usd }
        }
        return Set(endpointCostByEnvironment.keys).union(savings.keys).sorted().map { environment in
            CostRow(
                environment: environment, cost: money(usd: endpointCostByEnvironment[environment] ?? 0),
                savings: money(usd: savings[environment] ?? 0))
        }
    }
}
