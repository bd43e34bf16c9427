import Foundation
import TestSupport
import Testing

/// Issue 15: a report grows with the number of findings, and no finding's text or related list grows with
/// the estate. Sizes and counts on generated inputs, through the real binary; never times.
@Suite("reports bounded at organisation scale", .serialized)
struct ScaleReportTests {
    /// The longest message or fix any finding of these inputs may have: a few names and a count.
    static let longestText = 700

    @Test func copiesOfEightEndpointsGiveAReportLinearInTheirNumber() throws {
        var sizes = [Int: Int]()
        for count in [10, 11, 12, 100, 1000] {
            let report = try Self.check(ScaleInput.ownEndpoints(count))
            sizes[count] = report.bytes
            let all = try #require(report.json["findings"] as? [[String: Any]])
            Self.expectBounded(all)
            let findings = all.filter { $0["rule_id"] as? String == "VPCE001" }
            // VPCE010 once per VPC (no S3 gateway).
            #expect(all.count - findings.count == count)
            let groups = try #require(report.json["groups"] as? [String: [String: Any]])
            #expect(groups.count == 8)
            for (id, group) in groups {
                #expect(id.hasPrefix("VPCE001|ap-northeast-1|"))
                #expect(group["count"] as? Int == count)
                #expect((group["members"] as? [Any])?.count == count)
            }
            #expect(findings.allSatisfy { groups[$0["group"] as? String ?? ""] != nil })
            if count - 1 <= 10 {
                // Up to 10 copies to delete: every copy but the keeper of each of the 8 services is a finding.
                #expect(findings.count == (count - 1) * 8)
                if count > 6 {
                    #expect(findings.allSatisfy { $0["related_total"] as? Int == count - 1 })
                    let message = try #require(findings.first?["message"] as? String)
                    #expect(message.contains("and \(count - 4) more copies of `"))
                    #expect(message.contains("` in ap-northeast-1"))
                }
            } else {
                // More: one finding per service, at the keeper, naming 5 copies and counting them all.
                #expect(findings.count == 8)
                #expect(Set(findings.compactMap { $0["address"] as? String }).count == 8)
                #expect(findings.allSatisfy { ($0["address"] as? String)?.hasPrefix(#"module.vpc["v1"]."#) == true })
                #expect(findings.allSatisfy { $0["related_total"] as? Int == count - 1 })
                #expect(findings.allSatisfy { ($0["related"] as? [Any])?.count == 5 })
                let message = try #require(findings.first?["message"] as? String)
                #expect(message.contains("is paid for in \(count) interface endpoints across \(count) VPCs"))
                #expect(message.contains("delete the other \(count - 1): "))
                #expect(message.hasSuffix(" and \(count - 4) more"))
            }
            // The money is the sum of the copies to delete: 2 AZs each at the Tokyo price.
            let savings = findings.compactMap { $0["monthly_savings_usd"] as? Double }
            #expect(savings.count == findings.count)
            let summary = try #require(report.json["summary"] as? [String: Any])
            let total = try #require(summary["monthly_savings_usd"] as? Double)
            let expected = Double((count - 1) * 8) * 2 * 0.014 * 730
            #expect(abs(total - expected) < 0.01 * Double(findings.count), "\(total) != \(expected)")
            #expect(abs(total - savings.reduce(0, +)) < 0.01 * Double(findings.count))
        }
        // Linear (VPCE010 per VPC and the group members), never more.
        let growth = Double(sizes[1000]!) / Double(sizes[100]!)
        #expect((5.0...11.0).contains(growth), "report bytes 100 -> 1000 VPCs grew \(growth)x: \(sizes)")
    }

    /// A summary's fingerprint holds while copies come and go; the baseline records its copies, so a new one
    /// makes it a new finding (and the gate fails), while deleting one does not.
    @Test func aBaselinedSummaryIsNewAgainWhenACopyIsAdded() throws {
        try withTemporaryDirectory { directory in
            let baseline = directory + "/baseline.json"
            let input = directory + "/state.json"
            try ScaleInput.ownEndpoints(20).write(toFile: input, atomically: false, encoding: .utf8)
            let written = try Binary.run(["check", input, "--write-baseline", baseline, "--format", "json"])
            #expect(written.status == 1, "\(written.stderr)")
            let file = try String(contentsOfFile: baseline, encoding: .utf8)
            #expect(
                file.contains(#""members": ["state|module.vpc[\"v1\"].aws_vpc_endpoint.interface[\"ec2messages\"]""#))
            for (count, new) in [(20, 0), (19, 0), (21, 8)] {
                try ScaleInput.ownEndpoints(count).write(toFile: input, atomically: false, encoding: .utf8)
                let run = try Binary.run(["check", input, "--baseline", baseline, "--format", "json"])
                let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
                let findings = (json["findings"] as? [[String: Any]] ?? []).filter {
                    $0["rule_id"] as? String == "VPCE001"
                }
                #expect(findings.count == new, "\(count) VPCs")
                #expect(run.status == (new > 0 ? 1 : 0), "\(count) VPCs: \(run.stderr)")
                if new > 0 {
                    let message = try #require(findings.first?["message"] as? String)
                    #expect(
                        message.hasSuffix(
                            #"; 1 of them is not in the baseline: `module.vpc["v21"].aws_vpc_endpoint.interface["ec2messages"]` (state)"#
                        ))
                }
            }
        }
    }

