import BuiltInRules
import LintCore
import NetworkModel
import Reporters
import Settings
import TerraformShow

/// The whole pipeline over bytes in memory: loader (both strategies) -> model -> every rule -> every reporter,
/// baseline and trace. The libFuzzer target (`Sources/vpcelint-fuzz`) calls it on every input and the
/// regression test (`Tests/VPCELintKitTests/FuzzRegressionTests.swift`) replays `Tests/FuzzRegressions/*`
/// through it, so a crash found by the fuzzer is replayed by the same code.
///
/// Besides "no trap", it checks what must hold for any input and traps (a fuzzer crash) when it does not:
/// both load strategies agree, the text report holds no control character, the `github` report has one
/// workflow command per line and no line an input could have started.
package enum FuzzPipeline {
    /// What one input gave: the load error, or the reports.
    package struct Outcome: Sendable {
        package var error: LoadError?
        package var reports: [String: String] = [:]
    }

    /// Runs everything on `bytes`, named `fuzz.json` in messages.
    package static func run(_ bytes: [UInt8]) -> Outcome {
        let path = "fuzz.json"
        let whole = load(bytes, path: path, strategy: .wholeTree)
        let streamed = load(bytes, path: path, strategy: .streaming)
        switch (whole, streamed) {
        case (.failure(let error), .failure):
            return Outcome(error: error)
        case (.success(let document), .success(let other)):
            precondition(
                document.resources.count == other.resources.count && document.kind == other.kind,
                "whole-tree and streaming loads disagree")
            return Outcome(error: nil, reports: reports(document))
        case (.success, .failure(let error)), (.failure(let error), .success):
            preconditionFailure("whole-tree and streaming loads disagree: \(error)")
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

    private static func reports(_ document: TerraformDocument) -> [String: String] {
        let documents = [(environment: "fuzz", document: document)]
        let model = NetworkModel(documents: documents)
        let pricing = Pricing()
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: pricing))
        var (findings, unknowns) = linter.run(model)
        if let prior = try? PlanDiff.priorDocuments(documents) {
            let before = linter.run(NetworkModel(documents: prior))
            findings = PlanDiff.compare(planned: findings, prior: before.findings).new
            unknowns = PlanDiff.compare(planned: unknowns, prior: before.unknowns).new
        }
        let baseline = Baseline(findings: findings, created: "2026-01-01T00:00:00Z")
        var result = LintResult(
            toolVersion: VPCELint.version,
            inputs: [
                InputSummary(
                    path: document.path, environment: "fuzz", kind: document.kind.rawValue,
                    formatVersion: document.formatVersion, terraformVersion: document.terraformVersion,
                    resources: document.resources.count)
            ],
            rules: builtInRules.map { $0.description }, findings: findings, unknowns: unknowns, pricing: pricing,
            endpointCostByEnvironment: linter.endpointCost(model))
        result.staleBaseline = baseline.partition(findings).stale
        var reports = [String: String]()
        for format in OutputFormat.allCases { reports[format.rawValue] = format.reporter.report(result) }
        reports["text-colour"] = TextReporter.report(result, colour: true)
        reports["baseline"] = baseline.serialized()
        reports["trace"] = traces(model)
        check(reports, result)
        return reports
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

    /// What no input may change in a report.
    private static func check(_ reports: [String: String], _ result: LintResult) {
        for format in ["text", "github", "markdown"] {
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
