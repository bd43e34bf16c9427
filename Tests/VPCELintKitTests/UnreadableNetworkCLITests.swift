import Foundation
import TestSupport
import Testing

/// Issue 12, class 7, through the real binary: on the passing hub-and-spoke fixture, a spoke CIDR with a
/// trailing space, or an endpoint security group's `from_port` of `"abc"`, is reported as unknown with the
/// resource and attribute, never left out of the 443 check.
@Suite("unreadable network values through the binary", .serialized)
struct UnreadableNetworkCLITests {
    static func fixture(_ name: String) throws -> String {
        try String(
            contentsOf: Repository.root.appendingPathComponent("fixtures/hub-spoke-ok/\(name).show.json"),
            encoding: .utf8)
    }

    static func unknowns(_ files: [String: String]) throws -> [[String: Any]] {
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json"] + files.keys.sorted(), in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return report["unknowns"] as? [[String: Any]] ?? []
        }
    }

    @Test func aSpokeCIDRWithATrailingSpaceIsUnknownAtTheSpoke() throws {
        let dev = try Self.fixture("dev").replacingOccurrences(
            of: #""cidr_block": "10.2.0.0/16""#, with: #""cidr_block": "10.2.0.0/16 ""#)
        let unknowns = try Self.unknowns(["shared.json": try Self.fixture("shared"), "dev.json": dev])
        let rules = Set(
            unknowns.filter { ($0["message"] as? String)?.contains("its cidr_block cannot be read") == true }
                .compactMap { $0["rule_id"] as? String })
        #expect(rules == ["VPCE002", "VPCE005", "VPCE009"], "\(unknowns)")
    }

    @Test func aPortThatIsNotANumberIsUnknownAtTheGroup() throws {
        let shared = try Self.fixture("shared").replacingOccurrences(
            of: #""from_port": 443"#, with: #""from_port": "abc""#)
        let unknowns = try Self.unknowns(["shared.json": shared, "dev.json": try Self.fixture("dev")])
        let messages = unknowns.compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.contains(#"ingress.0.from_port "abc" is not a port number"#) }, "\(messages)")
    }

    /// The Resolver inbound group's UDP rule with `from_port: true`: DNS over UDP is unknown (naming the group),
    /// not denied and not allowed.
    @Test func anUnreadableDNSPortIsUnknown() throws {
        func file(_ name: String) throws -> String {
            try String(
                contentsOf: Repository.root.appendingPathComponent("fixtures/resolver-forwarding/\(name).show.json"),
                encoding: .utf8)
        }
        let udp =
            "\"description\": \"DNS over UDP from the spoke resolver subnets\",\n                \"from_port\": 53"
        let shared = try file("shared")
        #expect(shared.contains(udp))
        let files = [
            "shared.json": shared.replacingOccurrences(of: udp, with: udp.replacingOccurrences(of: "53", with: "true")),
            "dev.json": try file("dev"), "stg.json": try file("stg"),
        ]
        let unknowns = try Self.unknowns(files).filter { $0["rule_id"] as? String == "VPCE015" }
        #expect(!unknowns.isEmpty)
        #expect(
            unknowns.allSatisfy { ($0["message"] as? String)?.contains("UDP 53") == true },
            "\(unknowns.map { $0["message"] ?? "" })")
    }

    static func file(_ scenario: String, _ name: String) throws -> String {
        try String(
            contentsOf: Repository.root.appendingPathComponent("fixtures/\(scenario)/\(name).show.json"),
            encoding: .utf8)
    }

    /// The run's violations and unknowns (`rule_id`, `message`), with the exit status checked.
    static func verdicts(_ files: [String: String], status: Int32 = 0) throws -> (
        violations: [[String: Any]], unknowns: [[String: Any]]
    ) {
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(["check", "--format", "json"] + files.keys.sorted(), in: directory)
            #expect(run.status == status, "\(run.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (report["findings"] as? [[String: Any]] ?? [], report["unknowns"] as? [[String: Any]] ?? [])
        }
    }

    /// dev's route to the hub written `10.255.0.0/33`: the route may be the one that covers the hub, so the
    /// forward route is unknown, naming the route and its attribute, never "no route".
    @Test func anUnreadableRouteDestinationIsUnknownAtTheRoute() throws {
        let dev = try Self.file("hub-spoke-ok", "dev")
            .replacingOccurrences(
                of: #""destination_cidr_block": "10.255.0.0/16""#, with: #""destination_cidr_block": "10.255.0.0/33""#
            )
            .replacingOccurrences(
                of: "                    \"cidr_block\": \"10.255.0.0/16\"",
                with: "                    \"cidr_block\": \"10.255.0.0/33\"")
        #expect(!dev.contains(#""destination_cidr_block": "10.255.0.0/16""#))
        let (violations, unknowns) = try Self.verdicts([
            "shared.json": try Self.file("hub-spoke-ok", "shared"), "dev.json": dev,
        ])
        #expect(violations.isEmpty, "\(violations)")
        let messages = unknowns.compactMap { $0["message"] as? String }
        #expect(
            messages.contains {
                $0.contains("through route `module.spoke.aws_route.to_hub`, but that route's destination_cidr_block is")
                    && $0.contains("/33")
            }, "\(messages)")
    }

    /// The stg prefix list's one entry written `"10.3.0.0/16 "`: the hub's return route through the list and
    /// the endpoint group's rule from it are unknown, naming the entry, not violations.
    @Test func anUnreadablePrefixListEntryIsUnknown() throws {
        let shared = try Self.file("prefix-lists", "shared").replacingOccurrences(
            of: #""cidr": "10.30.0.0/16""#, with: #""cidr": "10.3.0.0/16 ""#)
        let files = [
            "shared.json": shared, "dev.json": try Self.file("prefix-lists", "dev"),
            "stg.json": try Self.file("prefix-lists", "stg"),
        ]
        let (violations, unknowns) = try Self.verdicts(files)
        #expect(violations.isEmpty, "\(violations.map { $0["message"] ?? "" })")
        let named = unknowns.filter {
            ($0["message"] as? String)?.contains("prefix list `aws_ec2_managed_prefix_list.stg` entry.0.cidr") == true
        }
        #expect(Set(named.compactMap { $0["rule_id"] as? String }) == ["VPCE002", "VPCE005"], "\(unknowns)")
    }

    /// A hub endpoint subnet's `cidr_block` written `10.255.1.0/24x`: the spokes' forward routes to it are
    /// unknown at the subnet, and `trace` says so at the same subnet.
    @Test func anUnreadableEndpointSubnetIsUnknownInCheckAndTrace() throws {
        let shared = try Self.file("hub-spoke-ok", "shared").replacingOccurrences(
            of: #""cidr_block": "10.255.1.0/24""#, with: #""cidr_block": "10.255.1.0/24x""#)
        let files = ["shared.json": shared, "dev.json": try Self.file("hub-spoke-ok", "dev")]
        let (violations, unknowns) = try Self.verdicts(files)
        #expect(violations.isEmpty, "\(violations)")
        let subnet = unknowns.filter { ($0["message"] as? String)?.contains("endpoint subnet `") == true }
        #expect(subnet.count == 1, "\(unknowns)")
        #expect((subnet.first?["message"] as? String)?.contains("cidr_block") == true)
        try withTemporaryDirectory(files) { directory in
            let run = try Binary.run(
                ["trace", "--from", "dev", "--service", "ssm", "shared.json", "dev.json"], in: directory)
            #expect(run.stdout.contains("endpoint subnet `"), "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("cannot be read"))
        }
    }
}
