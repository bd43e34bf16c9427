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
}
