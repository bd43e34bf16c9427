import Consolidation
import Foundation
import LintCore
import Output
import Reporters
import Settings
import TestSupport
import Testing
import Tracing
import VPCELintKit

/// Configuration, suppressions (config, tag, expiry), baselines (new, fixed, stale) and `--new-only` on the
/// real fixtures of `fixtures/generate.sh`.
@Suite("Adoption scenarios")
struct AdoptionScenarioTests {
    static func fixture(_ path: String) -> String {
        Repository.path("fixtures/" + path)
    }

    static let broken = fixture("hub-spoke-broken")
    static let dkrZone = #"module.hub.aws_route53_zone.endpoint["ecr.dkr"]"#

    /// A pipeline whose "today" is fixed, so `until:` dates do not age the tests.
    static func pipeline() -> Pipeline {
        var pipeline = Pipeline()
        pipeline.today = "2026-06-01"
        return pipeline
    }

    static func run(
        _ paths: [String], config: String? = nil, adoption: AdoptionOptions = AdoptionOptions(),
        format: OutputFormat = .json
    ) throws -> CheckOutcome {
        var options = CheckOptions(paths: paths, format: format)
        options.adoption = adoption
        guard let config else { return try pipeline().check(options) }
        return try withTemporaryDirectory([".vpcelint.yml": config]) { directory in
            options.shared.configPath = directory + "/.vpcelint.yml"
            return try pipeline().check(options)
        }
    }

