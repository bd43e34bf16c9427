import BuiltInRules
import Foundation
import LintCore
import NetworkModel
import Output
import Reporters
import Settings
import Synchronization
import TerraformShow

/// A finished check: the result, its rendered report, what goes to standard output, and the exit status with
/// the notices (one line each, for standard error) that explain it.
public struct CheckOutcome: Sendable {
    public var result: LintResult
    /// The `--format` report.
    public var report: String
    /// The report for standard output; `nil` when every report went to a file.
    public var standardOutput: String?
    public var status: ExitStatus
    /// For standard error: what the settings say of the inputs (skipped files, excludes that matched nothing),
    /// then why waste or emptiness failed the run.
    public var notices: [String]
}

/// settings -> load -> one view per resource -> model -> rules -> suppress/baseline -> report -> exit status. All inputs load before any
/// rule runs and every usage error comes before any input is read, so a bad input or flag never leaves a
/// partial report.
public struct Pipeline: Sendable {
    public var rules: [any Rule.Type]
    /// Hands the model and its facts to a process-wide holder instead of freeing them when ``check(_:)``
    /// returns: a command-line run that exits right after saves the time of tearing down a large input's model
    /// (about 3% of a run on a 100 MB state). Not for long-lived callers. (The documents' resources are let go
    /// on another core while the rules run, which reuse their memory.)
    public var keepsInputsUntilExit = false
    /// Today (`YYYY-MM-DD`, UTC) for `until:` dates of suppressions; tests pin it.
    public var today: String?

    /// A pipeline over `rules`, by default every built-in rule.
    public init(rules: [any Rule.Type] = builtInRules) {
        self.rules = rules
    }

    /// The suppressions of `documents`, read on another core. Only the work holds the documents (not a
    /// binding of the caller's): once read, nothing shares their values when they are dropped.
    private static func suppressor(
        _ documents: [TerraformDocument], _ settings: RunSettings, today: String
    ) -> Background<Suppressor, CheckError> {
        let ignores = settings.configuration.ignores
        let rules = settings.rules
        return Background { () throws(CheckError) -> Suppressor in
            try Suppressor(ignores: ignores, documents: documents, rules: rules, today: today)
        }
    }

