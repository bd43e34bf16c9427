import BuiltInRules
import LintCore
import NetworkModel
import TerraformShow
import Testing
import Tracing

/// Route 53 Profiles: a hub (`vpc-h`, endpoints for `logs` and `ssm` with a zone each, associated with the hub
/// only) in `shared`, spokes `vpc-a` and `vpc-b` peered to it in `spokes`. The hub's profile `rp-1` carries
/// what `carried` names (resource ARNs); `associated` maps a spoke VPC to the profile ID it is associated with.
private func network(
    carried: [String] = ["arn:aws:route53:::hostedzone/Z-logs"], associated: [String: String] = ["vpc-a": "rp-1"],
    hubPrivateDNS: Bool = false, spokeOwnLogs: Bool = false, lone: Bool = false, bOnlyAsData: Bool = false
) throws -> NetworkModel {
    func resource(_ type: String, _ name: String, _ values: String) -> String {
        #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","values":\#(values)}"#
    }
    func endpoint(_ name: String, _ id: String, vpc: String, subnet: String, group: String, dns: Bool) -> String {
        resource(
            "aws_vpc_endpoint", name,
            #"{"id":"\#(id)","vpc_id":"\#(vpc)","service_name":"com.amazonaws.us-east-1.\#(name)","vpc_endpoint_type":"Interface","subnet_ids":["\#(subnet)"],"security_group_ids":["\#(group)"],"private_dns_enabled":\#(dns),"dns_entry":[{"dns_name":"\#(id).\#(name).us-east-1.vpce.amazonaws.com","hosted_zone_id":"ZVPCE"}]}"#
        )
    }
    let dnsOn = #""enable_dns_support":true,"enable_dns_hostnames":true"#
    var hub = [
        resource("aws_vpc", "hub", #"{"id":"vpc-h","cidr_block":"10.255.0.0/16",\#(dnsOn)}"#),
        resource("aws_subnet", "hub", #"{"id":"sub-h","vpc_id":"vpc-h","cidr_block":"10.255.1.0/24"}"#),
        resource(
            "aws_route_table", "hub",
            #"{"id":"rtb-h","vpc_id":"vpc-h","route":[{"cidr_block":"10.1.0.0/16","vpc_peering_connection_id":"pcx-a"},{"cidr_block":"10.2.0.0/16","vpc_peering_connection_id":"pcx-b"}]}"#
        ),
        resource("aws_route_table_association", "hub", #"{"subnet_id":"sub-h","route_table_id":"rtb-h"}"#),
        resource(
            "aws_security_group", "endpoints",
            #"{"id":"sg-h","vpc_id":"vpc-h","ingress":[{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.0.0.0/8"]}]}"#
        ),
        resource("aws_route53profiles_profile", "shared", #"{"id":"rp-1","name":"shared-endpoints"}"#),
    ]
    for service in ["logs", "ssm"] {
        hub.append(
            endpoint(service, "vpce-\(service)", vpc: "vpc-h", subnet: "sub-h", group: "sg-h", dns: hubPrivateDNS))
        guard !hubPrivateDNS else { continue }
        hub.append(
            resource(
                "aws_route53_zone", service,
                #"{"zone_id":"Z-\#(service)","name":"\#(service).us-east-1.amazonaws.com","vpc":[{"vpc_id":"vpc-h"}]}"#
            ))
        hub.append(
            resource(
                "aws_route53_record", service,
                #"{"zone_id":"Z-\#(service)","name":"\#(service).us-east-1.amazonaws.com","type":"A","alias":[{"name":"vpce-\#(service).\#(service).us-east-1.vpce.amazonaws.com","zone_id":"ZVPCE"}]}"#
            ))
    }
    for (offset, arn) in carried.enumerated() {
        hub.append(
            resource(
                "aws_route53profiles_resource_association", "r\(offset)",
                #"{"id":"rpr-\#(offset)","profile_id":"rp-1","resource_arn":"\#(arn)"}"#))
    }
    var spokes = [String]()
    for (name, cidr) in [("a", "10.1.0.0/16"), ("b", "10.2.0.0/16")] {
        if name == "b", bOnlyAsData {
            // The hub's root looks spoke b up and accepts its peering; b's own root is not an input.
            hub.append(
                #"{"address":"data.aws_vpc.b","mode":"data","type":"aws_vpc","name":"b","values":{"id":"vpc-b","cidr_block":"\#(cidr)"}}"#
            )
            hub.append(
                resource(
                    "aws_vpc_peering_connection", name,
                    #"{"id":"pcx-b","vpc_id":"vpc-b","peer_vpc_id":"vpc-h","accept_status":"active"}"#))
            continue
        }
        spokes += [
            resource("aws_vpc", name, #"{"id":"vpc-\#(name)","cidr_block":"\#(cidr)",\#(dnsOn)}"#),
            resource("aws_subnet", name, #"{"id":"sub-\#(name)","vpc_id":"vpc-\#(name)"}"#),
            resource(
                "aws_route_table", name,
                #"{"id":"rtb-\#(name)","vpc_id":"vpc-\#(name)","route":[{"cidr_block":"10.255.0.0/16","vpc_peering_connection_id":"pcx-\#(name)"}]}"#
            ),
            resource(
                "aws_route_table_association", name, #"{"subnet_id":"sub-\#(name)","route_table_id":"rtb-\#(name)"}"#),
            resource(
                "aws_vpc_peering_connection", name,
                #"{"id":"pcx-\#(name)","vpc_id":"vpc-\#(name)","peer_vpc_id":"vpc-h","accept_status":"active"}"#),
        ]
        if let profile = associated["vpc-\(name)"] {
            spokes.append(
                resource(
                    "aws_route53profiles_association", name,
                    #"{"id":"rpassoc-\#(name)","profile_id":"\#(profile)","resource_id":"vpc-\#(name)"}"#))
        }
    }
    if lone {
        // A VPC that nothing but the profile links to the hub.
        spokes.append(resource("aws_vpc", "c", #"{"id":"vpc-c","cidr_block":"10.3.0.0/16",\#(dnsOn)}"#))
        spokes.append(
            resource(
                "aws_route53profiles_association", "c", #"{"id":"rpassoc-c","profile_id":"rp-1","resource_id":"vpc-c"}"#
            ))
    }
    if spokeOwnLogs {
        spokes.append(
            resource(
                "aws_security_group", "a",
                #"{"id":"sg-a","vpc_id":"vpc-a","ingress":[{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.1.0.0/16"]}]}"#
            ))
        spokes.append(endpoint("logs", "vpce-a-logs", vpc: "vpc-a", subnet: "sub-a", group: "sg-a", dns: true))
    }
    func document(_ resources: [String], _ path: String) throws -> TerraformDocument {
        let text =
            #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + resources.joined(separator: ",") + "]}}}"
        return try DocumentLoader.load(bytes: Array(text.utf8), path: path)
    }
    return NetworkModel(
        documents: [("shared", try document(hub, "shared.json")), ("spokes", try document(spokes, "spokes.json"))],
        hubSelectors: ["vpc-h"])
}

private func check(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
    Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing())).run(model)
}

private func trace(_ model: NetworkModel, from vpc: String, _ service: String) throws -> Trace {
    try #require(try Tracer.trace(TraceRequest(from: vpc, service: service), in: model).traces.first)
}

/// The zone-not-associated findings and unknowns as (spoke VPC, zone address).
private func zoneFindings(_ found: [Finding]) -> Set<String> {
    Set(
        found.filter { $0.ruleID == "VPCE007" }.map { finding in
            let spoke = finding.subject.hasSuffix("aws_vpc.a") ? "vpc-a" : "vpc-b"
            return spoke + " " + finding.location.address
        })
}

@Suite("Route 53 Profiles")
struct Route53ProfileTests {
    @Test("a zone the spoke's profile carries is associated with it, with the profile as evidence")
    func aProfilesZoneIsAssociated() throws {
        let model = try network()
        let logs = try #require(model.zones.first { $0.key == "Z-logs" })
        #expect(logs.vpcKeys == ["vpc-h", "vpc-a"])
        #expect(
            logs.viaProfile["vpc-a"]?.map(\.address) == [
                "aws_route53profiles_association.a", "aws_route53profiles_resource_association.r0",
            ])
        let logsA = try trace(model, from: "vpc-a", "logs")
        #expect(logsA.status == .pass)
        #expect(
            logsA.hops.first { $0.kind == .dns }?.related.map(\.address) == [
                "aws_route53_zone.logs", "aws_route53profiles_association.a",
                "aws_route53profiles_resource_association.r0",
            ])
        #expect(try trace(model, from: "vpc-b", "logs").status == .fail)
        let link = model.topology.links.first { $0.kind == .privateZone && $0.key == "Z-logs" && $0.vpcKey == "vpc-a" }
        #expect(link?.resources.map(\.address).contains("aws_route53profiles_association.a") == true)
    }

    @Test("each missing zone is reported with the fix that keeps to the profiles")
    func missingZonesNameTheProfile() throws {
        let (findings, unknowns) = check(try network())
        #expect(unknowns.filter { $0.ruleID == "VPCE007" }.isEmpty)
        #expect(
            zoneFindings(findings) == [
                "vpc-a aws_route53_zone.ssm", "vpc-b aws_route53_zone.logs", "vpc-b aws_route53_zone.ssm",
            ])
        let ssmA = try #require(
            findings.first {
                $0.ruleID == "VPCE007" && $0.subject.hasSuffix(".a") && $0.location.address.hasSuffix("ssm")
            })
        #expect(ssmA.remediation.hasPrefix("add the zone to Route 53 Profile `aws_route53profiles_profile.shared`"))
        #expect(ssmA.related.map(\.address).contains("aws_route53profiles_association.a"))
        let logsB = try #require(
            findings.first {
                $0.ruleID == "VPCE007" && $0.subject.hasSuffix(".b") && $0.location.address.hasSuffix("logs")
            })
        #expect(
            logsB.remediation.hasPrefix(
                "associate Route 53 Profile `aws_route53profiles_profile.shared`, which carries the zone, with the spoke VPC"
            ))
        let ssmB = try #require(
            findings.first {
                $0.ruleID == "VPCE007" && $0.subject.hasSuffix(".b") && $0.location.address.hasSuffix("ssm")
            })
        #expect(ssmB.remediation.hasPrefix("associate `aws_route53_zone.ssm` with the spoke VPC"))
    }

    @Test("a profile no input holds makes the spoke's zone associations unknown, never missing")
    func aProfileOutsideTheInputsIsUnknown() throws {
        let (findings, unknowns) = check(try network(associated: ["vpc-a": "rp-elsewhere"]))
        #expect(zoneFindings(findings) == ["vpc-b aws_route53_zone.logs", "vpc-b aws_route53_zone.ssm"])
        #expect(zoneFindings(unknowns) == ["vpc-a aws_route53_zone.logs", "vpc-a aws_route53_zone.ssm"])
        #expect(
            unknowns.contains {
                $0.ruleID == "VPCE007" && $0.related.map(\.address) == ["aws_route53profiles_association.a"]
                    && $0.message.contains("names Route 53 Profile rp-elsewhere, which no input declares")
            })
        #expect(try trace(model: network(associated: ["vpc-a": "rp-elsewhere"]), "vpc-a").status == .unknown)
    }

    @Test("an endpoint with private DNS that the spoke's profile carries answers in the spoke")
    func aProfilesEndpointAnswers() throws {
        let model = try network(
            carried: ["arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-logs"], hubPrivateDNS: true)
        let logsA = try trace(model, from: "vpc-a", "logs")
        #expect(logsA.status == .pass)
        let dns = try #require(logsA.hops.first { $0.kind == .dns })
        #expect(dns.reason == .profileEndpoint(host: "logs.us-east-1.amazonaws.com", profile: dns.related[0]))
        #expect(
            dns.related.map(\.address) == [
                "aws_route53profiles_association.a", "aws_route53profiles_resource_association.r0",
            ])
        #expect(try trace(model, from: "vpc-a", "ssm").status == .fail, "the profile carries only the logs endpoint")
        let (findings, _) = check(model)
        // The hub's private DNS is what serves vpc-a's logs: only the spokes it does not reach are findings.
        let privateDNS = findings.filter { $0.ruleID == "VPCE003" }
        // The hub's private DNS serves vpc-a's logs: of the spokes, only vpc-b misses it, and the fix is the profile.
        let logs = try #require(privateDNS.first { $0.location.address == "aws_vpc_endpoint.logs" })
        #expect(logs.related.map(\.address) == ["aws_vpc.b"])
        #expect(
            logs.message.contains(
                "which only the hub VPC and the VPCs of Route 53 Profile `aws_route53profiles_profile.shared`, which carries it, can see"
            ))
        #expect(
            logs.remediation.hasPrefix(
                "associate Route 53 Profile `aws_route53profiles_profile.shared` with these spokes"))
        let ssm = try #require(privateDNS.first { $0.location.address == "aws_vpc_endpoint.ssm" })
        #expect(ssm.related.map(\.address) == ["aws_vpc.a", "aws_vpc.b"])
        // vpc-a uses the profile, which lacks the ssm endpoint: the fix adds it there.
        #expect(
            ssm.remediation.hasPrefix(
                "add this endpoint to Route 53 Profile `aws_route53profiles_profile.shared`, which these spokes use"))
        // With no profile anywhere, the fix is the zone design's.
        let plain = check(try network(carried: [], associated: [:], hubPrivateDNS: true)).findings
        #expect(
            plain.first { $0.ruleID == "VPCE003" && $0.location.address == "aws_vpc_endpoint.ssm" }?.remediation
                .hasPrefix("set `private_dns_enabled = false`") == true)
    }

    @Test("a profile joins its VPCs and what it carries in one component", arguments: [false, true])
    func aProfileJoinsItsComponent(endpoints: Bool) throws {
        let model =
            endpoints
            ? try network(
                carried: ["arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-logs"], associated: [:],
                hubPrivateDNS: true, lone: true)
            : try network(associated: [:], lone: true)
        let hub = try #require(model.components().components.first { $0.vpcKeys.contains("vpc-h") })
        #expect(hub.vpcKeys.contains("vpc-c"))
    }

    @Test("a VPC that only a profile carrying the hub's endpoints links is a spoke, and its missing path is said")
    func aProfileLinkMakesASpoke() throws {
        let model = try network(
            carried: ["arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-logs"], hubPrivateDNS: true, lone: true)
        let hub = try #require(model.topology.hubs.first { $0.vpc.key == "vpc-h" })
        let spoke = try #require(hub.spokes.first { $0.vpc.key == "vpc-c" })
        #expect(spoke.links.map(\.kind) == [.route53Profile])
        #expect(
            spoke.links.first?.resources.map(\.address) == [
                "aws_route53profiles_association.c", "aws_route53profiles_resource_association.r0",
            ])
        // Its names answer through the hub's endpoint, which no peering or transit gateway reaches.
        let (findings, _) = check(model)
        #expect(
            findings.contains {
                $0.ruleID == "VPCE002" && $0.location.address == "aws_route_table.hub"
                    && $0.message.contains("(aws_vpc.c) 10.3.0.0/16")
            })
        let trace = try trace(model, from: "vpc-c", "logs")
        #expect(trace.hops.first { $0.kind == .dns }?.status == .pass)
        #expect(trace.hops.first { $0.status == .fail }?.kind == .forwardRoute)
    }

    @Test(
        "a spoke known only from the hub's data sources may use the profile: its checks are unknown",
        arguments: [false, true])
    func aDataSourceSpokesProfileIsUnknown(endpoints: Bool) throws {
        let model =
            endpoints
            ? try network(
                carried: ["arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-logs"], hubPrivateDNS: true,
                bOnlyAsData: true)
            : try network(bOnlyAsData: true)
        let (findings, unknowns) = check(model)
        let rule = endpoints ? "VPCE003" : "VPCE007"
        let logs = endpoints ? "aws_vpc_endpoint.logs" : "aws_route53_zone.logs"
        let about = { (finding: Finding) in
            finding.ruleID == rule && finding.location.address == logs
                && (finding.related.contains { $0.address == "data.aws_vpc.b" }
                    || finding.subject.hasSuffix(":data.aws_vpc.b"))
        }
        // The profile carries logs: b's association with it is not in the inputs. It does not carry ssm.
        #expect(!findings.contains(where: about))
        let unknown = try #require(unknowns.first(where: about))
        #expect(unknown.message.contains(endpoints ? "only as data sources" : "only as a data source"))
        #expect(try trace(model, from: "vpc-b", "logs").status == .unknown)
        #expect(try trace(model, from: "vpc-b", "ssm").status == .fail)
    }

    @Test("the spoke's own private-DNS endpoint wins over its profile's zone: no conflict")
    func ownSettingsWinOverTheProfile() throws {
        let model = try network(spokeOwnLogs: true)
        let logsA = try trace(model, from: "vpc-a", "logs")
        let dns = try #require(logsA.hops.first { $0.kind == .dns })
        #expect(dns.reason == .ownEndpoint(host: "logs.us-east-1.amazonaws.com"))
        let (findings, _) = check(model)
        #expect(!findings.contains { $0.message.contains("ConflictingDomainExists") || $0.ruleID == "VPCE003" })
    }

    @Test("a profile's Resolver rule is associated with the profile's VPCs")
    func aProfilesResolverRuleIsAssociated() throws {
        func resource(_ type: String, _ name: String, _ values: String) -> String {
            #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","values":\#(values)}"#
        }
        let text =
            #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
            + [
                resource("aws_vpc", "a", #"{"id":"vpc-a","cidr_block":"10.1.0.0/16"}"#),
                resource(
                    "aws_route53_resolver_rule", "aws",
                    #"{"id":"rslvr-rr-1","domain_name":"amazonaws.com","rule_type":"FORWARD","target_ip":[{"ip":"10.255.1.10"}]}"#
                ),
                resource(
                    "aws_route53profiles_resource_association", "rule",
                    #"{"id":"rpr-1","profile_id":"rp-1","resource_arn":"arn:aws:route53resolver:us-east-1:111111111111:resolver-rule/rslvr-rr-1"}"#
                ),
                resource(
                    "aws_route53profiles_association", "a",
                    #"{"id":"rpassoc-1","profile_id":"rp-1","resource_id":"vpc-a"}"#),
            ].joined(separator: ",") + "]}}}"
        let model = NetworkModel(
            documents: [("net", try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json"))])
        let rule = try #require(model.resolverRules.first)
        #expect(rule.vpcKeys == ["vpc-a"])
        #expect(rule.associations.map(\.address).contains("aws_route53profiles_association.a"))
        #expect(model.resolverRule(for: "logs.us-east-1.amazonaws.com", in: "vpc-a")?.key == "rslvr-rr-1")
    }
}

private func trace(model: NetworkModel, _ vpc: String) throws -> Trace {
    try trace(model, from: vpc, "logs")
}
