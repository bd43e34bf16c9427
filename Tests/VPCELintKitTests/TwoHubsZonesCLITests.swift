import Foundation
import TestSupport
import Testing

/// The built binary on two unrelated hubs in one Region: hub-spoke-broken (files `peer-ENV.show.json`) and
/// hub-spoke-tgw-broken (`tgw-ENV.show.json`), both in ap-northeast-1 as Terraform wrote them. Both hubs have
/// private hosted zones named after the same services; a spoke's DNS verdict reads only the zones associated
/// with it and, for the fix, its own hub's zones, never the other hub's.
@Suite("vpcelint binary: two hubs in one Region keep their own zones", .serialized)
struct TwoHubsZonesCLITests {
    private static let scenarios = [("peer", "hub-spoke-broken"), ("tgw", "hub-spoke-tgw-broken")]

    /// Each scenario's files in its own folder (`peer/`, `tgw/`) of one temporary directory.
    private static func twoHubs(_ body: (String) throws -> Void) throws {
        var files = [String: String]()
        for (prefix, scenario) in scenarios {
            let directory = Repository.path("fixtures/" + scenario)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".json") {
                files["\(prefix)/\(prefix)-\(name)"] = try String(
                    contentsOfFile: directory + "/" + name, encoding: .utf8)
            }
        }
        try withTemporaryDirectory(files, body)
    }

    private struct Finding: Hashable, Comparable, CustomStringConvertible {
        var rule, address, environment: String
        /// The environments of the finding and of every resource it names.
        var environments: Set<String>
        var message: String

        var key: [String] { [rule, address, environment] }
        var description: String { key.joined(separator: " ") }

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.key.lexicographicallyPrecedes(rhs.key) }
    }

    /// The findings and unknowns of a check's JSON report.
    private static func check(_ paths: [String]) throws -> [Finding] {
        let run = try Binary.run(["check", "--format", "json"] + paths)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var result = [Finding]()
        for key in ["findings", "unknowns"] {
            for item in try #require(report[key] as? [[String: Any]]) {
                let environment = item["environment"] as? String ?? ""
                let related = (item["related"] as? [[String: Any]] ?? []).compactMap { $0["environment"] as? String }
                result.append(
                    Finding(
                        rule: item["rule_id"] as? String ?? "", address: item["address"] as? String ?? "",
                        environment: environment, environments: Set([environment] + related),
                        message: item["message"] as? String ?? ""))
            }
        }
        return result.sorted()
    }

    @Test("each hub's findings are those of its scenario alone; none names the other hub's zone")
    func eachHubAsAlone() throws {
        try Self.twoHubs { directory in
            let whole = try Self.check([directory + "/peer", directory + "/tgw"])
            for (prefix, _) in Self.scenarios {
                let alone = try Self.check([directory + "/" + prefix])
                #expect(!alone.isEmpty, "\(prefix) has planted defects")
                let own = whole.filter { $0.environment.hasPrefix(prefix + "-") }
                #expect(own.map(\.key) == alone.map(\.key), "\(prefix): with the other hub \(own), alone \(alone)")
            }
            // No finding joins the two hubs' resources: a zone of one hub proposed for the other's spokes.
            for finding in whole {
                let prefixes = Set(finding.environments.map { $0.prefix { $0 != "-" } })
                #expect(prefixes.count == 1, "\(finding) names both hubs: \(finding.message)")
            }
            // Hub A's ssm endpoint keeps private DNS on and A has no ssm zone: VPCE003, not B's zone (VPCE007).
            let ssm = #"module.hub.aws_vpc_endpoint.interface["ssm"]"#
            #expect(whole.contains { $0.key == ["VPCE003", ssm, "peer-shared"] })
            #expect(!whole.contains { $0.rule == "VPCE007" && $0.environment.hasPrefix("tgw-") })
        }
    }

    @Test("trace from a spoke of one hub names its own hub's endpoint, not the other hub's zone")
    func traceAgrees() throws {
        try Self.twoHubs { directory in
            let run = try Binary.run([
                "trace", "--from", "peer-dev", "--service", "ssm", directory + "/peer", directory + "/tgw",
            ])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.contains(#"private DNS of endpoint `module.hub.aws_vpc_endpoint.interface["ssm"]`"#))
            #expect(run.stdout.contains("at peer-shared:"))
            #expect(!run.stdout.contains("tgw-"), "\(run.stdout)")
        }
    }

    @Test("a spoke of a hub outside the inputs is not told to associate the other hub's zone: unknown")
    func outsideHubSpoke() throws {
        try Self.twoHubs { directory in
            // hub-spoke-broken's dev spoke without its hub's input, beside the whole tgw scenario.
            let run = try Binary.run([
                "trace", "--from", "peer-dev", "--service", "ssm", directory + "/peer/peer-dev.show.json",
                directory + "/tgw",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("UNKNOWN dns"), "\(run.stdout)")
            #expect(run.stdout.contains("which is outside the inputs"))
            #expect(!run.stdout.contains("tgw-"), "\(run.stdout)")
        }
    }
}