    /// Runs `vpcelint check`: writes every `--output` file and returns the outcome; throws ``CheckError``
    /// (exit status 2) on bad usage or any unreadable input, before anything is written.
    public func check(_ options: CheckOptions) throws(CheckError) -> CheckOutcome {
        let destinations = try ReportOutputs.destinations(format: options.format, outputs: options.outputs)
        let waste = try options.failOnWaste.map { amount throws(CheckError) in try WasteThreshold(amount) }
        let settings = try RunSettings(
            paths: options.paths, flags: options.shared, registry: rules, disabledRules: options.disabledRules)
        try Self.checkComponentFlags(options)
        let outputs = try Self.outputs(destinations, options, settings)
        var loaded = try InputLoading.load(settings.inputs)
        // Taken apart at once: a `reconciled` kept whole would hold the documents' values to the end.
        var (documents, superseded) = try Self.reconcile(loaded)
        let baseline = try options.adoption.baselinePath.map { path throws(CheckError) in try Baseline.load(path: path)
        }
        // Over every input: a component run's findings carry the same paths and addresses. Read on another core
        // while the model is built; its errors come first, as when the two ran in turn.
        let suppressing = Self.suppressor(documents.map(\.document), settings, today: today ?? Self.today())
        // Its topology is inferred once the values are let go (below), unless the components need it first.
        let built = Result { () throws(CheckError) -> NetworkModel in
            try ModelLoading.model(documents, settings, inferringTopology: false)
        }
        let suppressor = try suppressing.value()
        var model = try built.get()
        if options.listComponents || options.component != nil {
            model.inferTopologyIfNeeded()
            let scope = ComponentScope(model, documents)
            guard let number = options.component else { return Self.listed(scope.listing(), options, settings) }
            let index = try scope.index(of: number)
            documents = scope.scoped(documents, to: index)
            let kept = Set(documents.map(\.document.path))
            let inputs = loaded.indices.filter { kept.contains(loaded[$0].document.path) }
            superseded = Dictionary(
                uniqueKeysWithValues: inputs.enumerated().compactMap { new, old in superseded[old].map { (new, $0) } })
            loaded = scope.scoped(inputs.map { loaded[$0] }, to: index)
            // The full run's hubs: a selector naming a VPC of another component selects nothing here, as there.
            model = NetworkModel(documents: documents, hubSelectors: model.hubSelectors, inferringTopology: false)
        }
        // The prior state is judged with the hubs the planned state resolved: a hub the plan adds is no usage
        // error there.
        let priorModel =
            options.adoption.newOnly
            ? NetworkModel(documents: try PlanDiff.priorDocuments(documents), hubSelectors: model.hubSelectors) : nil
        // Every model is built: from here on the inputs are read for their paths, kinds and counts only.
        let releasing = Self.releaseResources(&loaded, &documents)
        model.inferTopologyIfNeeded()
        let linter = Linter(rules: settings.rules.map { $0.init() }, context: RuleContext(pricing: settings.pricing))
        let facts = ModelFacts(model)
        let planned = run(linter, model, settings)
        releasing.value()
        // The rules are done with what they shared (the spokes' DNS hops): not held beside the report.
        model.forgetDerivedFacts()
        var findings = planned.findings
        var unknowns = planned.unknowns
        var fixed: [Finding]?
        if let priorModel {
            let prior = run(linter, priorModel, settings)
            priorModel.forgetDerivedFacts()
            (findings, fixed) = PlanDiff.compare(planned: findings, prior: prior.findings)
            unknowns = PlanDiff.compare(planned: unknowns, prior: prior.unknowns).new
        }
        let kept = suppressor.apply(findings)
        let keptUnknowns = suppressor.apply(unknowns)
        let split = baseline?.partition(kept.kept) ?? (new: kept.kept, baselined: [], stale: [])
        var result = LintResult(
            toolVersion: VPCELint.version,
            inputs: loaded.indices.map { Self.summary(loaded[$0], superseded: superseded[$0]) },
            rules: settings.rules.map { Self.describe($0.description, settings.severities) }, findings: split.new,
            unknowns: keptUnknowns.kept, pricing: settings.pricing, endpointCostByEnvironment: planned.cost)
        result.suppressed = kept.suppressed + keptUnknowns.suppressed
        result.listsSuppressed = options.adoption.showSuppressed
        result.baselined = split.baselined
        result.staleBaseline = baseline.map { _ in split.stale }
        result.fixedByPlan = fixed
        let (topology, owners) = facts.wait()
        result.topology = topology
        result.graph = TopologyGraph(result, owners: owners)
        result.configurationPath = settings.configuration.path
        result.skippedInputs = settings.skipped
        (result.notices, result.isEmptyInput) = RunNotices.of(model, loaded, settings)
        ReportLocating.locate(&result, settings)
        let report = ReportOutputs.render(
            result, as: options.format, colour: options.colour && destinations[0].path == nil, quiet: options.quiet)
        var files = destinations.indices.filter { destinations[$0].path != nil }.map { offset in
            offset == 0 ? report : ReportOutputs.render(result, as: destinations[offset].format, quiet: options.quiet)
        }
        if options.adoption.writeBaselinePath != nil {
            files.append(Baseline(findings: kept.kept, created: Self.now()).serialized())
        }
        try outputs.commit(files)
        if keepsInputsUntilExit { UntilExit.keep((model, priorModel, facts)) }
        let standardOutput = destinations[0].path == nil ? report : nil
        let decision = ExitStatus.of(
            result, failOn: options.failOn, failOnUnknown: options.failOnUnknown, waste: waste,
            failOnEmpty: options.failOnEmpty)
        return CheckOutcome(
            result: result, report: report, standardOutput: standardOutput, status: decision.status,
            notices: settings.notices + (decision.notice.map { [$0] } ?? []))
    }

    private static func reconcile(
        _ loaded: [(environment: String, document: TerraformDocument)]
    ) throws(CheckError) -> (
        documents: [(environment: String, document: TerraformDocument)], superseded: [Int: (count: Int, by: [String])]
    ) {
        let reconciled = try InputReconciliation.reconcile(loaded)
        return (reconciled.documents, reconciled.superseded)
    }

