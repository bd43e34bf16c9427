import BuiltInRules
import Foundation
import LintCore
import NetworkModel
import TerraformShow
import TestSupport
import Testing

/// Whole scenarios made by real Terraform against moto (fixtures/generate.sh), all rules, savings included.
@Suite struct ScenarioTests {
    /// Every scenario with generated JSON has an expected/findings.json, and the full run equals it.
    @Test(arguments: Scenario.names)
    func fullRunEqualsExpected(scenario: String) throws {
        let model = try Scenario.model(scenario)
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing()))
        let (findings, unknowns) = linter.run(model)
        let actual = try ExpectedFindings.render(
            scenario, findings: findings, unknowns: unknowns, endpointCost: linter.endpointCost(model))
        let url = ExpectedFindings.url(scenario)
        if ProcessInfo.processInfo.environment["VPCELINT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: false, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "fixtures/\(scenario)/expected/findings.json differs from the run")
    }

    /// The CLI keeps values only for the network types the model reads (`LoadOptions.awsNetwork`): on every
    /// scenario that must change nothing, so the keep-list and the model can never disagree.
    @Test(arguments: Scenario.names)
    func networkOnlyLoadingChangesNoFinding(scenario: String) throws {
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing()))
        func keys(_ model: NetworkModel) -> [String] {
            let (findings, unknowns) = linter.run(model)
            return (findings + unknowns).map { "\($0.fingerprint) \($0.status) \($0.message)" }
        }
        #expect(keys(try Scenario.model(scenario, options: .awsNetwork)) == keys(try Scenario.model(scenario)))
    }

    /// A large input's resources are read in segments on all cores, the segments' builders joined in input
    /// order: with segments of 1, 2 and 5 resources (one document cut in many, several documents in one) the
    /// model holds as many elements in every list as when read in turn (a list the join forgot would be short),
    /// its topology is the same, and so is every finding.
    @Test(arguments: Scenario.names)
    func readingInSegmentsBuildsTheSameModel(scenario: String) throws {
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing()))
        func counts(_ model: NetworkModel) -> [String] {
            Mirror(reflecting: model).children.compactMap { child in
                (child.value as? any Collection).map { "\(child.label ?? "?") \($0.count)" }
            }
        }
        func shape(_ model: NetworkModel) -> [String] {
            model.topology.hubs.map { hub in
                "\(hub.vpc.key): " + hub.spokes.map { "\($0.vpc.key) \($0.links.count)" }.joined(separator: ", ")
            }
        }
        func keys(_ model: NetworkModel) -> [String] {
            let (findings, unknowns) = linter.run(model)
            return (findings + unknowns).map { "\($0.fingerprint) \($0.status) \($0.message)" }
        }
        let whole = try Scenario.model(scenario)
        #expect(counts(whole).contains { $0.hasPrefix("vpcs ") })
        for size in [1, 2, 5] {
            let segmented = try Scenario.model(scenario, segmentSize: size)
            #expect(counts(segmented) == counts(whole), "segments of \(size)")
            #expect(segmented.inputs.map(\.path) == whole.inputs.map(\.path), "segments of \(size)")
            #expect(shape(segmented) == shape(whole), "segments of \(size)")
            #expect(keys(segmented) == keys(whole), "segments of \(size)")
        }
    }

    @Test func threeSpokesDuplicateEveryServiceAndSaveTwoThirds() throws {
        let pricing = Pricing(hoursPerMonth: 720, currency: "JPY", exchangeRate: 150)
        let (findings, unknowns) = try Scenario.run("three-spokes", pricing: pricing)
        #expect(unknowns.isEmpty)
        #expect(findings.allSatisfy { $0.ruleID == "VPCE001" })
        let services = ["ec2messages", "ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "ssmmessages"]
        // One copy per service is kept; the other two environments' copies are reported.
        #expect(Set(findings.map(\.subject)) == Set(services))
        for service in services { #expect(findings.filter { $0.subject == service }.count == 2) }
        let model = try Scenario.model("three-spokes")
        let linter = Linter(rules: [], context: RuleContext(pricing: pricing))
        let cost = linter.endpointCost(model).values.reduce(0, +) * pricing.exchangeRate
        let savings = findings.compactMap(\.savings?.usd).reduce(0, +) * pricing.exchangeRate
        // 3 environments x 8 single-AZ endpoints x 0.014 USD/h x 720 h x 150 JPY/USD.
        #expect(abs(cost - 36_288) < 0.01)
        #expect(abs(savings - 24_192) < 0.01)
    }

    @Test(arguments: ["hub-spoke-ok", "hub-module-foreach", "near-misses"])
    func correctDesignsHaveNoFinding(scenario: String) throws {
        try #require(Scenario.names.contains(scenario), "fixtures/\(scenario) has no generated JSON")
        let model = try Scenario.model(scenario)
        #expect(!model.hubs.isEmpty, "the scenario must have a hub for this test to mean anything")
        let (findings, unknowns) = try Scenario.run(scenario)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(unknowns.isEmpty, "\(unknowns.map(\.message))")
    }

    /// The broken scenario's deliberate defects (fixtures/README.md), one per rule, plus the conflict that
    /// the stg duplicate causes as well.
    static let brokenDefects: Set<String> = [
        "VPCE001 stg logs",
        "VPCE002 shared 10.4.0.0/16",
        "VPCE003 shared private-dns-on",
        "VPCE003 stg conflict:logs.ap-northeast-1.amazonaws.com",
        "VPCE004 shared wildcard",
        "VPCE005 shared 10.2.0.0/16",
    ]

    @Test func brokenHubHasExactlyItsDefects() throws {
        let (findings, unknowns) = try Scenario.run("hub-spoke-broken")
        #expect(unknowns.isEmpty)
        #expect(Set(findings.map { "\($0.ruleID) \($0.location.environment) \($0.subject)" }) == Self.brokenDefects)
        #expect(findings.count == Self.brokenDefects.count)
    }

    /// The same broken design planned from scratch in one root: every defect the state shows is found
    /// again, as a violation where the plan decides it, or as an unknown where a value stays unknown
    /// (`each.value` lookups carry no reference Terraform can write); the plan adds no violation of its own.
    @Test func brokenHubAsAPlanWithUnknownIDsFindsTheSameDefects() throws {
        try #require(Scenario.names.contains("hub-spoke-broken-plan"))
        let state = try Scenario.run("hub-spoke-broken").findings
        let (plan, unknowns) = try Scenario.run("hub-spoke-broken-plan")
        func key(_ finding: Finding) -> String {
            "\(finding.ruleID) \(finding.subject) \(Self.withoutModules(finding.location.address))"
        }
        let stateKeys = Set(state.filter { $0.ruleID <= "VPCE005" }.map(key))
        let planKeys = Set(plan.filter { $0.ruleID <= "VPCE005" }.map(key))
        let unknownKeys = Set(unknowns.map(key))
        #expect(planKeys.isSubset(of: stateKeys), "violations only the plan has: \(planKeys.subtracting(stateKeys))")
        #expect(
            stateKeys.isSubset(of: planKeys.union(unknownKeys)),
            "defects the plan misses: \(stateKeys.subtracting(planKeys.union(unknownKeys)))")
        // The defects whose deciding values are constants in the plan are violations, not unknowns.
        for decided in [
            "VPCE002 10.4.0.0/16", "VPCE003 private-dns-on", "VPCE004 wildcard", "VPCE005 10.2.0.0/16", "VPCE001 logs",
        ] {
            #expect(plan.contains { key($0).hasPrefix(decided) }, "\(decided) should be decided by the plan")
        }
        // Every unknown names the attribute it could not resolve.
        #expect(unknowns.allSatisfy { $0.message.contains("unknown") })
    }

    /// `module.a["x.y"].module.b.aws_vpc.this` -> `aws_vpc.this`.
    static func withoutModules(_ address: String) -> String {
        var rest = Substring(address)
        while rest.hasPrefix("module.") {
            rest = rest.dropFirst("module.".count)
            var depth = 0
            while let first = rest.first {
                rest = rest.dropFirst()
                if first == "[" {
                    depth += 1
                } else if first == "]" {
                    depth -= 1
                } else if first == ".", depth == 0 {
                    break
                }
            }
        }
        return String(rest)
    }
}

