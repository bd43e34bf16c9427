import Foundation
import TestSupport
import Testing

/// The built binary with `--list-components` and `--component N` on two hubs built from two fixture scenarios:
/// hub-spoke-broken (peering, ap-northeast-1) and hub-spoke-tgw-broken moved to us-east-1 (its JSON with the
/// Region rewritten in a temporary directory; the fixtures stay as Terraform wrote them).
@Suite("vpcelint binary: --list-components, --component", .serialized)
struct ComponentsCLITests {
    /// The two scenarios in one directory: `peer-ENV.show.json` and `tgw-ENV.show.json`. With `sameRegion`,
    /// both stay in ap-northeast-1.
    /// With `lone`, three-spokes' dev (a VPC in no hub with its own endpoints, ap-northeast-1) too.
    private static func twoHubs(sameRegion: Bool = false, lone: Bool = false, _ body: (String) throws -> Void) throws {
        var files = [String: String]()
        var scenarios = [("peer", "hub-spoke-broken"), ("tgw", "hub-spoke-tgw-broken")]
        if lone { scenarios.append(("lone", "three-spokes")) }
        for (prefix, scenario) in scenarios {
            let directory = Repository.path("fixtures/" + scenario)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory)
            where name.hasSuffix(".json") && (prefix != "lone" || name.hasPrefix("dev.")) {
                var text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
                if prefix == "tgw" && !sameRegion {
                    text = text.replacingOccurrences(of: "ap-northeast-1", with: "us-east-1")
                        .replacingOccurrences(of: "apne1-az", with: "use1-az")
                }
                files["\(prefix)-\(name)"] = text
            }
        }
        try withTemporaryDirectory(files, body)
    }

    private struct Finding: Hashable, Comparable {
        var rule, address, environment, path, subject: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.rule, lhs.address, lhs.environment, lhs.path, lhs.subject)
                < (rhs.rule, rhs.address, rhs.environment, rhs.path, rhs.subject)
        }
    }

    private static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The findings (or unknowns) of a JSON report, by rule id, address, environment, path and subject.
    private static func findings(_ report: String, _ key: String = "findings") throws -> [Finding] {
        let items = try #require(try object(report)[key] as? [[String: Any]])
        return items.map { item in
            Finding(
                rule: item["rule_id"] as? String ?? "", address: item["address"] as? String ?? "",
                environment: item["environment"] as? String ?? "", path: item["path"] as? String ?? "",
                subject: item["subject"] as? String ?? "")
        }.sorted()
    }

    @Test("two hubs in two Regions: two components numbered by the hub's input file, each with its own inputs")
    func listing() throws {
        try Self.twoHubs { directory in
            let run = try Binary.run(["check", "--list-components", directory])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "2 components (2 with a hub, 0 without)")
            #expect(lines.filter { $0.hasPrefix("component ") }.count == 2)
            #expect(
                lines.contains {
                    $0.hasPrefix("component 1: hub peer-shared (shared-vpc) vpc-") && $0.hasSuffix("4 VPCs, 4 inputs")
                })
            #expect(
                lines.contains {
                    $0.hasPrefix("component 2: hub tgw-shared (shared-vpc) vpc-") && $0.hasSuffix("3 VPCs, 3 inputs")
                })
            #expect(lines.contains("  \(directory)/tgw-stg.show.json"))
            // Stable: again, and with the inputs named one by one in reverse order.
            #expect(try Binary.run(["check", "--list-components", directory]).stdout == run.stdout)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted().reversed()
            let reversed = try Binary.run(["check", "--list-components"] + files.map { directory + "/" + $0 })
            #expect(reversed.stdout == run.stdout)

            let json = try Binary.run(["check", "--list-components", "--format", "json", directory])
            #expect(json.status == 0)
            let components = try #require(try Self.object(json.stdout)["components"] as? [[String: Any]])
            #expect(components.map { $0["number"] as? Int } == [1, 2])
            let inputs = components.map { Set($0["inputs"] as? [String] ?? []) }
            #expect(inputs[0].isDisjoint(with: inputs[1]))
            #expect(inputs[0].union(inputs[1]) == Set(files.map { directory + "/" + $0 }))
            #expect(components.allSatisfy { $0["own_inputs"] as? Bool == true })
            #expect(components.map { ($0["hubs"] as? [String])?.count } == [1, 1])
        }
    }

    @Test(
        "the union of the components' findings and unknowns is the findings of one run over everything",
        arguments: [false, true])
    func unionEqualsWhole(sameRegion: Bool) throws {
        try Self.twoHubs(sameRegion: sameRegion) { directory in
            let whole = try Binary.run(["check", "--format", "json", directory])
            #expect(whole.status == 1, "\(whole.stderr)")
            var union = [Finding]()
            var unknowns = [Finding]()
            var inputs = [Set<String>]()
            for number in 1...2 {
                let run = try Binary.run(["check", "--component", String(number), "--format", "json", directory])
                #expect(run.status == 1, "\(run.stderr)")
                let found = try Self.findings(run.stdout)
                #expect(!found.isEmpty, "component \(number) has planted defects")
                union += found
                unknowns += try Self.findings(run.stdout, "unknowns")
                let summaries = try #require(try Self.object(run.stdout)["inputs"] as? [[String: Any]])
                inputs.append(Set(summaries.compactMap { $0["path"] as? String }))
            }
            #expect(union.sorted() == (try Self.findings(whole.stdout)))
            #expect(unknowns.sorted() == (try Self.findings(whole.stdout, "unknowns")))
            // Each component's report names only its own inputs.
            #expect(inputs[0].allSatisfy { $0.contains("/peer-") } && inputs[0].count == 4)
            #expect(inputs[1].allSatisfy { $0.contains("/tgw-") } && inputs[1].count == 3)
        }
    }

    @Test("two hubs of one Region are two components; a VPC in no hub with endpoints there joins them")
    func sameRegion() throws {
        try Self.twoHubs(sameRegion: true) { directory in
            let run = try Binary.run(["check", "--list-components", directory])
            #expect(run.status == 0)
            #expect(run.stdout.hasPrefix("2 components (2 with a hub, 0 without)\n"), "\(run.stdout)")
        }
        // VPCE001 compares its copies with the VPCs in no hub of the Region, and the DNS checks may tell it to
        // associate any zone of a service name there: every hub's zones.
        try Self.twoHubs(sameRegion: true, lone: true) { directory in
            let run = try Binary.run(["check", "--list-components", directory])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("1 component (1 with a hub, 0 without)\n"), "\(run.stdout)")
            #expect(run.stdout.contains("8 VPCs, 2 hubs, 8 inputs"), "\(run.stdout)")
            let whole = try Binary.run(["check", "--format", "json", directory])
            let one = try Binary.run(["check", "--component", "1", "--format", "json", directory])
            #expect(try Self.findings(one.stdout) == (try Self.findings(whole.stdout)))
        }
    }

    @Test("--component out of range, and --list-components with --output or another format: exit 2, no report")
    func usageErrors() throws {
        try Self.twoHubs { directory in
            let outOfRange = try Binary.run(["check", "--component", "3", directory])
            #expect(outOfRange.status == 2)
            #expect(outOfRange.stdout.isEmpty)
            #expect(outOfRange.stderr.contains("--component 3: the inputs hold 2 components (1-2)"))
            let zero = try Binary.run(["check", "--component", "0", directory])
            #expect(zero.status == 2 && zero.stderr.contains("--component 0: components are numbered from 1"))
            let output = try Binary.run(["check", "--list-components", "--output", directory + "/x.txt", directory])
            #expect(output.status == 2 && output.stderr.contains("--list-components prints to standard output"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/x.txt"))
            let sarif = try Binary.run(["check", "--list-components", "--format", "sarif", directory])
            #expect(sarif.status == 2 && sarif.stderr.contains("--list-components --format sarif: text or json"))
            let both = try Binary.run(["check", "--list-components", "--component", "1", directory])
            #expect(both.status == 2 && both.stderr.contains("use one"))
        }
    }
}