    @Test func everyFormatStaysLinearAndNamesAGroupOnce() throws {
        var sizes = [String: [Int]]()
        for count in [50, 500] {
            try withTemporaryDirectory { directory in
                let input = directory + "/state.json"
                try ScaleInput.ownEndpoints(count).write(toFile: input, atomically: false, encoding: .utf8)
                let formats = ["json", "text", "sarif", "markdown", "junit", "github"]
                let run = try Binary.run(
                    ["check", input] + formats.flatMap { ["--output", "\($0)=\(directory)/report.\($0)"] })
                #expect(run.status == 1, "\(run.stderr)")
                for format in formats {
                    let text = try String(contentsOfFile: directory + "/report.\(format)", encoding: .utf8)
                    sizes[format, default: []].append(text.utf8.count)
                    if format == "sarif" {
                        // A result names its group and size in its properties, never the members.
                        #expect(text.contains(#""group": "VPCE001|ap-northeast-1|logs""#))
                        #expect(text.contains(#""group_count": \#(count)"#))
                    }
                    // No related list in full: one copy's address appears in a bounded number of places.
                    let address = #"module.vpc[\"v\#(count / 2)\"].aws_vpc_endpoint.interface[\"logs\"]"#
                    let plain = address.replacingOccurrences(of: #"\""#, with: #"""#)
                    let mentions =
                        max(text.components(separatedBy: address).count, text.components(separatedBy: plain).count) - 1
                    #expect(mentions <= 12, "\(format) names one copy \(mentions) times")
                }
            }
        }
        // 8 VPCE001 summaries, a VPCE010 per VPC and the groups' members: linear in the VPCs at most.
        for (format, pair) in sizes {
            let growth = Double(pair[1]) / Double(pair[0])
            #expect((2.0...11.0).contains(growth), "\(format) grew \(growth)x from 50 to 500 VPCs: \(pair)")
        }
    }

    @Test func spokesSharingOneCIDRAreReportedOncePerSpokeWithACount() throws {
        var sizes = [Int: Int]()
        for count in [200, 2000] {
            let report = try Self.check(ScaleInput.sameCIDRSpokes(count))
            sizes[count] = report.bytes
            let findings = try #require(report.json["findings"] as? [[String: Any]])
            Self.expectBounded(findings)
            let overlaps = findings.filter { $0["rule_id"] as? String == "VPCE009" }
            // Each spoke but the first overlaps every other spoke of the hub (the hub's range is apart).
            #expect(overlaps.count == count - 1)
            #expect(overlaps.allSatisfy { $0["related_total"] as? Int == count - 1 })
            let groups = try #require(report.json["groups"] as? [String: [String: Any]])
            let overlapGroups = groups.filter { $0.key.hasPrefix("VPCE009|") }
            #expect(overlapGroups.count == 1)
            #expect(overlapGroups.first?.value["count"] as? Int == count)
            #expect(findings.count < 3 * count, "findings grow with the spokes, not their pairs")
        }
        let growth = Double(sizes[2000]!) / Double(sizes[200]!)
        #expect((8.0...11.5).contains(growth), "report bytes 200 -> 2000 spokes grew \(growth)x: \(sizes)")
    }

    /// Spokes that keep their own copy of what their hub serves: up to 10 a finding each, more one per service
    /// at the hub's endpoint, the copies in the group.
    @Test func spokeCopiesOfWhatTheHubServesAreSummarisedAtTheHubEndpoint() throws {
        for count in [10, 11, 40] {
            let report = try Self.check(ScaleInput.sameCIDRSpokes(count, ownRanges: true, spokeEndpoints: true))
            let all = try #require(report.json["findings"] as? [[String: Any]])
            Self.expectBounded(all)
            let copies = all.filter { $0["rule_id"] as? String == "VPCE001" }
            let groups = try #require(report.json["groups"] as? [String: [String: Any]])
            if count <= 10 {
                #expect(copies.count == count * 8)
                #expect(copies.allSatisfy { ($0["address"] as? String)?.hasPrefix("module.spoke[") == true })
                continue
            }
            #expect(copies.count == 8)
            for finding in copies {
                let address = try #require(finding["address"] as? String)
                #expect(address.hasPrefix("module.hub.aws_vpc_endpoint.interface["), "\(address)")
                let service = try #require(finding["subject"] as? String)
                #expect(finding["group"] as? String == "VPCE001|ap-northeast-1|\(service)|vpc-0")
                #expect(finding["related_total"] as? Int == count)
                #expect((finding["message"] as? String)?.contains("yet \(count) of its spokes keep their own") == true)
                #expect(abs((finding["monthly_savings_usd"] as? Double ?? 0) - Double(count) * 2 * 0.014 * 730) < 0.01)
                let group = try #require(groups["VPCE001|ap-northeast-1|\(service)|vpc-0"])
                #expect(group["count"] as? Int == count)
            }
        }
    }

    @Test func vpcsThatCannotExchangeTrafficDoNotOverlap() throws {
        let report = try Self.check(ScaleInput.ownEndpoints(100, sameCIDR: true))
        let findings = try #require(report.json["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(!findings.contains { $0["rule_id"] as? String == "VPCE009" })
    }

    /// Spokes linted without their hub's file: up to 10 spokes, each gets an unknown per rule that needs the
    /// hub; more, and each rule says it once for the hub, with a count, the spokes in its group.
    @Test func spokesOfAHubOutsideTheInputsAreOneUnknownPerRuleAboveTen() throws {
        var sizes = [Int: Int]()
        for count in [2, 10, 11, 100, 1000] {
            let report = try Self.check(ScaleInput.spokesWithoutHub(count), status: 0)
            sizes[count] = report.bytes
            let unknowns = try #require(report.json["unknowns"] as? [[String: Any]])
            Self.expectBounded(unknowns)
            let outside = unknowns.filter { $0["subject"] as? String == "hub:vpc-0" }
            let rules = Set(outside.compactMap { $0["rule_id"] as? String })
            #expect(rules.count == 4, "\(rules.sorted())")
            #expect(outside.allSatisfy { $0["group"] == nil })
            if count <= 10 {
                #expect(outside.count == 4 * count)
                // Each names its spoke's peering and 4 of its 8 zone associations, and counts the rest.
                let message = try #require(outside.first?["message"] as? String)
                #expect(message.contains(" and 4 more resources link it to, is in no input"), "\(message)")
                #expect(outside.allSatisfy { $0["related_total"] as? Int == 9 })
            } else {
                // One per check: the first spoke's, its 9 links and every other spoke counted.
                #expect(outside.count == 4)
                #expect(outside.allSatisfy { $0["related_total"] as? Int == 9 + count - 1 })
                #expect(outside.allSatisfy { ($0["related"] as? [Any])?.count == 5 })
                #expect(outside.allSatisfy { ($0["address"] as? String) == #"module.spoke["s1"].aws_vpc.this"# })
                let message = try #require(outside.first?["message"] as? String)
                #expect(message.contains(" and 4 more resources link it to, is in no input; "), "\(message)")
                #expect(
                    message.contains("; the same is unknown for \(count - 1) more spokes of this hub: state (vpc-10), ")
                )
                #expect(message.hasSuffix(" and \(count - 4) more"))
            }
            // The topology lists every spoke once, its 8 zone associations as one link to the hub.
            let topology = try #require(report.json["topology"] as? [String: Any])
            let hub = try #require((topology["hubs_outside_inputs"] as? [[String: Any]])?.first)
            let spokes = try #require(hub["spokes"] as? [[String: Any]])
            #expect(spokes.count == count)
            let links = try #require(spokes.first?["links"] as? [[String: Any]])
            #expect(links.map { $0["kind"] as? String } == ["peering", "private-zone"])
            #expect((links.last?["ids"] as? [String])?.count == 8)
            #expect(links.last?["ends"] as? [String] == ["vpc-1", "vpc-0"])
            #expect(links.last?["resources_total"] as? Int == 8)
        }
        // What a spoke adds to the report (its topology line) is bounded: under a kilobyte each.
        #expect(sizes[1000]! - sizes[100]! < 900 * 1000, "\(sizes)")
    }

