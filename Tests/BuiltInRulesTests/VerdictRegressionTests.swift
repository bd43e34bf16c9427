import BuiltInRules
import Consolidation
import LintCore
import NetworkModel
import TerraformShow
import TestSupport
import Testing
import Tracing

/// A hub and one spoke in `region`, peered (`peering` is the peering's attributes beyond its VPCs), with a
/// `logs` endpoint in the hub behind a private hosted zone associated with the hub and, when `associated`,
/// the spoke. Keys and addresses carry `tag` so that several sites can share one model.
private func site(
    _ tag: String, region: String, spokeCIDR: String, associated: Bool = true,
    peering: String = #""accept_status":"active""#, extra: [String] = []
) -> [String] {
    let hub = "vpc-h\(tag)"
    let spoke = "vpc-s\(tag)"
    let zoneVPCs = associated ? #"[{"vpc_id":"\#(hub)"},{"vpc_id":"\#(spoke)"}]"# : #"[{"vpc_id":"\#(hub)"}]"#
    let dnsName = "vpce-h\(tag).logs.\(region).vpce.amazonaws.com"
    return [
        resource(
            "aws_vpc", "hub_\(tag)",
            #"{"id":"\#(hub)","cidr_block":"10.255.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true,"arn":"arn:aws:ec2:\#(region):123456789012:vpc/\#(hub)"}"#
        ),
        resource(
            "aws_vpc", "spoke_\(tag)",
            #"{"id":"\#(spoke)","cidr_block":"\#(spokeCIDR)","enable_dns_support":true,"enable_dns_hostnames":true}"#),
        resource(
            "aws_subnet", "hub_\(tag)",
            #"{"id":"sub-h\#(tag)","vpc_id":"\#(hub)","cidr_block":"10.255.1.0/24","availability_zone":"\#(region)a"}"#),
        resource(
            "aws_subnet", "spoke_\(tag)",
            #"{"id":"sub-s\#(tag)","vpc_id":"\#(spoke)","cidr_block":"\#(spokeCIDR.replacingOccurrences(of: "0.0/16", with: "1.0/24"))","availability_zone":"\#(region)a"}"#
        ),
        resource(
            "aws_route_table", "hub_\(tag)",
            #"{"id":"rtb-h\#(tag)","vpc_id":"\#(hub)","route":[{"cidr_block":"\#(spokeCIDR)","vpc_peering_connection_id":"pcx-\#(tag)"}]}"#
        ),
        resource(
            "aws_route_table", "spoke_\(tag)",
            #"{"id":"rtb-s\#(tag)","vpc_id":"\#(spoke)","route":[{"cidr_block":"10.255.0.0/16","vpc_peering_connection_id":"pcx-\#(tag)"}]}"#
        ),
        resource(
            "aws_route_table_association", "hub_\(tag)",
            #"{"subnet_id":"sub-h\#(tag)","route_table_id":"rtb-h\#(tag)"}"#),
        resource(
            "aws_route_table_association", "spoke_\(tag)",
            #"{"subnet_id":"sub-s\#(tag)","route_table_id":"rtb-s\#(tag)"}"#),
        resource(
            "aws_vpc_peering_connection", "spoke_\(tag)",
            #"{"id":"pcx-\#(tag)","vpc_id":"\#(spoke)","peer_vpc_id":"\#(hub)",\#(peering)}"#),
        resource(
            "aws_security_group", "endpoints_\(tag)",
            #"{"id":"sg-h\#(tag)","vpc_id":"\#(hub)","ingress":[{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.0.0.0/8"]}]}"#
        ),
        resource(
            "aws_vpc_endpoint", "logs_\(tag)",
            #"{"id":"vpce-h\#(tag)","vpc_id":"\#(hub)","service_name":"com.amazonaws.\#(region).logs","vpc_endpoint_type":"Interface","subnet_ids":["sub-h\#(tag)"],"security_group_ids":["sg-h\#(tag)"],"private_dns_enabled":false,"dns_entry":[{"dns_name":"\#(dnsName)","hosted_zone_id":"ZVPCE"}]}"#
        ),
        resource(
            "aws_route53_zone", "logs_\(tag)",
            #"{"zone_id":"Z\#(tag)","name":"logs.\#(region).amazonaws.com","vpc":\#(zoneVPCs)}"#),
        resource(
            "aws_route53_record", "logs_\(tag)",
            #"{"zone_id":"Z\#(tag)","name":"logs.\#(region).amazonaws.com","type":"A","alias":[{"name":"\#(dnsName)","zone_id":"ZVPCE"}]}"#
        ),
    ] + extra
}

private func resource(_ type: String, _ name: String, _ values: String, mode: String = "managed") -> String {
    let address = (mode == "data" ? "data." : "") + "\(type).\(name)"
    return
        #"{"address":"\#(address)","mode":"\#(mode)","type":"\#(type)","name":"\#(name)","provider_name":"registry.terraform.io/hashicorp/aws","values":\#(values)}"#
}

private func model(_ resources: [String], hubs: [String] = []) throws -> NetworkModel {
    let text =
        #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
        + resources.joined(separator: ",") + "]}}}"
    let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json")
    return NetworkModel(documents: [("net", document)], hubSelectors: hubs)
}

private func check(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
    Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing())).run(model)
}

private func trace(_ model: NetworkModel, from vpc: String, service: String = "logs", host: String? = nil) throws
    -> Trace
{
    try #require(try Tracer.trace(TraceRequest(from: vpc, service: service, host: host), in: model).traces.first)
}

/// Regressions where `check` and `trace` used to disagree (issue 13 §3).
@Suite struct VerdictRegressionTests {
    /// 1. A route through a peering that is pending-acceptance drops traffic: the trace fails at the peering,
    /// where peering-not-active reports it, and the route rules stay quiet.
    @Test func pendingPeeringFailsTheRouteHopsAtThePeering() throws {
        let model = try model(
            site(
                "1", region: "ap-northeast-1", spokeCIDR: "10.2.0.0/16",
                peering: #""accept_status":"pending-acceptance""#))
        let trace = try trace(model, from: "vpc-s1")
        let routes = trace.hops.filter { $0.kind == .forwardRoute || $0.kind == .returnRoute }
        #expect(routes.count == 2)
        #expect(routes.allSatisfy { $0.status == .fail && $0.origin?.address == "aws_vpc_peering_connection.spoke_1" })
        let (findings, unknowns) = check(model)
        #expect(unknowns.isEmpty)
        #expect(findings.map(\.ruleID) == ["VPCE012"], "\(findings.map(\.message))")
        #expect(findings.first?.location.address == "aws_vpc_peering_connection.spoke_1")
    }

    /// 1b. A peering known only through a data source without a status: unknown, not passed.
    @Test func peeringWithUnknownStatusIsUnknownAtThePeering() throws {
        var resources = site("1", region: "ap-northeast-1", spokeCIDR: "10.2.0.0/16")
        resources.removeAll { $0.contains(#""type":"aws_vpc_peering_connection""#) }
        resources.append(
            resource(
                "aws_vpc_peering_connection", "spoke", #"{"id":"pcx-1","vpc_id":"vpc-s1","peer_vpc_id":"vpc-h1"}"#,
                mode: "data"))
        let model = try model(resources)
        let trace = try trace(model, from: "vpc-s1")
        #expect(trace.status == .unknown)
        #expect(
            trace.hops.filter { $0.status == .unknown }.allSatisfy {
                $0.origin?.address == "data.aws_vpc_peering_connection.spoke"
            })
        let (findings, unknowns) = check(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(unknowns.map(\.ruleID) == ["VPCE012"], "\(unknowns.map(\.message))")
    }

    /// 2. On the broken hub planned from scratch, stg's DNS to ecr.api goes through a zone association whose
    /// zone the plan leaves unknown, but whose instance key (`ecr.api/stg`) names it: trace and check both
    /// decide it (pass, no zone-not-associated). ssm fails at the hub endpoint whose private DNS only the hub
    /// sees, where private-dns-misconfigured reports it.
    @Test func zoneAssociationsAPlanNamesByKeyAreDecidedInTraceAndCheck() throws {
        let model = try Scenario.model("hub-spoke-broken-plan")
        let (findings, unknowns) = try Scenario.run("hub-spoke-broken-plan")
        let stg = try #require(model.vpcs.first { $0.tags["Name"] == "stg-vpc" })
        let api = try #require(trace(model, from: stg.key, service: "ecr.api").hops.first { $0.kind == .dns })
        #expect(api.status == .pass)
        #expect(api.origin?.address == #"module.shared.aws_route53_record.apex["ecr.api"]"#)
        #expect(!(findings + unknowns).contains { $0.ruleID == "VPCE007" })
        let ssm = try #require(trace(model, from: stg.key, service: "ssm").hops.first { $0.kind == .dns })
        #expect(ssm.status == .fail)
        #expect(ssm.origin?.address == #"module.shared.aws_vpc_endpoint.interface["ssm"]"#)
        #expect(
            findings.contains { $0.ruleID == "VPCE003" && $0.location == ssm.origin && $0.subject == "private-dns-on" })
    }

    /// 3. A spoke with its own private-DNS endpoint for a service the hub also serves resolves through it; the
    /// hub zone it is not associated with is no finding.
    @Test func spokeOwnEndpointNeedsNoHubZoneAssociation() throws {
        let own = resource(
            "aws_vpc_endpoint", "own_logs",
            #"{"id":"vpce-own","vpc_id":"vpc-s1","service_name":"com.amazonaws.ap-northeast-1.logs","vpc_endpoint_type":"Interface","subnet_ids":["sub-s1"],"security_group_ids":["sg-own"],"private_dns_enabled":true}"#
        )
        let group = resource(
            "aws_security_group", "own",
            #"{"id":"sg-own","vpc_id":"vpc-s1","ingress":[{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.2.0.0/16"]}]}"#
        )
        let model = try model(
            site("1", region: "ap-northeast-1", spokeCIDR: "10.2.0.0/16", associated: false, extra: [own, group]),
            hubs: ["vpc-h1"])
        let trace = try trace(model, from: "vpc-s1")
        #expect(trace.status == .pass, "\(trace.hops.map(\.reason))")
        #expect(trace.hops.first { $0.kind == .dns }?.reason == .ownEndpoint(host: "logs.ap-northeast-1.amazonaws.com"))
        let (findings, unknowns) = check(model)
        #expect(!findings.contains { $0.ruleID == "VPCE007" }, "\(findings.map(\.message))")
        #expect(unknowns.isEmpty)
    }

    /// 4. Hubs in two Regions: a service name resolves in the source VPC's Region (known from the subnets'
    /// AZs, the VPC's ARN or its endpoints) unless the full service name names another, and an endpoint's
    /// private DNS answers only its own Region's name.
    @Test func serviceNamesResolveInTheSourceRegion() throws {
        let foreign = resource(
            "aws_vpc_endpoint", "tokyo_logs",
            #"{"id":"vpce-foreign","vpc_id":"vpc-sv","service_name":"com.amazonaws.ap-northeast-1.logs","vpc_endpoint_type":"Interface","subnet_ids":["sub-sv"],"security_group_ids":["sg-hv"],"private_dns_enabled":true}"#
        )
        let model = try model(
            site("t", region: "ap-northeast-1", spokeCIDR: "10.2.0.0/16")
                + site("v", region: "us-east-1", spokeCIDR: "10.3.0.0/16", extra: [foreign]),
            hubs: ["vpc-ht", "vpc-hv"])
        #expect(model.vpc("vpc-sv")?.region == "us-east-1")
        #expect(model.vpc("vpc-hv")?.region == "us-east-1")
        let virginia = try trace(model, from: "vpc-sv")
        #expect(virginia.host == "logs.us-east-1.amazonaws.com")
        #expect(virginia.status == .pass, "\(virginia.hops.map(\.reason))")
        #expect(virginia.hops.first { $0.kind == .target }?.origin?.address == "aws_vpc_endpoint.logs_v")
        let tokyo = try trace(model, from: "vpc-st")
        #expect(tokyo.host == "logs.ap-northeast-1.amazonaws.com")
        #expect(tokyo.status == .pass, "\(tokyo.hops.map(\.reason))")
        // Named explicitly, the Tokyo name is answered by the spoke's own Tokyo endpoint.
        let named = try trace(model, from: "vpc-sv", service: "com.amazonaws.ap-northeast-1.logs")
        #expect(named.host == "logs.ap-northeast-1.amazonaws.com")
        #expect(named.hops.first { $0.kind == .dns }?.origin?.address == "aws_vpc_endpoint.tokyo_logs")
        let (findings, unknowns) = check(model)
        #expect(!findings.contains { ["VPCE003", "VPCE007"].contains($0.ruleID) }, "\(findings.map(\.message))")
        #expect(unknowns.isEmpty, "\(unknowns.map(\.message))")
    }
}

/// A partial view (the spoke files of a hub design, the hub outside the inputs): trace and check both say
/// unknown at the spoke, and `consolidate` refuses to plan a hub among the spokes.
@Suite struct PartialViewAgreementTests {
    @Test func theSpokesOfAnOutsideHubAreUnknownInTraceAndCheck() throws {
        let documents = try ["dev", "stg", "prd"].map { name in
            (
                environment: name,
                document: try DocumentLoader.load(
                    path: Repository.path("fixtures/hub-spoke-broken/\(name).show.json"))
            )
        }
        let model = NetworkModel(documents: documents)
        #expect(model.hubs.isEmpty)
        #expect(model.topology.outsideHubs.count == 1)
        let linter = Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing()))
        let (findings, unknowns) = linter.run(model)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        for vpc in model.vpcs where vpc.isManaged {
            let trace = try #require(
                try Tracer.trace(TraceRequest(from: vpc.key, service: "ssm"), in: model).traces.first)
            let dns = try #require(trace.hops.first { $0.kind == .dns })
            #expect(dns.status == .unknown)
            #expect(dns.origin == vpc.origin)
            #expect(unknowns.contains { $0.location == vpc.origin })
        }
        #expect(throws: CheckError.self) {
            try ConsolidationPlanner(model: model, pricing: Pricing(), via: .peering).plan()
        }
    }
}