    /// Takes every document's resources once every model is built (the rules and reports read the models;
    /// the inputs are named by path, kind and count) and lets them go on another core while the rules run, so
    /// what the rules allocate reuses their memory: on a large network they are most of what the run holds.
    /// `loaded` and `documents` share their arrays where reconciliation changed nothing; each is freed when its
    /// last holder lets go.
    private static func releaseResources(
        _ loaded: inout [(environment: String, document: TerraformDocument)],
        _ documents: inout [(environment: String, document: TerraformDocument)]
    ) -> Background<Void, Never> {
        var taken = [[Resource]]()
        for index in loaded.indices { taken += loaded[index].document.takeResources() }
        for index in documents.indices { taken += documents[index].document.takeResources() }
        let held = Held(taken)
        taken = []
        return Background { held.release() }
    }

    /// `--list-components` and `--component` with what they cannot go with: usage errors before any input is read.
    private static func checkComponentFlags(_ options: CheckOptions) throws(CheckError) {
        var problems = [String]()
        if let number = options.component, number < 1 {
            problems.append("--component \(number): components are numbered from 1 (see --list-components)")
        }
        if options.listComponents {
            if options.component != nil { problems.append("--list-components and --component: use one") }
            if !options.outputs.isEmpty {
                problems.append("--list-components prints to standard output: drop --output")
            }
            if options.format != .text && options.format != .json {
                problems.append("--list-components --format \(options.format.rawValue): text or json")
            }
            if options.adoption.writeBaselinePath != nil || options.adoption.newOnly {
                problems.append("--list-components checks nothing: drop --write-baseline and --new-only")
            }
        }
        guard problems.isEmpty else { throw CheckError(lines: problems) }
    }

    /// The outcome of `--list-components`: the listing on standard output, exit 0.
    private static func listed(
        _ listing: ComponentListing, _ options: CheckOptions, _ settings: RunSettings
    ) -> CheckOutcome {
        let text = options.format == .json ? listing.json() : listing.text()
        let result = LintResult(
            toolVersion: VPCELint.version, inputs: [], rules: [], findings: [], unknowns: [],
            pricing: settings.pricing, endpointCostByEnvironment: [:])
        return CheckOutcome(result: result, report: text, standardOutput: text, status: .clean, notices: [])
    }

    /// Every file the run will write (the reports, then the baseline), resolved and checked before any
    /// input is read; written together at the end by ``OutputTransaction/commit(_:)``.
    private static func outputs(
        _ destinations: [ReportDestination], _ options: CheckOptions, _ settings: RunSettings
    ) throws(CheckError) -> OutputTransaction {
        var requests = ReportOutputs.requests(destinations)
        let adoption = options.adoption
        if let path = adoption.writeBaselinePath {
            requests.append(
                OutputRequest(label: "--write-baseline \(path)", path: path, mayReplace: adoption.baselinePath))
        }
        let transaction = try OutputTransaction(
            requests, inputs: OutputPlanning.inputs(settings, baseline: adoption.baselinePath))
        try ReportOutputs.checkStandardOutput(destinations, transaction)
        return transaction
    }

    /// An input as loaded (all its resources), with what another input superseded of it.
    private static func summary(
        _ input: (environment: String, document: TerraformDocument), superseded: (count: Int, by: [String])?
    ) -> InputSummary {
        let document = input.document
        var summary = InputSummary(
            path: document.path, environment: input.environment, kind: document.kind.rawValue,
            formatVersion: document.formatVersion, terraformVersion: document.terraformVersion,
            resources: document.resourceCount)
        summary.supersededResources = superseded?.count ?? 0
        summary.supersededBy = superseded?.by ?? []
        return summary
    }

    /// Today as `YYYY-MM-DD` in UTC, the day `until:` dates are compared with.
    static func today() -> String {
        UTCTime.current().date
    }

    /// Now as ISO 8601 in UTC (`YYYY-MM-DDTHH:MM:SSZ`), for a baseline's `created`.
    static func now() -> String {
        UTCTime.current().timestamp
    }
}

/// Resources one thread takes and another lets go.
private final class Held: Sendable {
    private let resources: Mutex<[[Resource]]>

    init(_ resources: [[Resource]]) {
        self.resources = Mutex(resources)
    }

    func release() {
        resources.withLock { $0 = [] }
    }
}

/// Keeps what a run read and built alive until the process exits (see ``Pipeline/keepsInputsUntilExit``).
private enum UntilExit {
    private static let held = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        held.withLock { $0.append(value) }
    }
}
