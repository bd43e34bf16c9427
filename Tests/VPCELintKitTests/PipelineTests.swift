import Consolidation
import Foundation
import LintCore
import NetworkModel
import Output
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

/// Flags every input's VPC at a fixed severity, so the pipeline can be tested without the real rules.
private protocol FlagEveryInput: Rule {
    static var severity: Severity { get }
}

extension FlagEveryInput {
    static var description: RuleDescription {
        RuleDescription(
            id: severity == .error ? "VPCE901" : "VPCE902", name: "test-\(severity.rawValue)", summary: "test",
            category: .routing, defaultSeverity: severity, whatItDoes: "", whyItMatters: "", howToFix: "",
            references: [], triggeringExamples: [], nonTriggeringExamples: [])
    }

    func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        model.inputs.map { input in
            finding(
                at: Origin(environment: input.environment, path: input.path, address: "aws_vpc.main"),
                message: "test finding", fix: "none")
        }
    }
}

private struct ErrorRule: FlagEveryInput {
    static let severity = Severity.error
}

private struct NoteRule: FlagEveryInput {
    static let severity = Severity.note
}

@Suite("Pipeline")
struct PipelineTests {
    @Test("one bad input among good ones fails the whole run, naming every bad file, before any rule runs")
    func allInputsLoadFirst() throws {
        try withTemporaryDirectory([
            "dev.json": Support.validState, "prd.json": Support.validState, "stg.json": "{\"format_version\": \"1.0\"",
            "zz.json": "",
        ]) { directory in
            do {
                _ = try Pipeline(rules: [ErrorRule.self]).check(CheckOptions(paths: [directory]))
                Issue.record("the run succeeded")
            } catch let error as CheckError {
                #expect(error.lines.count == 2)
                #expect(error.lines.first?.hasPrefix(directory + "/stg.json:") == true)
                #expect(error.lines.last?.hasPrefix(directory + "/zz.json") == true)
            }
        }
    }

    @Test("findings run through the model, carry the environment and pick the exit status")
    func runsRules() throws {
        try withTemporaryDirectory(["dev.show.json": Support.validState, "shared.json": Support.validState]) {
            directory in
            let outcome = try Pipeline(rules: [ErrorRule.self, NoteRule.self]).check(
                CheckOptions(paths: [directory], format: .json, failOn: .error))
            #expect(outcome.result.inputs.map(\.environment) == ["dev", "shared"])
            #expect(outcome.result.inputs.map(\.resources) == [1, 1])
            #expect(outcome.result.findings.map(\.ruleID) == ["VPCE901", "VPCE901", "VPCE902", "VPCE902"])
            #expect(outcome.result.toolVersion == "0.1.0")
            #expect(outcome.status == .findings)
            #expect(outcome.report.hasPrefix("{\n  \"tool\""))
        }
    }

    @Test("--disable takes an id in any case or a name; an unknown rule is a usage error")
    func disable() throws {
        try withTemporaryDirectory(["dev.json": Support.validState]) { directory in
            let pipeline = Pipeline(rules: [ErrorRule.self, NoteRule.self])
            let byID = try pipeline.check(CheckOptions(paths: [directory], disabledRules: ["vpce901"]))
            #expect(byID.result.findings.map(\.ruleID) == ["VPCE902"])
            #expect(byID.status == .clean)
            let byName = try pipeline.check(CheckOptions(paths: [directory], disabledRules: ["test-note"]))
            #expect(byName.result.rules.map(\.id) == ["VPCE901"])
            #expect(throws: CheckError(lines: ["--disable nope: no such rule; `vpcelint rules` lists them"])) {
                try pipeline.check(CheckOptions(paths: [directory], disabledRules: ["nope"]))
            }
        }
    }

    @Test(
        "exit status for each --fail-on level",
        arguments: [
            (FailThreshold.error, [Severity.error], LintCore.ExitStatus.findings),
            (.error, [.warning, .note], .clean),
            (.warning, [.warning], .findings),
            (.warning, [.note], .clean),
            (.note, [.note], .findings),
            (.note, [], .clean),
            (.never, [.error, .warning, .note], .clean),
        ])
    func failOn(threshold: FailThreshold, severities: [Severity], expected: LintCore.ExitStatus) {
        let result = Support.result(findings: severities.map { Support.finding(severity: $0) })
        #expect(LintCore.ExitStatus.of(result, failOn: threshold, failOnUnknown: false).status == expected)
    }

    @Test("unknowns fail only with --fail-on-unknown, whatever their severity and --fail-on")
    func failOnUnknown() {
        let result = Support.result(unknowns: [Support.finding(severity: .note, status: .unknown)])
        #expect(LintCore.ExitStatus.of(result, failOn: .error, failOnUnknown: false).status == .clean)
        #expect(LintCore.ExitStatus.of(result, failOn: .note, failOnUnknown: false).status == .clean)
        #expect(LintCore.ExitStatus.of(result, failOn: .never, failOnUnknown: true).status == .findings)
        #expect(LintCore.ExitStatus.of(Support.result(), failOn: .note, failOnUnknown: true).status == .clean)
        #expect([LintCore.ExitStatus.clean, .findings, .error].map(\.rawValue) == [0, 1, 2])
    }

    @Test("currency, exchange rate and hours per month are checked before anything is read")
    func pricingOptions() throws {
        let pricing = try RunSettings.pricing(
            SharedFlags(hoursPerMonth: 720, currency: "jpy", exchangeRate: 150), Configuration())
        #expect(pricing.currency == "JPY")
        #expect(pricing.exchangeRate == 150)
        #expect(pricing.hoursPerMonth == 720)
        #expect(try RunSettings.pricing(SharedFlags(), Configuration()).hoursPerMonth == 730)
        let bad: [SharedFlags] = [
            SharedFlags(currency: "JPY"),
            SharedFlags(currency: "JP¥", exchangeRate: 150),
            SharedFlags(exchangeRate: 2),
            SharedFlags(currency: "EUR", exchangeRate: 0),
            SharedFlags(hoursPerMonth: 0),
            SharedFlags(hoursPerMonth: 745),
            SharedFlags(hoursPerMonth: .nan),
        ]
        for flags in bad {
            #expect(throws: CheckError.self) { try RunSettings.pricing(flags, Configuration()) }
        }
    }

    @Test("--output replaces the file atomically and leaves no temporary file behind")
    func atomicWrite() throws {
        try withTemporaryDirectory(["report.json": "old"]) { directory in
            try AtomicFile.write("new report\n", to: directory + "/report.json")
            #expect(try String(contentsOfFile: directory + "/report.json", encoding: .utf8) == "new report\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"])
            #expect(throws: CheckError.self) { try AtomicFile.write("x", to: directory + "/missing/report.json") }
        }
    }
}
