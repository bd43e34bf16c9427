import BuiltInRules
import LintCore
import NetworkModel
import TerraformShow
import Testing
import Tracing

/// Issue 12, class 7: nothing about the network is dropped silently. A hub with a `logs` endpoint and one
/// peered spoke; `spoke` is the spoke VPC's CIDR attributes and `ingress` the endpoint group's one ingress
/// block, both as JSON members.
private func network(
    spoke: String = #""cidr_block":"10.3.0.0/16""#,
    ingress: String = #""protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.0.0.0/8"]"#,
    hubRoutes: String = #"{"cidr_block":"10.3.0.0/16","vpc_peering_connection_id":"pcx-1"}"#
) throws -> NetworkModel {
    func resource(_ type: String, _ name: String, _ values: String) -> String {
        #"{"address":"\#(type).\#(name)","mode":"managed","type":"\#(type)","name":"\#(name)","values":\#(values)}"#
    }
    let resources = [
        resource(
            "aws_vpc", "hub",
            #"{"id":"vpc-h","cidr_block":"10.255.0.0/16","enable_dns_support":true,"enable_dns_hostnames":true}"#),
        resource(
            "aws_vpc", "spoke", #"{"id":"vpc-s",\#(spoke),"enable_dns_support":true,"enable_dns_hostnames":true}"#),
        resource("aws_subnet", "hub", #"{"id":"sub-h","vpc_id":"vpc-h","cidr_block":"10.255.1.0/24"}"#),
        resource("aws_subnet", "spoke", #"{"id":"sub-s","vpc_id":"vpc-s"}"#),
        resource("aws_route_table", "hub", #"{"id":"rtb-h","vpc_id":"vpc-h","route":[\#(hubRoutes)]}"#),
        resource(
            "aws_route_table", "spoke",
            #"{"id":"rtb-s","vpc_id":"vpc-s","route":[{"cidr_block":"10.255.0.0/16","vpc_peering_connection_id":"pcx-1"}]}"#
        ),
        resource("aws_route_table_association", "hub", #"{"subnet_id":"sub-h","route_table_id":"rtb-h"}"#),
        resource("aws_route_table_association", "spoke", #"{"subnet_id":"sub-s","route_table_id":"rtb-s"}"#),
        resource(
            "aws_vpc_peering_connection", "spoke",
            #"{"id":"pcx-1","vpc_id":"vpc-s","peer_vpc_id":"vpc-h","accept_status":"active"}"#),
        resource("aws_security_group", "endpoints", #"{"id":"sg-h","vpc_id":"vpc-h","ingress":[{\#(ingress)}]}"#),
        resource(
            "aws_vpc_endpoint", "logs",
            #"{"id":"vpce-h","vpc_id":"vpc-h","service_name":"com.amazonaws.us-east-1.logs","vpc_endpoint_type":"Interface","subnet_ids":["sub-h"],"security_group_ids":["sg-h"],"private_dns_enabled":false,"dns_entry":[{"dns_name":"vpce-h.logs.us-east-1.vpce.amazonaws.com","hosted_zone_id":"ZVPCE"}]}"#
        ),
        resource(
            "aws_route53_zone", "logs",
            #"{"zone_id":"Z1","name":"logs.us-east-1.amazonaws.com","vpc":[{"vpc_id":"vpc-h"},{"vpc_id":"vpc-s"}]}"#),
        resource(
            "aws_route53_record", "logs",
            #"{"zone_id":"Z1","name":"logs.us-east-1.amazonaws.com","type":"A","alias":[{"name":"vpce-h.logs.us-east-1.vpce.amazonaws.com","zone_id":"ZVPCE"}]}"#
        ),
    ]
    let text =
        #"{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":["#
        + resources.joined(separator: ",") + "]}}}"
    let document = try DocumentLoader.load(bytes: Array(text.utf8), path: "net.json")
    return NetworkModel(documents: [("net", document)], hubSelectors: ["vpc-h"])
}

private func check(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
    Linter(rules: builtInRules.map { $0.init() }, context: RuleContext(pricing: Pricing())).run(model)
}

private func trace(_ model: NetworkModel) throws -> Trace {
    try #require(try Tracer.trace(TraceRequest(from: "vpc-s", service: "logs"), in: model).traces.first)
}

@Suite struct UnreadableValueTests {
    @Test func theSiteItselfPasses() throws {
        let model = try network()
        let (findings, unknowns) = check(model)
        #expect(findings.isEmpty && unknowns.isEmpty, "\((findings + unknowns).map(\.message))")
        #expect(try trace(model).status == .pass)
    }

    /// A spoke network that cannot be read is an unknown at the spoke VPC, naming the attribute, for the
    /// security-group and the return-route rule alike, and in `trace`.
    @Test(arguments: [
        (#""cidr_block":"10.3.0.0/16 ""#, "cidr_block"), (#""cidr_block":"10.3.0.0/33""#, "cidr_block"),
        (#""cidr_block":"10.3.0.0/4294967312""#, "cidr_block"),
        (#""cidr_block":"::ffff:10.3.0.0/112""#, "cidr_block"),
        (#""cidr_block":"10.3.0.0/16","ipv6_cidr_block":"::ffff:10.3.0.0/112""#, "ipv6_cidr_block"),
        (
            #""cidr_block":"10.3.0.0/16","cidr_block_associations":[{"cidr_block":"10.9.0.0/16 "}]"#,
            "cidr_block_associations.0.cidr_block"
        ),
    ])
    func unreadableSpokeCIDRIsUnknownNeverAbsent(_ spoke: String, _ attribute: String) throws {
        let model = try network(spoke: spoke)
        let vpc = try #require(model.vpcs.first { $0.key == "vpc-s" })
        #expect(vpc.unreadableCIDRs.map(\.attribute) == [attribute])
        let (_, unknowns) = check(model)
        #expect(unknowns.contains { $0.subject == attribute && $0.message.contains("overlaps another VPC") })
        for rule in ["VPCE005", "VPCE002"] {
            let unknown = unknowns.first { $0.ruleID == rule && $0.subject == attribute }
            #expect(unknown?.location.address == "aws_vpc.spoke", "\(rule): \(unknowns.map(\.message))")
            #expect(unknown?.message.contains("its \(attribute) cannot be read") == true, "\(rule)")
        }
        let trace = try trace(model)
        #expect(trace.status != .pass)
        #expect(trace.hops.contains { $0.status == .unknown && $0.origin?.address == "aws_vpc.spoke" })
    }

    /// A port that cannot be read never counts as allowing 443: the rule's verdict is unknown, naming it and the
    /// attribute; `"443"` (the provider writes some numbers as strings) still reads.
    @Test(arguments: [#""abc""#, "true", "null", "1e308", "70000"])
    func unreadablePortIsUnknown(_ port: String) throws {
        let model = try network(
            ingress: #""protocol":"tcp","from_port":\#(port),"to_port":443,"cidr_blocks":["10.0.0.0/8"]"#)
        let (findings, unknowns) = check(model)
        #expect(!findings.contains { $0.ruleID == "VPCE005" })
        let unknown = try #require(unknowns.first { $0.ruleID == "VPCE005" }, "\(unknowns.map(\.message))")
        #expect(unknown.message.contains("rule `aws_security_group.endpoints` cannot be read: ingress.0.from_port"))
        let hop = try #require(try trace(model).hops.first { $0.kind == .securityGroup })
        #expect(hop.status == .unknown)
        guard case .sgRuleUnreadable(_, _, let rule, let problem) = hop.reason else {
            Issue.record("\(hop.reason)")
            return
        }
        #expect(rule.address == "aws_security_group.endpoints" && problem.hasPrefix("ingress.0.from_port"))
    }

    @Test func aPortWrittenAsADecimalStringReads() throws {
        let model = try network(
            ingress: #""protocol":"tcp","from_port":"443","to_port":"443","cidr_blocks":["10.0.0.0/8"]"#)
        #expect(check(model).unknowns.isEmpty)
        #expect(try trace(model).status == .pass)
    }

    /// A source CIDR of the rule that cannot be read leaves the verdict unknown, not denied.
    @Test func unreadableSourceCIDRIsUnknown() throws {
        let model = try network(
            ingress: #""protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["10.0.0.0/8 "]"#)
        let (findings, unknowns) = check(model)
        #expect(!findings.contains { $0.ruleID == "VPCE005" }, "\(findings.map(\.message))")
        #expect(unknowns.contains { $0.ruleID == "VPCE005" && $0.message.contains("ingress.0.cidr_blocks") })
    }

    /// An IPv6-only spoke is judged on its IPv6 network: an IPv4-only endpoint group and hub route table
    /// leave it out, which both rules and `trace` report.
    @Test func ipv6OnlySpokeIsChecked() throws {
        let model = try network(spoke: #""cidr_block":null,"ipv6_cidr_block":"2600:1f18:1:1200::/56""#)
        let (findings, _) = check(model)
        let sg = findings.first { $0.ruleID == "VPCE005" }
        #expect(sg?.subject == "2600:1f18:1:1200::/56", "\(findings.map(\.message))")
        #expect(findings.contains { $0.ruleID == "VPCE002" && $0.subject == "2600:1f18:1:1200::/56" })
        let trace = try trace(model)
        #expect(trace.hops.contains { $0.kind == .securityGroup && $0.status == .fail })
        #expect(trace.hops.contains { $0.kind == .returnRoute && $0.status == .fail })

        let open = try network(
            spoke: #""cidr_block":null,"ipv6_cidr_block":"2600:1f18:1:1200::/56""#,
            ingress: #""protocol":"tcp","from_port":443,"to_port":443,"ipv6_cidr_blocks":["2600:1f18:1::/48"]"#,
            hubRoutes: #"{"ipv6_cidr_block":"2600:1f18:1:1200::/56","vpc_peering_connection_id":"pcx-1"}"#)
        let reachable = check(open)
        #expect(
            !reachable.findings.contains { ["VPCE005", "VPCE002"].contains($0.ruleID) },
            "\(reachable.findings.map(\.message))")
    }
}
