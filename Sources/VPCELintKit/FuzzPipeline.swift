import BuiltInRules
import Consolidation
import LintCore
import NetworkModel
import Output
import Reporters
import Settings
import TerraformShow
import Tracing

/// The whole pipeline over bytes in memory: loader (both strategies) -> model -> every rule -> every reporter,
/// baseline, trace and consolidation; the input's flags also choose `--format`/`--output` destinations (parsed,
/// never written), a baseline (the configuration text read as one), a trace request and `--via`. The libFuzzer target (`Sources/vpcelint-fuzz`) calls it on every input and the
/// regression test (`Tests/VPCELintKitTests/FuzzRegressionTests.swift`) replays `Tests/FuzzRegressions/*`
/// through it, so a crash found by the fuzzer is replayed by the same code.
///
/// Besides "no trap", it checks what must hold for any input and traps (a fuzzer crash) when it does not:
/// both load strategies agree, the text report holds no control character, the `github` report has one
/// workflow command per line and no line an input could have started.
package enum FuzzPipeline {
    /// What one input gave: the load error, the settings error (a configuration or flag the run refuses), or
    /// the reports.
    package struct Outcome: Sendable {
        package var error: LoadError?
        package var settingsError: CheckError?
        package var reports: [String: String] = [:]
    }

    /// Runs everything on `bytes` (a ``FuzzInput``: JSON, or a configuration text, flags and JSON), the JSON
    /// named `fuzz.json` in messages and the configuration `fuzz.vpcelint.yml`.
    package static func run(_ bytes: [UInt8]) -> Outcome {
        let input = FuzzInput(bytes)
        let path = "fuzz.json"
        let settings: Settings
        do {
            settings = try self.settings(input, path: path)
        } catch {
            checkMessage(error)
            return Outcome(settingsError: error)
        }
        let whole = load(input.json, path: path, strategy: .wholeTree)
        let streamed = load(input.json, path: path, strategy: .streaming)
        switch (whole, streamed) {
        case (.failure(let error), .failure):
            return Outcome(error: error)
        case (.success(let document), .success(let other)):
            precondition(
                document.resources.count == other.resources.count && document.kind == other.kind,
                "whole-tree and streaming loads disagree")
            do {
                return Outcome(reports: try reports(document, settings))
            } catch {
                checkMessage(error)
                return Outcome(settingsError: error)
            }
        case (.success, .failure(let error)), (.failure(let error), .success):
            preconditionFailure("whole-tree and streaming loads disagree: \(error)")
        }
    }

    typealias Settings = (
        RunSettings, CheckOptions, commands: FuzzInput.Commands, baseline: Baseline?, outputs: [ReportDestination]
    )

    /// The configuration (or baseline) and flags of `input` through the settings step every command takes.
    private static func settings(_ input: FuzzInput, path: String) throws(CheckError) -> Settings {
        let (options, commands) = try input.parse(path: path)
        var configuration = Configuration()
        var baseline: Baseline?
        if let text = input.configuration {
            if commands.baseline {
                baseline = try Baseline.parse(text, path: "fuzz.baseline.json")
            } else {
                configuration = try Configuration.parse(text, path: "fuzz.vpcelint.yml")
                configuration.path = "fuzz.vpcelint.yml"
            }
        }
        _ = try options.failOnWaste.map { amount throws(CheckError) in try WasteThreshold(amount) }
        var format = OutputFormat.text
        if let name = commands.format {
            guard let chosen = OutputFormat(rawValue: name) else {
                throw CheckError("--format \(name): unknown format")
            }
            format = chosen
        }
        let outputs = try ReportOutputs.destinations(format: format, outputs: commands.outputs)
        if commands.from != nil || commands.service != nil {
            try Tracer.validate(
                TraceRequest(from: commands.from ?? "", service: commands.service ?? "", host: commands.host))
        }
        if let via = commands.via, ConsolidationVia(rawValue: via) == nil {
            throw CheckError("--via \(via): expected peering or tgw")
        }
        let settings = try RunSettings(
            configuration: configuration, paths: options.paths, flags: options.shared, registry: builtInRules,
            disabledRules: options.disabledRules)
        return (settings, options, commands, baseline, outputs)
    }

    /// A refusal is one or more lines, none empty, that the stderr writer escapes to printable text.
    private static func checkMessage(_ error: CheckError) {
        precondition(!error.lines.isEmpty && !error.lines.contains(where: \.isEmpty), "an empty usage error")
        for line in error.lines {
            let escaped = TerminalText.escape(line)
            precondition(
                !escaped.unicodeScalars.contains(where: TerminalText.isEscaped), "a usage error escapes to control text"
            )
        }
    }

    private static func load(_ bytes: [UInt8], path: String, strategy: LoadOptions.Strategy) -> Result<
        TerraformDocument, LoadError
    > {
        var options = LoadOptions()
        options.strategy = strategy
        do {
            return .success(try DocumentLoader.load(bytes: bytes, path: path, options: options))
        } catch {
            return .failure(error)
        }
    }

    private static func reports(_ document: TerraformDocument, _ run: Settings) throws(CheckError) -> [String: String] {
        let (settings, options) = (run.0, run.1)
        let documents = [(environment: settings.inputs.first?.environment ?? "fuzz", document: document)]
        let model = try ModelLoading.model(documents, settings)
        let pricing = settings.pricing
        let linter = Linter(rules: settings.rules.map { $0.init() }, context: RuleContext(pricing: pricing))
        let suppressor = try Suppressor(
            ignores: settings.configuration.ignores, documents: [document], rules: settings.rules, today: "2026-06-01")
        let pipeline = Pipeline()
        var (findings, unknowns, cost) = pipeline.run(linter, model, settings)
        if let prior = try? PlanDiff.priorDocuments(documents) {
            let before = pipeline.run(
                linter, NetworkModel(documents: prior, hubSelectors: model.hubSelectors), settings)
            findings = PlanDiff.compare(planned: findings, prior: before.findings).new
            unknowns = PlanDiff.compare(planned: unknowns, prior: before.unknowns).new
        }
        let kept = suppressor.apply(findings)
        let keptUnknowns = suppressor.apply(unknowns)
        findings = kept.kept
        unknowns = keptUnknowns.kept
        let split = run.baseline?.partition(findings) ?? (new: findings, baselined: [], stale: [])
        findings = split.new
        let baseline = Baseline(findings: findings, created: "2026-01-01T00:00:00Z")
        var result = LintResult(
            toolVersion: VPCELint.version,
            inputs: [
                InputSummary(
                    path: document.path, environment: documents[0].environment, kind: document.kind.rawValue,
                    formatVersion: document.formatVersion, terraformVersion: document.terraformVersion,
                    resources: document.resources.count)
            ],
            rules: settings.rules.map { Pipeline.describe($0.description, settings.severities) }, findings: findings,
            unknowns: unknowns, pricing: pricing, endpointCostByEnvironment: cost)
        result.suppressed = kept.suppressed + keptUnknowns.suppressed
        result.listsSuppressed = options.adoption.showSuppressed
        result.baselined = split.baselined
        result.staleBaseline = run.baseline.map { _ in split.stale } ?? baseline.partition(findings).stale
        result.topology = TopologySummary(model)
        result.graph = TopologyGraph(result, owners: ResourceOwners(model))
        _ = ExitStatus.of(
            result, failOn: options.failOn, failOnUnknown: options.failOnUnknown,
            waste: try options.failOnWaste.map { amount throws(CheckError) in try WasteThreshold(amount) },
            failOnEmpty: options.failOnEmpty)
        var reports = [String: String]()
        for format in OutputFormat.allCases { reports[format.rawValue] = format.reporter.report(result) }
        reports["text-colour"] = TextReporter.report(result, colour: true)
        reports["baseline"] = baseline.serialized()
        for (offset, destination) in run.outputs.enumerated() {
            reports["output-\(offset)"] = ReportOutputs.render(result, as: destination.format)
        }
        reports["trace"] = traces(model)
        // A request or plan the command would refuse (exit 2) is its message here; the other reports stand.
        if run.commands.from != nil || run.commands.service != nil {
            let request = TraceRequest(
                from: run.commands.from ?? "", service: run.commands.service ?? "", host: run.commands.host)
            for format in TraceFormat.allCases {
                let options = TraceOptions(
                    paths: [], shared: options.shared, request: request, format: format, failOnUnknown: false)
                reports["trace-request-\(format.rawValue)"] = refusal {
                    () throws(CheckError) in try TraceCommand.trace(model, options: options).report
                }
            }
        }
        let via = run.commands.via.flatMap(ConsolidationVia.init(rawValue:)) ?? .peering
        reports["consolidate-text"] = refusal { () throws(CheckError) in
            let plan = try ConsolidationPlanner(model: model, pricing: pricing, via: via).plan()
            reports["consolidate-json"] = ConsolidationReport.json(plan, written: [])
            reports["consolidate-hcl"] = ConsolidationHCL.files(plan).map(\.1).joined(separator: "\n")
            return ConsolidationReport.text(plan, written: [])
        }
        check(reports, result)
        return reports
    }

    /// What `body` renders, or its refusal's lines (checked as every usage error is).
    private static func refusal(_ body: () throws(CheckError) -> String) -> String {
        do {
            return try body()
        } catch {
            checkMessage(error)
            // As the stderr writer prints it.
            return "refused: " + error.lines.map(TerminalText.escape).joined(separator: "\n")
        }
    }

    /// Traces from up to four VPCs to an interface service and a gateway service, rendered both ways.
    private static func traces(_ model: NetworkModel) -> String {
        let engine = PathEngine(model: model)
        var traces = [Trace]()
        for vpc in model.vpcs.prefix(4) {
            traces.append(engine.trace(from: vpc, service: "ecr.api", host: "api.ecr.us-east-1.amazonaws.com"))
            traces.append(engine.traceGateway(from: vpc, service: "s3"))
        }
        let status = ExitStatus.of(traces, failOnUnknown: false)
        return TraceReport.text(traces, hostNotes: [:], failOnUnknown: false)
            + TraceReport.json(traces, hostNotes: [:], status: status)
    }

    /// The topology picture in DOT: one line per node and edge (a label cannot add one), 5 of the frame, 1 for
    /// unplaced findings; no control character.
    private static func checkGraph(_ result: LintResult) {
        guard let graph = result.graph else { return }
        let dot = DOTGraph.render(graph)
        let expected = 5 + graph.nodes.count + graph.edges.count + (graph.unplaced.isEmpty ? 0 : 1)
        precondition(dot.split(separator: "\n").count == expected, "dot: an input added or removed a line")
        precondition(
            !dot.unicodeScalars.contains { $0 != "\n" && TerminalText.isEscaped($0) }, "dot: a control character")
    }

    /// What no input may change in a report.
    private static func check(_ reports: [String: String], _ result: LintResult) {
        checkGraph(result)
        for format in ["text", "github", "markdown", "trace", "trace-request-text", "consolidate-text"] {
            let bad = reports[format]?.unicodeScalars.first { scalar in
                switch scalar.value {
                case 0x0A: return false
                case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
                default: return false
                }
            }
            precondition(bad == nil, "\(format) report holds control character U+\(String(bad?.value ?? 0, radix: 16))")
        }
        let lines = (reports["github"] ?? "").split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        precondition(
            lines.count == result.findings.count + result.unknowns.count + 1,
            "github report: an input added or removed a line")
        for line in lines {
            precondition(
                line.hasPrefix("::error file=") || line.hasPrefix("::warning file=")
                    || line.hasPrefix("::notice file=") || line.hasPrefix("::notice title="),
                "github report: a line is not a workflow command")
            // `::` ends the properties exactly once: a second one before the message would be forged.
            let properties = line.dropFirst(2).components(separatedBy: "::")
            precondition(properties.count >= 2, "github report: a command without a message")
        }
    }
}
