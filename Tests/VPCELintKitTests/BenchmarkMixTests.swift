import Foundation
import TestSupport
import Testing

/// The network-heavy benchmark mixes (`benchmarks/generate.py --mix`, issue 15) stay inputs the model reads
/// whole: small ones generated here and checked by the binary give the findings they are built for and no
/// unknown, so the benchmark measures the checks, not a shortcut past unreadable values.
@Suite("benchmark mixes: what the binary finds in them", .serialized)
struct BenchmarkMixTests {
    private func generate(_ arguments: [String]) throws {
        let run = try Run.launch(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", Repository.path("benchmarks/generate.py")] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
    }

    private func report(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]) {
        let run = try Binary.run(["check", "--format", "json"] + arguments)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (run.status, json)
    }

    private func rules(_ json: [String: Any], _ key: String = "findings") -> [String] {
        (json[key] as? [[String: Any]] ?? []).compactMap { $0["rule_id"] as? String }
    }

    @Test("org-hub: two hubs of three spokes, one file or one per VPC: no finding, no unknown, two components")
    func orgHub() throws {
        try withTemporaryDirectory { directory in
            try generate(["--mix", "org-hub", "--spokes", "6", "--spokes-per-hub", "3", directory + "/org.json"])
            try generate([
                "--mix", "org-hub", "--spokes", "6", "--spokes-per-hub", "3", "--split", directory + "/split", "x",
            ])
            for input in [directory + "/org.json", directory + "/split"] {
                let (status, json) = try report([input])
                #expect(status == 0, "\(rules(json))")
                #expect(rules(json).isEmpty && rules(json, "unknowns").isEmpty)
                let topology = try #require(json["topology"] as? [String: Any])
                let hubs = try #require(topology["hubs"] as? [[String: Any]])
                #expect(hubs.map { ($0["spokes"] as? [Any])?.count } == [3, 3])
                let listing = try Binary.run(["check", "--list-components", input])
                #expect(listing.stdout.hasPrefix("2 components (2 with a hub, 0 without)\n"), "\(listing.stdout)")
                // One file holds both hubs: neither component has inputs of its own; one file per VPC: both do,
                // a hub file and its 3 spoke files each.
                let listedRun = try Binary.run(["check", "--list-components", "--format", "json", input])
                let listed = try #require(
                    try JSONSerialization.jsonObject(with: Data(listedRun.stdout.utf8)) as? [String: Any])
                let components = try #require(listed["components"] as? [[String: Any]])
                let split = input.hasSuffix("/split")
                #expect(components.map { $0["own_inputs"] as? Bool } == [split, split])
                #expect(components.map { ($0["inputs"] as? [String])?.count } == (split ? [4, 4] : [1, 1]))
            }
            // One file per VPC: 2 hubs + 6 spokes.
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/split")
            #expect(files.filter { $0.hasSuffix(".show.json") }.count == 8)
        }
    }

    @Test("account: every VPC with its own 8 endpoints: VPCE001 on each copy but one per Region, no unknown")
    func account() throws {
        try withTemporaryDirectory { directory in
            // About 19 kB a VPC over 9 Regions: 0.4 MB is 21 VPCs, 3 in each of the first 3 Regions.
            try generate(["--mix", "account", "--size-mb", "0.4", directory + "/account.json"])
            let (status, json) = try report([directory + "/account.json"])
            #expect(status == 0)  // VPCE001 is a warning
            let found = rules(json)
            #expect(!found.isEmpty && found.allSatisfy { $0 == "VPCE001" }, "\(Set(found))")
            #expect(rules(json, "unknowns").isEmpty)
            let vpcs = try #require((json["topology"] as? [String: Any])?["vpcs_outside_hubs"] as? [Any]).count
            // Per Region, every VPC but the keeper's copy of each of the 8 services.
            let regions = 9
            let expected = (0..<regions).map { region in
                let inRegion = (0..<vpcs).filter { $0 % regions == region }.count
                return max(0, inRegion - 1) * 8
            }.reduce(0, +)
            #expect(found.count == expected, "\(vpcs) VPCs")
        }
    }

    /// Issue 15's size goal, on small inputs of the mixes' shapes (sizes, not times): at estate scale the JSON
    /// report is at most 10% of the input, whether the estate pays for copies (account: 42 copies of each
    /// service per Region, each group one finding) or is one hub (org-hub: 300 spokes, no finding, the topology).
    @Test("the JSON report of an account or an organisation hub is at most 10% of the input")
    func reportsAreATenthOfTheInput() throws {
        try withTemporaryDirectory { directory in
            try generate(["--mix", "account", "--size-mb", "6", directory + "/account.json"])
            try generate(["--mix", "org-hub", "--spokes", "300", directory + "/org.json"])
            for name in ["account", "org"] {
                let input = directory + "/\(name).json"
                // Relative, as a state bucket's paths are: every origin in the report carries the path.
                let run = try Binary.run(["check", "--format", "json", "\(name).json"], in: directory)
                #expect(run.status == 0, "\(run.stderr)")
                let size = try #require(try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int)
                let ratio = Double(run.stdout.utf8.count) / Double(size)
                #expect(ratio <= 0.10, "\(name): the report is \(Int(ratio * 100))% of the input")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
                if name == "account" {
                    let findings = try #require(json["findings"] as? [[String: Any]])
                    // One finding per service and Region (8 x 9), each standing for its copies.
                    #expect(findings.count == 72)
                    #expect(findings.allSatisfy { ($0["related_total"] as? Int ?? 0) > 10 })
                } else {
                    let hubs = try #require((json["topology"] as? [String: Any])?["hubs"] as? [[String: Any]])
                    #expect(hubs.reduce(0) { $0 + (($1["spokes"] as? [Any])?.count ?? 0) } == 300)
                }
            }
        }
    }
}