    /// A transit gateway hub's state alone, its spokes data sources whose attachments' subnets are in their own
    /// states: whether each attachment covers the endpoints' AZs is unknown. Up to 10 spokes, an unknown each;
    /// more, one for all of them, the others' spokes named and counted.
    @Test func aHubsStateAloneSaysTheSameUnknownOnceAboveTenSpokes() throws {
        for count in [3, 10, 11, 200] {
            let report = try Self.check(ScaleInput.transitGatewayHubAlone(count), status: 0)
            let unknowns = try #require(report.json["unknowns"] as? [[String: Any]])
            Self.expectBounded(unknowns)
            #expect(unknowns.allSatisfy { $0["rule_id"] as? String == "VPCE002" })
            let messages = unknowns.compactMap { $0["message"] as? String }
            #expect(messages.allSatisfy { $0.contains("are not all in the inputs, so its AZs are unknown") })
            if count <= 10 {
                #expect(unknowns.count == count)
                #expect(!messages.contains { $0.contains("the same is unknown") })
            } else {
                // The first spoke's three resources (hub route table, spoke VPC, attachment), then the others.
                #expect(unknowns.count == 1)
                #expect(unknowns.first?["related_total"] as? Int == 3 + count - 1)
                // The others in address order (`s10` before `s2`), three named.
                let message = try #require(messages.first)
                #expect(
                    message.contains("; the same is unknown for \(count - 1) more spokes of this hub: state (s10), "))
                #expect(message.hasSuffix(" and \(count - 4) more"), "\(message)")
                #expect(
                    unknowns.first?["address"] as? String
                        == #"module.hub.data.aws_ec2_transit_gateway_vpc_attachment.spoke["s1"]"#)
            }
        }
    }

    /// Spokes a transit gateway keeps apart (each reaches the hub, none another): their n² pairs are counted,
    /// not listed, so the report grows by what a spoke adds. Before, each pair was a `not-routed` link: 2,000
    /// spokes gave an 875 MB report.
    @Test func spokesAGatewayKeepsApartAreCountedNotListed() throws {
        var sizes = [Int: Int]()
        for count in [3, 100, 200] {
            let report = try Self.check(ScaleInput.transitGatewayHubAlone(count, isolated: true), status: 0)
            sizes[count] = report.bytes
            let topology = try #require(report.json["topology"] as? [String: Any])
            #expect(topology["spoke_to_spoke_not_routed"] as? Int == count * (count - 1) / 2)
            #expect(topology["spoke_to_spoke_paths"] as? Int == 0)
            let links = try #require(topology["links"] as? [[String: Any]])
            #expect(links.isEmpty, "\(links.prefix(3))")
            let hub = try #require((topology["hubs"] as? [[String: Any]])?.first)
            let spokes = try #require(hub["spokes"] as? [[String: Any]])
            #expect(spokes.count == count)
            for spoke in spokes {
                let links = try #require(spoke["links"] as? [[String: Any]])
                #expect(links.first?["state"] as? String == "routed")
            }
        }
        // A spoke adds its topology line (its VPC, its attachment pair with the hub): about a kilobyte, where
        // listing the pairs added 100 links of ~0.5 KB per spoke at 200.
        #expect(sizes[200]! - sizes[100]! < 100 * 1500, "\(sizes)")
    }

    /// A plan whose zone associations name their spoke through a local (not in Terraform's JSON): whether the
    /// hub's zone is associated with each spoke is unknown. Up to 10 spokes an unknown each; more, one for the
    /// zone, the other spokes named and counted.
    @Test func aZoneWhoseAssociationsAreUnknownSaysSoOnceAboveTenSpokes() throws {
        for count in [3, 10, 11, 300] {
            // Exit 1: the bare spokes have no routes to the hub (other rules' findings), none of them VPCE007's.
            let report = try Self.check(ScaleInput.zoneAssociationsThroughALocal(count), status: 1)
            let findings = try #require(report.json["findings"] as? [[String: Any]])
            #expect(!findings.contains { $0["rule_id"] as? String == "VPCE007" })
            let unknowns = try #require(report.json["unknowns"] as? [[String: Any]])
            Self.expectBounded(unknowns)
            let zone = unknowns.filter { $0["rule_id"] as? String == "VPCE007" }
            #expect(zone.count == (count <= 10 ? count : 1), "\(count): \(zone.count)")
            #expect(zone.allSatisfy { $0["address"] as? String == "aws_route53_zone.ssm" })
            if count > 10 {
                let message = try #require(zone.first?["message"] as? String)
                #expect(
                    message.contains("; the same is unknown for \(count - 1) more spokes of this hub: "), "\(message)")
                #expect(message.hasSuffix(" and \(count - 4) more"), "\(message)")
                #expect(zone.first?["related_total"] as? Int == 1 + count - 1)
            }
        }
    }

    /// Runs `check --format json` on `document`: the report's bytes and its parsed JSON.
    static func check(_ document: String, status: Int32 = 1) throws -> (bytes: Int, json: [String: Any]) {
        try withTemporaryDirectory { directory in
            try document.write(toFile: directory + "/state.json", atomically: false, encoding: .utf8)
            let run = try Binary.run(["check", "--format", "json", directory + "/state.json"])
            #expect(run.status == status, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (run.stdout.utf8.count, json)
        }
    }

    static func expectBounded(_ findings: [[String: Any]]) {
        for finding in findings {
            let related = finding["related"] as? [Any] ?? []
            #expect(related.count <= 5)
            #expect((finding["message"] as? String ?? "").count <= longestText, "\(finding["message"] ?? "")")
            #expect((finding["remediation"] as? String ?? "").count <= longestText)
        }
    }
}

