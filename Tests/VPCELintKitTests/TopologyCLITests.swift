import Foundation
import TestSupport
import Testing

/// Topology from evidence, one view per resource and empty inputs, through the built binary on copies of
/// committed fixture JSON in a temporary directory (removed after each test).
@Suite("vpcelint topology and inputs", .serialized)
struct TopologyCLITests {
    /// A temporary directory holding copies of fixture files, `name in the directory: fixture path`.
    private static func copies(_ files: [String: String]) throws -> String {
        let directory = try makeTemporaryDirectory()
        for (name, fixture) in files {
            try FileManager.default.copyItem(
                atPath: Repository.root.appendingPathComponent("fixtures/\(fixture)").path,
                toPath: directory + "/" + name)
        }
        return directory
    }

    /// The four files of `scenario` as `ENV.json` texts, those of `moved` with their Region (ap-northeast-1)
    /// replaced by `region`.
    private static func moved(_ scenario: String, _ moved: Set<String>, to region: String) throws -> [String: String] {
        var files = [String: String]()
        for env in ["shared", "dev", "stg", "prd"] {
            let text = try String(
                contentsOfFile: Repository.root.appendingPathComponent("fixtures/\(scenario)/\(env).show.json").path,
                encoding: .utf8)
            files["\(env).json"] =
                moved.contains(env) ? text.replacingOccurrences(of: "ap-northeast-1", with: region) : text
        }
        return files
    }