    static func json(_ outcome: CheckOutcome) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(outcome.report.utf8)) as? [String: Any])
    }

    static func ids(_ findings: [Finding]) -> [String] { findings.map { "\($0.ruleID) \($0.location.address)" } }

    @Test("an ignore: entry suppresses the finding, counts it and lists it with --show-suppressed")
    func suppressedByConfig() throws {
        let config = """
            ignore:
              - rule: missing-wildcard-record
                environment: shared
                address: 'module.hub.aws_route53_zone.endpoint["ecr.*"]'
                reason: image pulls go through the registry mirror until Q3
                until: 2026-09-30
            """
        let plain = try Self.run([Self.broken])
        let outcome = try Self.run([Self.broken], config: config, adoption: AdoptionOptions(showSuppressed: true))
        #expect(outcome.result.findings.count == plain.result.findings.count - 1)
        #expect(!outcome.result.findings.contains { $0.ruleID == "VPCE004" })
        let suppressed = try #require(outcome.result.suppressed.first)
        #expect(outcome.result.suppressed.count == 1)
        #expect(suppressed.finding.location.address == Self.dkrZone)
        #expect(suppressed.source.hasPrefix("config ") && suppressed.source.hasSuffix(".vpcelint.yml:2"))
        let json = try Self.json(outcome)
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["suppressed"] as? Int == 1)
        let listed = try #require((json["suppressed"] as? [[String: Any]])?.first)
        #expect(listed["reason"] as? String == "image pulls go through the registry mirror until Q3")
        #expect(listed["until"] as? String == "2026-09-30")
        #expect(listed["rule_id"] as? String == "VPCE004")
        #expect(outcome.status == .findings)  // the other four defects remain
        let unlisted = try Self.json(try Self.run([Self.broken], config: config))
        #expect(unlisted["suppressed"] == nil)
    }

    @Test("an expired ignore: entry suppresses nothing and the finding says so")
    func expired() throws {
        let config = """
            ignore:
              - rule: VPCE004
                address: "*"
                reason: accepted for the migration
                until: 2026-05-31
            """
        let outcome = try Self.run([Self.broken], config: config)
        #expect(outcome.result.suppressed.isEmpty)
        let finding = try #require(outcome.result.findings.first { $0.ruleID == "VPCE004" })
        #expect(finding.message.hasSuffix(".vpcelint.yml:2: accepted for the migration) expired on 2026-05-31"))
        #expect(finding.fingerprint == "VPCE004|shared|\(Self.dkrZone)|wildcard")
    }

    @Test("a vpcelint:ignore tag on the flagged resource suppresses it, with the reason tag")
    func suppressedByTag() throws {
        let outcome = try Self.run(
            [Self.fixture("suppressed-by-tag")], adoption: AdoptionOptions(showSuppressed: true), format: .text)
        let broken = try Self.run([Self.broken])
        #expect(Self.ids(outcome.result.findings) == Self.ids(broken.result.findings.filter { $0.ruleID != "VPCE004" }))
        let suppressed = try #require(outcome.result.suppressed.first)
        #expect(outcome.result.suppressed.count == 1)
        #expect(suppressed.finding.ruleID == "VPCE004" && suppressed.finding.location.address == Self.dkrZone)
        #expect(suppressed.source == "tag vpcelint:ignore")
        #expect(suppressed.reason == "no image pulls through the hub until the registry migration")
        #expect(outcome.report.contains("Suppressed: 1"))
        #expect(outcome.report.contains("tag vpcelint:ignore: no image pulls"))
    }

    @Test("rules: turns rules off and changes severities; hubs/currency come from the file")
    func ruleSettings() throws {
        let config = """
            hubs: [shared]
            currency: JPY
            exchange_rate: 150
            rules:
              VPCE001: {severity: error}
              missing-reverse-route: false
            """
        let outcome = try Self.run([Self.broken], config: config)
        #expect(!outcome.result.findings.contains { $0.ruleID == "VPCE002" })
        #expect(!outcome.result.rules.contains { $0.id == "VPCE002" })
        #expect(outcome.result.findings.first { $0.ruleID == "VPCE001" }?.severity == .error)
        #expect(outcome.result.rules.first { $0.id == "VPCE001" }?.defaultSeverity == .error)
        #expect(outcome.result.pricing.currency == "JPY" && outcome.result.pricing.exchangeRate == 150)
    }

    @Test("a configuration error is a usage error naming file and line; no rule runs")
    func configurationErrors() throws {
        #expect {
            _ = try Self.run([Self.broken], config: "rules:\n  VPCE999: false\n")
        } throws: { error in
            (error as? CheckError)?.description.contains(".vpcelint.yml:2: rules.VPCE999: no such rule") == true
        }
        #expect {
            _ = try Self.run([Self.broken], config: "ignore:\n  - {rule: nope, address: x, reason: y}\n")
        } throws: { error in
            (error as? CheckError)?.description.contains(".vpcelint.yml:2: ignore: no rule `nope`") == true
        }
        #expect {
            _ = try Self.run([Self.broken], config: "region: mars-1\n")
        } throws: { error in
            (error as? CheckError)?.description.contains("region: no price for `mars-1`") == true
        }
    }

    @Test("environments.files names inputs by glob; --env still wins")
    func environmentGlobs() throws {
        // Globs name one root each: two spoke roots in one environment would give one address two IDs (exit 2).
        let config = "environments:\n  files:\n    \"shared.*\": hub\n    \"d*.show.json\": other\n"
        let outcome = try Self.run([Self.broken], config: config)
        #expect(outcome.result.inputs.map(\.environment).sorted() == ["hub", "other", "prd", "stg"])
        var options = CheckOptions(
            paths: [Self.broken], shared: SharedFlags(environments: ["shared=" + Self.broken + "/shared.show.json"]))
        let named = try withTemporaryDirectory([".vpcelint.yml": config]) { directory in
            options.shared.configPath = directory + "/.vpcelint.yml"
            return try Self.pipeline().check(options)
        }
        #expect(named.result.inputs.map(\.environment).sorted() == ["other", "prd", "shared", "stg"])
    }

    @Test("environments.by_tag names each resource of a one-file plan after its VPC's Environment tag")
    func environmentByTag() throws {
        let plan = Self.fixture("hub-spoke-broken-plan/network.plan.json")
        let outcome = try Self.run([plan], config: "environments: {by_tag: Environment}\nhubs: [shared]\n")
        let environments = outcome.result.findings.map { "\($0.ruleID) \($0.location.environment)" }
        #expect(environments.contains("VPCE001 stg"))
        #expect(environments.contains("VPCE002 shared"))
        #expect(environments.contains("VPCE005 shared"))
        #expect(!environments.contains { $0.hasSuffix(" network") })
    }

    @Test("baseline: written without AWS IDs; known findings are not new, new ones are, stale entries listed")
    func baseline() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/baseline.json"
            let written = try Self.run([Self.broken], adoption: AdoptionOptions(writeBaselinePath: file))
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.range(of: #"\b(vpc|pcx|vpce|sg|rtb|subnet)-[0-9a-f]{8,}"#, options: .regularExpression) == nil)
            let baseline = try Baseline.load(path: file)
            #expect(baseline.entries.map(\.fingerprint) == written.result.findings.map(\.fingerprint))

            // Same estate: nothing new, exit 0, everything baselined.
            let same = try Self.run([Self.broken], adoption: AdoptionOptions(baselinePath: file))
            #expect(same.result.findings.isEmpty && same.status == .clean)
            #expect(same.result.baselined.count == written.result.findings.count)
            #expect(same.result.staleBaseline == [])

            // A baseline without VPCE002: that finding is new again and fails the run.
            var partial = baseline
            partial.entries.removeAll { $0.ruleID == "VPCE002" }
            try AtomicFile.write(partial.serialized(), to: file)
            let new = try Self.run([Self.broken], adoption: AdoptionOptions(baselinePath: file))
            #expect(new.result.findings.map(\.ruleID) == ["VPCE002"] && new.status == .findings)

            // The fixed estate: every entry is stale, reported, and the run passes.
            let fixed = try Self.run([Self.fixture("hub-spoke-ok")], adoption: AdoptionOptions(baselinePath: file))
            #expect(fixed.status == .clean)
            #expect(fixed.result.staleBaseline?.count == partial.entries.count)
            let json = try Self.json(fixed)
            let stale = try #require((json["baseline"] as? [String: Any])?["stale"] as? [[String: Any]])
            #expect(stale.count == partial.entries.count)
            #expect((json["summary"] as? [String: Any])?["stale_baseline"] as? Int == partial.entries.count)
        }
    }

    @Test("a malformed baseline names the place")
    func badBaseline() throws {
        try withTemporaryDirectory(["b.json": #"{"version": 1, "findings": [{"rule_id": 3}]}"#]) { directory in
            let options = AdoptionOptions(baselinePath: directory + "/b.json")
            #expect {
                _ = try Self.run([Self.broken], adoption: options)
            } throws: { error in
                (error as? CheckError)?.description.contains("b.json:1:41: findings[0].rule_id: expected a string")
                    == true
            }
        }
    }

    @Test("--new-only: a plan that lets dev in but locks stg out reports stg, and lists dev as fixed")
    func newOnly() throws {
        let inputs = ["dev.show.json", "stg.show.json", "prd.show.json", "shared.plan.json"].map {
            Self.fixture("plan-diff/" + $0)
        }
        let full = try Self.run(inputs)
        #expect(full.result.findings.contains { $0.ruleID == "VPCE005" && $0.subject == "10.3.0.0/16" })
        let outcome = try Self.run(inputs, adoption: AdoptionOptions(newOnly: true))
        let group = "VPCE005|shared|module.hub.aws_security_group.endpoints|"
        #expect(outcome.result.findings.map(\.fingerprint) == [group + "10.3.0.0/16"])
        #expect(outcome.result.fixedByPlan?.map(\.fingerprint) == [group + "10.2.0.0/16"])
        #expect(outcome.status == .findings)
        let json = try Self.json(outcome)
        #expect((json["fixed_by_plan"] as? [[String: Any]])?.count == 1)
    }

    @Test("--new-only needs a plan")
    func newOnlyNeedsPlan() throws {
        #expect(throws: CheckError.self) { try Self.run([Self.broken], adoption: AdoptionOptions(newOnly: true)) }
    }

    @Test("examples/vpcelint.yml is valid and runs")
    func example() throws {
        var options = CheckOptions(paths: [Self.broken], format: .json)
        options.shared.configPath = Repository.path("examples/vpcelint.yml")
        let outcome = try Self.pipeline().check(options)
        #expect(outcome.result.pricing.currency == "JPY")
        #expect(outcome.result.suppressed.map(\.finding.ruleID).sorted() == ["VPCE001", "VPCE004"])
    }

    @Test("the JSON report with suppressed, baseline and fixed_by_plan is valid against schemas/report.schema.json")
    func schema() throws {
        try withTemporaryDirectory { directory in
            let baseline = directory + "/baseline.json"
            _ = try Self.run([Self.broken], adoption: AdoptionOptions(writeBaselinePath: baseline))
            let inputs = ["dev.show.json", "stg.show.json", "prd.show.json", "shared.plan.json"].map {
                Self.fixture("plan-diff/" + $0)
            }
            let outcome = try Self.run(
                inputs, config: "ignore:\n  - {rule: VPCE001, address: '*', reason: test, until: 2099-01-01}\n",
                adoption: AdoptionOptions(showSuppressed: true, baselinePath: baseline, newOnly: true))
            let json = try Self.json(outcome)
            #expect(json["suppressed"] != nil && json["baseline"] != nil && json["fixed_by_plan"] != nil)
            let suppressing = try Self.run(
                [Self.broken], config: "ignore:\n  - {rule: VPCE001, address: '*', reason: test, until: 2099-01-01}\n",
                adoption: AdoptionOptions(showSuppressed: true))
            #expect(suppressing.result.suppressed.count == 1)
            for (index, report) in [outcome.report, suppressing.report].enumerated() {
                let file = directory + "/report\(index).json"
                try report.write(toFile: file, atomically: false, encoding: .utf8)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", Repository.path("scripts/validate_report.py"), "json", file]
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "report \(index) is not valid against the schema")
            }
        }
    }
}