/// The broken design as one plan (every ID unknown) against the same design applied (issue 13 §2): the plan's
/// `configuration` references, `for_each` expressions and instance keys link what the IDs do not, so the plan
/// decides every check the applied state decides, with the same verdicts and no unknown.
@Suite struct PlanWithoutGapsTests {
    /// `hub-spoke-broken-plan`: the whole design as one plan; `hub-spoke-broken-hub-plan`: the hub planned after
    /// the spokes were applied (its route tables, endpoints and zones all new, their IDs unknown).
    @Test(arguments: ["hub-spoke-broken-plan", "hub-spoke-broken-hub-plan"])
    func theBrokenPlanFindsWhatItsAppliedStateFinds(scenario: String) throws {
        let planned = try Scenario.run(scenario)
        let applied = try Scenario.run("hub-spoke-broken")
        #expect(planned.unknowns.isEmpty, "\(planned.unknowns.map(\.message))")
        let verdicts = { (findings: [Finding]) in findings.map { "\($0.ruleID) \($0.subject)" }.sorted() }
        #expect(verdicts(planned.findings) == verdicts(applied.findings))
    }
}

/// Each finding where the change goes (issue 13 §5).
@Suite struct FindingAtTheFixTests {
    @Test func anEndpointSetTheHubServesInPartIsReportedOnceAtTheHub() throws {
        let (findings, _) = try Scenario.run("hub-spoke-more-broken")
        let sets = findings.filter { $0.ruleID == "VPCE011" }
        #expect(sets.count == 1)
        let finding = try #require(sets.first)
        #expect(finding.location.environment == "shared")
        #expect(finding.location.address == "module.hub.aws_vpc.this")
        #expect(Set(finding.related.map(\.environment)) == ["dev", "stg", "prd", "qa", "sbx"])
        #expect(finding.remediation.contains("`ec2messages`"))
    }
}

