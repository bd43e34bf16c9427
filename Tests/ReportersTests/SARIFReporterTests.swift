import Foundation
import LintCore
import NetworkModel
import Reporters
import Testing

@Suite("SARIF reporter")
struct SARIFReporterTests {
    private func run(_ result: LintResult = Canned.result) throws -> [String: Any] {
        let log = try Support.json(SARIFReporter.report(result))
        let runs = try #require(log["runs"] as? [[String: Any]])
        return try #require(runs.first)
    }

    @Test("valid against the OASIS SARIF 2.1.0 schema")
    func schema() throws {
        let error = try Support.validationError("sarif", SARIFReporter.report(Canned.result), fileExtension: "sarif")
        #expect(error == nil, "\(error ?? "")")
    }

    @Test("rules: id, name, descriptions, help, helpUri to Rules/<name>.md, default level")
    func rules() throws {
        let driver = try #require((try run()["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "vpcelint")
        #expect(driver["informationUri"] as? String == ReportLinks.project)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["VPCE001", "VPCE002", "VPCE099"])
        let first = rules[0]
        #expect(first["name"] as? String == "duplicate-interface-endpoint")
        #expect(first["helpUri"] as? String == ReportLinks.ruleDocumentBase + "duplicate-interface-endpoint.md")
        #expect((first["defaultConfiguration"] as? [String: String])?["level"] == "warning")
        let help = try #require(first["help"] as? [String: String])
        #expect(help["markdown"]?.hasPrefix("# duplicate-interface-endpoint (VPCE001)") == true)
        #expect(help["text"]?.isEmpty == false)
        #expect((first["shortDescription"] as? [String: String])?["text"]?.isEmpty == false)
        #expect((first["fullDescription"] as? [String: String])?["text"]?.isEmpty == false)
    }

    @Test("results: ruleIndex points at the rule, location, address, environment, fingerprint")
    func results() throws {
        let run = try run()
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] })
        let ids = try #require(rules["rules"] as? [[String: Any]]).map { $0["id"] as? String }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Canned.findings.count + Canned.unknowns.count)
        for (result, finding) in zip(results, Canned.findings + Canned.unknowns) {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == result["ruleId"] as? String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: String])?["uri"] == finding.location.path)
            #expect(((physical["region"] as? [String: Int])?["startLine"] ?? 1) >= 1)
            let logical = try #require((location["logicalLocations"] as? [[String: String]])?.first)
            #expect(logical["fullyQualifiedName"] == finding.location.address)
            #expect(logical["kind"] == "resource")
            #expect((result["properties"] as? [String: Any])?["environment"] as? String == finding.location.environment)
            #expect(
                (result["partialFingerprints"] as? [String: String])?["vpcelintFingerprint/v1"] == finding.fingerprint)
        }
    }

    @Test("levels follow severity; unknown checks are kind review with level none (SARIF 3.27.9)")
    func levels() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["warning", "error", "note", "none"])
        #expect(results.map { $0["kind"] as? String } == ["fail", "fail", "fail", "review"])
        #expect((results[3]["properties"] as? [String: Any])?["status"] as? String == "unknown")
    }

    @Test("paths become URI references: ./ dropped, spaces encoded, absolute paths as file URIs")
    func uris() throws {
        var result = Canned.result
        result.findings = [
            Finding(
                ruleID: "VPCE002", ruleName: "missing-reverse-route", severity: .error,
                location: Origin(environment: "a", path: "./my states/a:b.json", address: "x"), message: "m",
                remediation: "r"),
            Finding(
                ruleID: "VPCE002", ruleName: "missing-reverse-route", severity: .error,
                location: Origin(environment: "b", path: "/srv/b.json", address: "y"), message: "m", remediation: "r"),
        ]
        result.unknowns = []
        let uris = try #require(try run(result)["results"] as? [[String: Any]]).map { result in
            ((((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: String])?["uri"])
        }
        #expect(uris == ["my%20states/a%3Ab.json", "file:///srv/b.json"])
        #expect(try Support.validationError("sarif", SARIFReporter.report(result), fileExtension: "sarif") == nil)
    }

    /// The canned result with one finding suppressed by a tag, one by the configuration file, and one known
    /// to a baseline; `listed` is `--show-suppressed`.
    static func adopted(listed: Bool) -> LintResult {
        var result = Canned.result
        let findings = Canned.findings
        result.findings = [findings[2]]
        result.suppressed = [
            SuppressedFinding(
                finding: findings[0], reason: "the shared hub takes it over in Q1", source: "tag vpcelint:ignore"),
            SuppressedFinding(
                finding: findings[1], reason: "migration window", source: "config .vpcelint.yml:7", until: "2027-01-31"),
        ]
        result.baselined = [findings[1]]
        result.staleBaseline = []
        result.listsSuppressed = listed
        return result
    }

    @Test("suppressed and baselined findings are counted; unlisted, they are not results")
    func suppressedAreCounted() throws {
        let run = try run(Self.adopted(listed: false))
        let properties = try #require(run["properties"] as? [String: Any])
        #expect(properties["suppressed"] as? Int == 2)
        #expect(properties["baselined"] as? Int == 1)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1 + Canned.unknowns.count)
        #expect(results.allSatisfy { $0["suppressions"] == nil && $0["baselineState"] as? String == "new" })
    }

    @Test("with --show-suppressed: results with suppressions (inSource tag, external config and baseline)")
    func suppressedAreListed() throws {
        let report = SARIFReporter.report(Self.adopted(listed: true))
        let error = try Support.validationError("sarif", report, fileExtension: "sarif")
        #expect(error == nil, "\(error ?? "")")
        let runs = try #require(try Support.json(report)["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.count == 1 + Canned.unknowns.count + 2 + 1)
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 3)
        let suppressions = suppressed.compactMap { ($0["suppressions"] as? [[String: Any]])?.first }
        #expect(suppressions.map { $0["kind"] as? String } == ["inSource", "external", "external"])
        #expect(suppressions.allSatisfy { $0["status"] as? String == "accepted" })
        #expect(
            suppressions.map { $0["justification"] as? String } == [
                "the shared hub takes it over in Q1", "migration window", "listed in the baseline (--baseline)",
            ])
        #expect((suppressions[1]["properties"] as? [String: String])?["until"] == "2027-01-31")
        #expect(suppressed.map { $0["baselineState"] as? String } == ["new", "new", "unchanged"])
        let fingerprints = suppressed.compactMap { ($0["partialFingerprints"] as? [String: String])?.values.first }
        #expect(
            fingerprints == [
                Canned.findings[0].fingerprint, Canned.findings[1].fingerprint, Canned.findings[1].fingerprint,
            ])
    }
}
