import BuiltInRules
import LintCore
import NetworkModel
import Reporters
import Synchronization
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
    /// Hands the loaded documents to a process-wide holder instead of freeing them when ``check(_:)``
    /// returns: a command-line run that exits right after saves the time of tearing down a large input's
    /// resources (about 5% of a run on a 100 MB state). Not for long-lived callers.
    public var keepsInputsUntilExit = false

    /// A pipeline over `rules`, by default every built-in rule.
    public init(rules: [any Rule.Type] = builtInRules) {
        self.rules = rules
    }

    /// Today (`YYYY-MM-DD`, UTC) for `until:` dates of suppressions; tests pin it.
    public var today: String?

    /// Runs `vpcelint check`; throws ``CheckError`` (exit status 2) on bad usage or any unreadable input.
    public func check(_ options: CheckOptions) throws(CheckError) -> CheckOutcome {
        let configuration = try configuration(options)
        let options = options.merging(configuration)
        let pricing = try pricing(options, configuration)
        let severities = try severityOverrides(configuration)
        let enabled = try enabledRules(disabling: options.disabledRules)
        let inputs = naming(
            try InputExpansion.expand(paths: options.paths, environments: options.environments), options,
            configuration)
        let documents = try load(inputs)
        if keepsInputsUntilExit { InputRetention.keep(documents.map(\.document)) }
        let baseline = try options.adoption.baselinePath.map { path throws(CheckError) in try Baseline.load(path: path)
        }
        let suppressor = try Suppressor(
            ignores: configuration.ignores, documents: documents.map(\.document), rules: enabled,
            today: today ?? Self.today())
        let linter = Linter(rules: enabled.map { $0.init() }, context: RuleContext(pricing: pricing))
        let planned = run(linter, documents, options, configuration, severities)
        var findings = planned.findings
        var unknowns = planned.unknowns
        var fixed: [Finding]?
        if options.adoption.newOnly {
            let prior = run(linter, try PlanDiff.priorDocuments(documents), options, configuration, severities)
            (findings, fixed) = PlanDiff.compare(planned: findings, prior: prior.findings)
            unknowns = PlanDiff.compare(planned: unknowns, prior: prior.unknowns).new
        }
        let kept = suppressor.apply(findings)
        let keptUnknowns = suppressor.apply(unknowns)
        if let path = options.adoption.writeBaselinePath {
            try Baseline(findings: kept.kept, created: Self.now()).write(to: path)
        }
        let split = baseline?.partition(kept.kept) ?? (new: kept.kept, baselined: [], stale: [])
        var result = LintResult(
            toolVersion: VPCELint.version,
            inputs: documents.map { Self.summary($0.document, environment: $0.environment) },
            rules: enabled.map { Self.describe($0.description, severities) }, findings: split.new,
            unknowns: keptUnknowns.kept, pricing: pricing, endpointCostByEnvironment: planned.cost)
        result.suppressed = kept.suppressed + keptUnknowns.suppressed
        result.listsSuppressed = options.adoption.showSuppressed
        result.baselined = split.baselined
        result.staleBaseline = baseline.map { _ in split.stale }
        result.fixedByPlan = fixed
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
    func load(_ inputs: [LintInput]) throws(CheckError) -> [(environment: String, document: TerraformDocument)] {
        try InputLoading.load(inputs)
    }

    private static func summary(_ document: TerraformDocument, environment: String) -> InputSummary {
        InputSummary(
            path: document.path, environment: environment, kind: document.kind.rawValue,
            formatVersion: document.formatVersion, terraformVersion: document.terraformVersion,
            resources: document.resources.count)
    }
}

/// Keeps documents alive until the process exits (see ``Pipeline/keepsInputsUntilExit``).
private enum InputRetention {
    private static let held = Mutex<[[TerraformDocument]]>([])

    static func keep(_ documents: [TerraformDocument]) {
        held.withLock { $0.append(documents) }
    }
}