/// The report's topology stays linear in the VPCs: paths between two spokes of one transit gateway are
/// counted, not listed, and every other link is listed once: under its spoke, or else in `links`.
@Suite struct TopologySizeTests {
    @Test func spokeToSpokePathsAreCountedNotListedAndEachLinkIsListedOnce() throws {
        for scenario in ["hub-spoke-tgw", "hub-spoke-ok"] {
            let model = try Scenario.model(scenario)
            let summary = TopologySummary(model)
            let hubs = Set(model.hubs.map(\.vpc.key))
            #expect(!hubs.isEmpty)
            let underSpokes = summary.hubs.flatMap { $0.spokes.flatMap(\.links) }
            #expect(!underSpokes.isEmpty)
            let listed = summary.links + underSpokes
            // A link may stand for several zones of one pair: it counts once per zone.
            let zones = listed.reduce(0) { $0 + $1.ids.count }
            #expect(zones + summary.spokeToSpokePaths == model.topology.links.count, "\(scenario)")
            let keys = listed.flatMap { link in link.ids.map { [link.kind, $0] + link.ends.sorted() } }
            #expect(Set(keys).count == keys.count, "\(scenario): a link is listed twice")
            for link in summary.links where link.isPath {
                #expect(link.ends.contains { hubs.contains($0) }, "\(link.ends)")
            }
        }
    }

    @Test func theZonesOfOneSpokeAreOneLinkWithEveryZoneID() throws {
        let model = try Scenario.model("hub-spoke-ok")
        let summary = TopologySummary(model)
        let zoneLinks = model.topology.links.filter { $0.kind == .privateZone }
        let spokes = try #require(summary.hubs.first?.spokes)
        #expect(spokes.count >= 2)
        for spoke in spokes {
            let merged = spoke.links.filter { $0.kind == "private-zone" }
            #expect(merged.count == 1, "\(spoke.vpc.name): \(merged.map(\.ids))")
            let expected = zoneLinks.filter { $0.vpcKey == spoke.vpc.id || $0.peerKey == spoke.vpc.id }.map(\.key)
            #expect(merged.first?.ids == expected)
            #expect(merged.first?.id == expected.first)
            #expect((merged.first?.resources.count ?? 0) <= 5)
            #expect(merged.first?.resourcesTotal ?? 0 >= expected.count)
        }
    }
}

/// The attribute lists (``LoadOptions/awsNetwork``) on designs the fixtures did not make: every public `show
/// -json` file of the corpus gives the same findings and unknowns with the lists as with every attribute.
@Suite struct CorpusAttributeListTests {
    static var files: [String] {
        let root = Repository.publicCorpus
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }.map(\.path).sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.files.count >= 40)
    }

    @Test(arguments: files)
    func sameFindingsWithTheAttributeLists(_ path: String) throws {
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing()))
        func keys(_ options: LoadOptions) throws -> [String] {
            let document = try DocumentLoader.load(path: path, options: options)
            let model = NetworkModel(documents: [(environment: "corpus", document: document)])
            let (findings, unknowns) = linter.run(model)
            return (findings + unknowns).map { "\($0.fingerprint) \($0.status) \($0.message)" }
        }
        guard let full = try? keys(LoadOptions()) else {
            // Not a document the loader takes (the corpus holds a few on purpose): refused alike.
            #expect(throws: (any Error).self) { try keys(.awsNetwork) }
            return
        }
        #expect(try keys(.awsNetwork) == full)
    }
}