    private static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("spoke files alone: the hub is outside the inputs, its checks unknown, no 443 or route violation")
    func partialView() throws {
        let directory = try Self.copies([
            "dev.json": "hub-spoke-broken/dev.show.json", "stg.json": "hub-spoke-broken/stg.show.json",
            "prd.json": "hub-spoke-broken/prd.show.json",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try Binary.run(
            ["check", "--format", "json", "--output", "text=report.txt", "dev.json", "stg.json", "prd.json"],
            in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.contains { ["VPCE002", "VPCE005", "VPCE006"].contains($0["rule_id"] as? String) })
        let topology = try #require(report["topology"] as? [String: Any])
        #expect((topology["hubs"] as? [Any])?.isEmpty == true)
        let outside = try #require((topology["hubs_outside_inputs"] as? [[String: Any]])?.first)
        let hub = try #require(outside["vpc"] as? [String: Any])
        let hubID = try #require(hub["id"] as? String)
        #expect(hubID.hasPrefix("vpc-"))
        #expect(hub["in_inputs"] as? Bool == false)
        #expect((outside["spokes"] as? [Any])?.count == 3)
        // Every check that needs the hub is an unknown at the spoke VPC, naming the missing hub VPC id.
        let unknowns = try #require(report["unknowns"] as? [[String: Any]])
        for rule in ["VPCE002", "VPCE005", "VPCE006", "VPCE007"] {
            let mine = unknowns.filter { $0["rule_id"] as? String == rule }
            #expect(mine.count == 3, "\(rule)")
            #expect(mine.allSatisfy { $0["address"] as? String == "module.spoke.aws_vpc.this" })
            #expect(mine.allSatisfy { ($0["message"] as? String)?.contains(hubID) == true })
        }
        #expect((report["notices"] as? [String])?.contains { $0.contains("\(hubID) is outside the inputs") } == true)
        let text = try String(contentsOfFile: directory + "/report.txt", encoding: .utf8)
        #expect(text.contains("hub outside the inputs: VPC \(hubID) 10.255.0.0/16"))
        try Data(run.stdout.utf8).write(to: URL(fileURLWithPath: directory + "/r.json"))
        #expect(try schemaError("json", directory + "/r.json") == nil)
    }

    /// A spoke reads the network account's gateway as a data source: its route tables are with its owner, so
    /// spokes' pairs are neither routed nor not routed. Before, each pair of spokes was a `not-routed` link:
    /// 2,000 spoke states without the hub's gave 2 million links, 80 s and a 1.3 GB report.
    @Test("transit gateway spoke files alone: the hub behind the gateway is outside, spoke pairs counted, not failed")
    func transitGatewaySpokesAlone() throws {
        let directory = try Self.copies([
            "dev.json": "hub-spoke-tgw/dev.show.json", "stg.json": "hub-spoke-tgw/stg.show.json",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try Binary.run(["check", "--format", "json", "dev.json", "stg.json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let topology = try #require(report["topology"] as? [String: Any])
        #expect((topology["links"] as? [Any])?.isEmpty == true, "\(topology["links"] ?? "")")
        #expect(topology["spoke_to_spoke_paths"] as? Int == 1)
        let outside = try #require((topology["hubs_outside_inputs"] as? [[String: Any]])?.first)
        #expect(outside["identified_by"] as? String == "transit-gateway")
        let spokes = try #require(outside["spokes"] as? [[String: Any]])
        #expect(spokes.count == 2)
        for spoke in spokes {
            let links = try #require(spoke["links"] as? [[String: Any]])
            #expect(links.map { $0["state"] as? String } == ["routes-outside-inputs"])
        }
        #expect((report["findings"] as? [Any])?.isEmpty == true)
        #expect((report["unknowns"] as? [Any])?.isEmpty == false)
    }

    @Test("the hub's file without a spoke's: the spoke seen only through data sources is said, with all files not")
    func spokeOnlyThroughDataSources() throws {
        let directory = try Self.copies([
            "shared.json": "hub-spoke-ok/shared.show.json", "stg.json": "hub-spoke-ok/stg.show.json",
            "prd.json": "hub-spoke-ok/prd.show.json", "dev.json": "hub-spoke-ok/dev.show.json",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func notices(_ files: [String]) throws -> [String] {
            let run = try Binary.run(["check", "--format", "json"] + files, in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            return try Self.json(run.stdout)["notices"] as? [String] ?? []
        }
        let partial = try notices(["shared.json", "stg.json", "prd.json"])
        #expect(
            partial.contains {
                $0.hasPrefix("hub shared vpc-")
                    && $0.contains("1 spoke(s) are in the inputs only as data sources (dev-vpc vpc-")
            }, "\(partial)")
        let whole = try notices(["shared.json", "stg.json", "prd.json", "dev.json"])
        #expect(!whole.contains { $0.contains("only as data sources") }, "\(whole)")
    }

    @Test("a state and a plan of one root count the hub once; the report says which file was used")
    func stateAndPlanOfOneRoot() throws {
        let directory = try Self.copies([
            "shared.json": "hub-spoke-broken/shared.show.json", "shared.plan.json": "plan-diff/shared.plan.json",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try Binary.run(["check", "--format", "json", "--fail-on", "never", directory], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let summary = try #require(report["summary"] as? [String: Any])
        // 6 hub endpoints x 2 AZs x 0.014 USD/h x 730 h; both files together counted it twice (245.28).
        #expect(summary["monthly_endpoint_cost_usd"] as? Double == 122.64)
        let inputs = try #require(report["inputs"] as? [[String: Any]])
        let state = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("/shared.json") == true })
        #expect(state["superseded_resources"] as? Int == state["resources"] as? Int)
        #expect((state["superseded_by"] as? [String])?.first?.hasSuffix("/shared.plan.json") == true)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { ($0["path"] as? String)?.hasSuffix("shared.plan.json") == true })
        let topology = try #require(report["topology"] as? [String: Any])
        #expect((topology["hubs"] as? [Any])?.count == 1)
    }

    @Test("two states of one environment giving one address different IDs: exit 2 naming both; --env parts them")
    func conflictingStates() throws {
        let directory = try Self.copies([
            "shared.json": "hub-spoke-broken/shared.show.json", "shared.network.json": "hub-spoke-ok/shared.show.json",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try Binary.run(["check", "shared.json", "shared.network.json"], in: directory)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("shared.json, shared.network.json: both hold `"))
        #expect(run.stderr.contains("of environment shared with different IDs"))
        let parted = try Binary.run(
            ["check", "--fail-on", "never", "--env", "ok=shared.network.json", "shared.json", "shared.network.json"],
            in: directory)
        #expect(parted.status == 0, "\(parted.stderr)")
    }

    @Test("no VPC in any input, or a plan with no resources: a notice, and exit 1 with --fail-on-empty")
    func emptyInputs() throws {
        let directory = try makeTemporaryDirectory([
            "empty.plan.json": #"{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{}}"#
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let quiet = try Binary.run(["check", "--format", "json", "empty.plan.json"], in: directory)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        let report = try Self.json(quiet.stdout)
        #expect((report["summary"] as? [String: Any])?["empty_input"] as? Bool == true)
        #expect(
            report["notices"] as? [String] == [
                "empty.plan.json: the plan holds no resources",
                "no VPC in any input: no hub, spoke or endpoint was checked",
            ])
        let failing = try Binary.run(["check", "--fail-on-empty", "empty.plan.json"], in: directory)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("notice: empty.plan.json: the plan holds no resources"))
        #expect(failing.stderr.contains("--fail-on-empty: empty.plan.json: the plan holds no resources"))
        let fixture = Repository.root.appendingPathComponent("fixtures/hub-spoke-ok").path
        #expect(try Binary.run(["check", "--fail-on-empty", fixture]).status == 0)
    }

    @Test("a selected hub nothing links to is said, in the topology and a notice")
    func selectedHubWithoutSpokes() throws {
        let fixture = Repository.root.appendingPathComponent("fixtures/three-spokes").path
        let run = try Binary.run(["check", "--format", "json", "--fail-on", "never", "--hub", "dev", fixture])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let hub = try #require(((report["topology"] as? [String: Any])?["hubs"] as? [[String: Any]])?.first)
        #expect(hub["selected"] as? Bool == true)
        #expect((hub["spokes"] as? [Any])?.isEmpty == true)
        #expect(
            (report["notices"] as? [String])?.contains { $0.contains("selected by --hub: nothing in the inputs links") }
                == true)
    }

    @Test("endpoints in a Region the price table lacks: a notice says so, with a `region:` fallback it does not")
    func unpricedRegion() throws {
        // The broken hub and spokes, moved to eu-west-2 (no row in Rules/data/prices.json).
        var files = try Self.moved("hub-spoke-broken", ["shared", "dev", "stg", "prd"], to: "eu-west-2")
        files["priced/.vpcelint.yml"] = "region: eu-west-1\n"
        let directory = try makeTemporaryDirectory(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputs = ["shared.json", "dev.json", "stg.json", "prd.json"]
        let run = try Binary.run(["check", "--format", "json"] + inputs, in: directory)
        let report = try Self.json(run.stdout)
        let notices = report["notices"] as? [String] ?? []
        #expect(
            notices.contains {
                $0.hasPrefix(
                    "no interface endpoint price for eu-west-2 in Rules/data/prices.json: 7 interface endpoint(s) (in shared, stg) are counted as 0"
                )
            }, "\(notices)")
        // The duplicate's finding carries no savings: the notice is what says why.
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule_id"] as? String == "VPCE001" && $0["savings"] == nil })
        // Priced as eu-west-1 by the configuration: no notice, and savings.
        let priced = try Binary.run(
            ["check", "--format", "json", "--config", "priced/.vpcelint.yml"] + inputs, in: directory)
        let pricedReport = try Self.json(priced.stdout)
        #expect(!(pricedReport["notices"] as? [String] ?? []).contains { $0.contains("no interface endpoint price") })
        let savings = (pricedReport["summary"] as? [String: Any])?["monthly_savings_usd"] as? Double ?? 0
        #expect(savings > 0)
    }

    @Test("a spoke in another Region than its hub: a notice says the checks follow the hub's names")
    func spokeInAnotherRegion() throws {
        let files = try Self.moved("hub-spoke-ok", ["dev"], to: "eu-west-1")
        let directory = try makeTemporaryDirectory(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func notices(_ inputs: [String]) throws -> [String] {
            let run = try Binary.run(["check", "--format", "json"] + inputs, in: directory)
            return try Self.json(run.stdout)["notices"] as? [String] ?? []
        }
        let away = try notices(["shared.json", "dev.json", "stg.json", "prd.json"])
        #expect(
            away.contains {
                $0.hasPrefix("hub shared vpc-")
                    && $0.contains("is in ap-northeast-1, 1 of its spokes in another Region (dev-vpc (eu-west-1))")
            }, "\(away)")
        let home = try notices(["shared.json", "stg.json", "prd.json"])
        #expect(!home.contains { $0.contains("in another Region") }, "\(home)")
    }
}