/// The two shapes of issue 15 as `terraform show -json` states (the same as `benchmarks/scale_shapes.py`).
enum ScaleInput {
    static let region = "ap-northeast-1"
    static let services = ["ec2messages", "ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "ssmmessages"]

    /// `count` VPCs, each with its own copy of the same 8 interface endpoints; none linked to another.
    static func ownEndpoints(_ count: Int, sameCIDR: Bool = false) -> String {
        var resources = [String]()
        for n in 1...count {
            let base = sameCIDR ? "10.1.0" : "10.\(n / 64).\((n % 64) * 4)"
            let module = #"module.vpc[\"v\#(n)\"]"#
            resources += vpc(module, n, cidr: base + ".0/22", ingress: base + ".0/22")
            resources += endpoints(module, n, privateDNS: true)
        }
        return document(resources)
    }

    /// A hub with 8 endpoints and their zones, and `count` spokes that all use 10.1.0.0/16 (or each its own
    /// range), each peered with it (and each with its own copy of the 8 endpoints).
    static func sameCIDRSpokes(_ count: Int, ownRanges: Bool = false, spokeEndpoints: Bool = false) -> String {
        var resources = vpc("module.hub", 0, cidr: "10.0.0.0/16", ingress: "10.0.0.0/8")
        resources += endpoints("module.hub", 0, privateDNS: false)
        for (k, service) in services.enumerated() {
            let zone = "Z\(k)"
            let name = "\(service).\(region).amazonaws.com"
            resources.append(
                resource(
                    "module.hub", "aws_route53_zone", "endpoint", key: service,
                    #"{"id":"\#(zone)","zone_id":"\#(zone)","name":"\#(name)","vpc":[{"vpc_id":"vpc-0","vpc_region":"\#(region)"}]}"#
                ))
            resources.append(
                resource(
                    "module.hub", "aws_route53_record", "endpoint", key: service,
                    #"{"id":"\#(zone)_A","zone_id":"\#(zone)","name":"\#(name)","type":"A","records":[],"ttl":0,"alias":[{"name":"vpce-0-\#(k).\#(service).\#(region).vpce.amazonaws.com","zone_id":"Z2E726K9Y6RYXX","evaluate_target_health":true}]}"#
                ))
        }
        for n in 1...count {
            let module = #"module.spoke[\"s\#(n)\"]"#
            let cidr = ownRanges ? "10.\(n / 64 + 1).\((n % 64) * 4).0/22" : "10.1.0.0/16"
            resources += vpc(module, n, cidr: cidr, ingress: cidr)
            if spokeEndpoints { resources += endpoints(module, n, privateDNS: false) }
            resources += linksToHub(module, n)
        }
        resources.append(
            resource(
                "module.hub", "aws_route", "to_spokes",
                #"{"id":"r-0","route_table_id":"rtb-0","destination_cidr_block":"10.1.0.0/16","vpc_peering_connection_id":"pcx-1"}"#
            ))
        return document(resources)
    }

    /// `count` spokes, each with its own range, peered with hub VPC `vpc-0`, routing to it and associated with
    /// its 8 zones, without the hub's file: the hub is outside the inputs.
    static func spokesWithoutHub(_ count: Int) -> String {
        var resources = [String]()
        for n in 1...count {
            let module = #"module.spoke[\"s\#(n)\"]"#
            let cidr = "10.\(n / 64 + 1).\((n % 64) * 4).0/22"
            resources += vpc(module, n, cidr: cidr, ingress: cidr) + linksToHub(module, n)
        }
        return document(resources)
    }

    /// A hub VPC `vpc-0` with an `ssm` endpoint in two AZs and its private zone, its route table sending
    /// 10.0.0.0/8 to transit gateway `tgw-0`, whose one route table holds every attachment's association and
    /// propagation; the `count` spokes are data sources (VPC and attachment, its subnets not in this state),
    /// associated with the zone. `isolated`: the spokes are associated with a second route table that holds only
    /// the hub's propagation, so they reach the hub and not each other.
    static func transitGatewayHubAlone(_ count: Int, isolated: Bool = false) -> String {
        let hub = "module.hub"
        var resources = [
            resource(
                hub, "aws_vpc", "this",
                #"{"id":"vpc-0","cidr_block":"10.255.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true,"arn":"arn:aws:ec2:\#(region):123456789012:vpc/vpc-0","tags":{"Name":"hub"}}"#
            ),
            resource(
                hub, "aws_route_table", "endpoints",
                #"{"id":"rtb-0","vpc_id":"vpc-0","route":[{"cidr_block":"10.0.0.0/8","transit_gateway_id":"tgw-0"}]}"#),
            resource(
                hub, "aws_security_group", "endpoints",
                #"{"id":"sg-0","vpc_id":"vpc-0","egress":[],"ingress":[{"cidr_blocks":["10.0.0.0/8"],"from_port":443,"to_port":443,"protocol":"tcp","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}]}"#
            ),
            resource(
                hub, "aws_vpc_endpoint", "ssm",
                #"{"id":"vpce-0","vpc_id":"vpc-0","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.\#(region).ssm","private_dns_enabled":false,"subnet_ids":["subnet-0-0","subnet-0-1"],"security_group_ids":["sg-0"],"dns_entry":[{"dns_name":"vpce-0.ssm.\#(region).vpce.amazonaws.com","hosted_zone_id":"Z2E726K9Y6RYXX"}]}"#
            ),
            resource(
                hub, "aws_route53_zone", "ssm",
                #"{"id":"Z0","zone_id":"Z0","name":"ssm.\#(region).amazonaws.com","vpc":[{"vpc_id":"vpc-0","vpc_region":"\#(region)"}]}"#
            ),
            resource(
                hub, "aws_route53_record", "ssm",
                #"{"id":"Z0_A","zone_id":"Z0","name":"ssm.\#(region).amazonaws.com","type":"A","records":[],"alias":[{"name":"vpce-0.ssm.\#(region).vpce.amazonaws.com","zone_id":"Z2E726K9Y6RYXX","evaluate_target_health":true}]}"#
            ),
            resource(
                hub, "aws_ec2_transit_gateway", "this",
                #"{"id":"tgw-0","default_route_table_association":"disable","default_route_table_propagation":"disable","association_default_route_table_id":"tgw-rtb-0","propagation_default_route_table_id":"tgw-rtb-0"}"#
            ),
            resource(
                hub, "aws_ec2_transit_gateway_route_table", "this", #"{"id":"tgw-rtb-0","transit_gateway_id":"tgw-0"}"#),
            resource(
                hub, "aws_ec2_transit_gateway_vpc_attachment", "hub",
                #"{"id":"tgw-attach-0","transit_gateway_id":"tgw-0","vpc_id":"vpc-0","subnet_ids":["subnet-0-0","subnet-0-1"]}"#
            ),
        ]
        if isolated {
            resources.append(
                resource(
                    hub, "aws_ec2_transit_gateway_route_table", "spokes",
                    #"{"id":"tgw-rtb-1","transit_gateway_id":"tgw-0"}"#))
        }
        for az in 0..<2 {
            resources.append(
                resource(
                    hub, "aws_subnet", "endpoints", key: az,
                    #"{"id":"subnet-0-\#(az)","vpc_id":"vpc-0","cidr_block":"10.255.\#(az).0/24","availability_zone":"\#(region)\#(az == 0 ? "a" : "c")"}"#
                ))
            resources.append(
                resource(
                    hub, "aws_route_table_association", "endpoints", key: az,
                    #"{"id":"rtbassoc-0-\#(az)","route_table_id":"rtb-0","subnet_id":"subnet-0-\#(az)"}"#))
        }
        for n in 0...count {
            let key = n == 0 ? "hub" : "s\(n)"
            let attachment = "tgw-attach-\(n)"
            for kind in ["association", "propagation"] {
                // Isolated: a spoke is associated with the spokes' table, and the hub propagates into it.
                let table = isolated && (n == 0) == (kind == "propagation") ? "tgw-rtb-1" : "tgw-rtb-0"
                resources.append(
                    resource(
                        hub, "aws_ec2_transit_gateway_route_table_\(kind)", "attachment", key: key,
                        #"{"id":"\#(table)_\#(attachment)","transit_gateway_attachment_id":"\#(attachment)","transit_gateway_route_table_id":"\#(table)"}"#
                    ))
            }
            guard n > 0 else { continue }
            resources.append(
                resource(
                    hub, "aws_route53_zone_association", "ssm", key: key,
                    #"{"id":"Z0:vpc-\#(n)","zone_id":"Z0","vpc_id":"vpc-\#(n)","vpc_region":"\#(region)"}"#))
            resources.append(
                resource(
                    hub, "aws_vpc", "spoke", key: key, mode: "data",
                    #"{"id":"vpc-\#(n)","cidr_block":"10.\#(n / 64 + 1).\#((n % 64) * 4).0/22","enable_dns_support":true,"enable_dns_hostnames":true,"tags":{"Name":"s\#(n)"}}"#
                ))
            resources.append(
                resource(
                    hub, "aws_ec2_transit_gateway_vpc_attachment", "spoke", key: key, mode: "data",
                    #"{"id":"\#(attachment)","transit_gateway_id":"tgw-0","vpc_id":"vpc-\#(n)","subnet_ids":["subnet-\#(n)-0","subnet-\#(n)-1"]}"#
                ))
        }
        return document(resources)
    }

    /// Hub `vpc-0` with an `ssm` endpoint (private DNS off) aliased by zone `Z0`, and `count` spokes peered
    /// with it, as a plan whose zone associations (`aws_route53_zone_association.spoke["sN"]`) leave `vpc_id`
    /// unknown with the references [`local.spoke_ids`, `each.key`].
    static func zoneAssociationsThroughALocal(_ count: Int) -> String {
        var resources = [
            resource(
                "", "aws_vpc", "hub",
                #"{"id":"vpc-0","cidr_block":"10.255.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true}"#),
            resource(
                "", "aws_vpc_endpoint", "ssm",
                #"{"id":"vpce-0","vpc_id":"vpc-0","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.\#(region).ssm","private_dns_enabled":false,"dns_entry":[{"dns_name":"vpce-0.ssm.\#(region).vpce.amazonaws.com","hosted_zone_id":"Z2E726K9Y6RYXX"}]}"#
            ),
            resource(
                "", "aws_route53_zone", "ssm",
                #"{"id":"Z0","zone_id":"Z0","name":"ssm.\#(region).amazonaws.com","vpc":[{"vpc_id":"vpc-0","vpc_region":"\#(region)"}]}"#
            ),
            resource(
                "", "aws_route53_record", "ssm",
                #"{"id":"Z0_A","zone_id":"Z0","name":"ssm.\#(region).amazonaws.com","type":"A","records":[],"alias":[{"name":"vpce-0.ssm.\#(region).vpce.amazonaws.com","zone_id":"Z2E726K9Y6RYXX","evaluate_target_health":true}]}"#
            ),
        ]
        var changes = [String]()
        for n in 1...count {
            let key = "s\(n)"
            resources.append(
                resource(
                    "", "aws_vpc", "spoke", key: key,
                    #"{"id":"vpc-\#(n)","cidr_block":"10.\#(n / 64 + 1).\#((n % 64) * 4).0/22","enable_dns_support":true,"enable_dns_hostnames":true}"#
                ))
            resources.append(
                resource(
                    "", "aws_vpc_peering_connection", "spoke", key: key,
                    #"{"id":"pcx-\#(n)","vpc_id":"vpc-\#(n)","peer_vpc_id":"vpc-0","accept_status":"active"}"#))
            resources.append(resource("", "aws_route53_zone_association", "spoke", key: key, #"{"zone_id":"Z0"}"#))
            changes.append(
                #"{"address":"aws_route53_zone_association.spoke[\"\#(key)\"]","mode":"managed","type":"aws_route53_zone_association","name":"spoke","index":"\#(key)","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"zone_id":"Z0"},"after_unknown":{"id":true,"vpc_id":true}}}"#
            )
        }
        // `resource` writes module-prefixed addresses: at the root there is none.
        let items = resources.map { $0.replacingOccurrences(of: #""address":"."#, with: #""address":""#) }
        return #"{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{"resources":["#
            + items.joined(separator: ",") + #"]}},"resource_changes":["# + changes.joined(separator: ",")
            + #"],"configuration":{"root_module":{"resources":[{"address":"aws_route53_zone_association.spoke","mode":"managed","type":"aws_route53_zone_association","name":"spoke","expressions":{"vpc_id":{"references":["local.spoke_ids","each.key"]},"zone_id":{"references":["aws_route53_zone.ssm.zone_id","aws_route53_zone.ssm"]}},"for_each_expression":{"references":["local.spoke_ids"]}}]}}}"#
            + "\n"
    }

    /// Spoke `n`'s peering with hub VPC `vpc-0`, its route to the hub and its 8 zone associations.
    private static func linksToHub(_ module: String, _ n: Int) -> [String] {
        var resources = [
            resource(
                module, "aws_vpc_peering_connection", "hub",
                #"{"id":"pcx-\#(n)","vpc_id":"vpc-\#(n)","peer_vpc_id":"vpc-0","accept_status":"active","auto_accept":true}"#
            ),
            resource(
                module, "aws_route", "to_hub",
                #"{"id":"r-\#(n)","route_table_id":"rtb-\#(n)","destination_cidr_block":"10.0.0.0/16","vpc_peering_connection_id":"pcx-\#(n)"}"#
            ),
        ]
        for (k, service) in services.enumerated() {
            resources.append(
                resource(
                    module, "aws_route53_zone_association", "endpoint", key: service,
                    #"{"id":"Z\#(k):vpc-\#(n)","zone_id":"Z\#(k)","vpc_id":"vpc-\#(n)","vpc_region":"\#(region)"}"#))
        }
        return resources
    }

    private static func vpc(_ module: String, _ n: Int, cidr: String, ingress: String) -> [String] {
        var out = [
            resource(
                module, "aws_vpc", "this",
                #"{"id":"vpc-\#(n)","cidr_block":"\#(cidr)","enable_dns_support":true,"enable_dns_hostnames":true,"arn":"arn:aws:ec2:\#(region):123456789012:vpc/vpc-\#(n)","tags":{"Name":"vpc-\#(n)"}}"#
            ),
            resource(module, "aws_route_table", "private", #"{"id":"rtb-\#(n)","vpc_id":"vpc-\#(n)","route":[]}"#),
            resource(
                module, "aws_security_group", "endpoints",
                #"{"id":"sg-\#(n)","name":"endpoints","vpc_id":"vpc-\#(n)","egress":[],"ingress":[{"cidr_blocks":["\#(ingress)"],"from_port":443,"to_port":443,"protocol":"tcp","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}]}"#
            ),
        ]
        for az in 0..<2 {
            out.append(
                resource(
                    module, "aws_subnet", "private", key: az,
                    #"{"id":"subnet-\#(n)-\#(az)","vpc_id":"vpc-\#(n)","availability_zone":"\#(region)\#(az == 0 ? "a" : "c")"}"#
                ))
            out.append(
                resource(
                    module, "aws_route_table_association", "private", key: az,
                    #"{"id":"rtbassoc-\#(n)-\#(az)","route_table_id":"rtb-\#(n)","subnet_id":"subnet-\#(n)-\#(az)"}"#))
        }
        return out
    }

    private static func endpoints(_ module: String, _ n: Int, privateDNS: Bool) -> [String] {
        services.enumerated().map { k, service in
            resource(
                module, "aws_vpc_endpoint", "interface", key: service,
                #"{"id":"vpce-\#(n)-\#(k)","vpc_id":"vpc-\#(n)","vpc_endpoint_type":"Interface","service_name":"com.amazonaws.\#(region).\#(service)","private_dns_enabled":\#(privateDNS),"subnet_ids":["subnet-\#(n)-0","subnet-\#(n)-1"],"security_group_ids":["sg-\#(n)"],"dns_entry":[{"dns_name":"vpce-\#(n)-\#(k).\#(service).\#(region).vpce.amazonaws.com","hosted_zone_id":"Z2E726K9Y6RYXX"}]}"#
            )
        }
    }

    private static func resource(
        _ module: String, _ type: String, _ name: String, key: Any? = nil, mode: String = "managed", _ values: String
    ) -> String {
        let index = key.map { $0 is String ? #"[\"\#($0)\"]"# : "[\($0)]" } ?? ""
        let indexMember = key.map { $0 is String ? #","index":"\#($0)""# : #","index":\#($0)"# } ?? ""
        let local = (mode == "data" ? "data." : "") + "\(type).\(name)\(index)"
        return
            #"{"address":"\#(module).\#(local)","mode":"\#(mode)","type":"\#(type)","name":"\#(name)"\#(indexMember),"provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":\#(values),"sensitive_values":{}}"#
    }

    private static func document(_ resources: [String]) -> String {
        #"{"format_version":"1.0","terraform_version":"1.9.5","values":{"outputs":{},"root_module":{"resources":["#
            + resources.joined(separator: ",") + "]}}}\n"
    }
}
