import LintCore
import NetworkModel

/// One fixed result every golden file is rendered from: two rules with descriptions, one finding whose rule
/// is not among them, a saving, a related resource, an unknown check, three environments and JPY.
enum Canned {
    static let rules = [
        RuleDescription(
            id: "VPCE001", name: "duplicate-interface-endpoint",
            summary: "The same interface endpoint service in several VPCs.", category: .cost,
            defaultSeverity: .warning, whatItDoes: "Finds interface endpoints that several VPCs each pay for.",
            whyItMatters: "Each copy is billed per AZ per hour.", howToFix: "Serve the service from the hub.",
            savings: "All copies minus one.", references: ["https://aws.amazon.com/privatelink/pricing/"],
            triggeringExamples: [.fixture("three-spokes", flags: ["aws_vpc_endpoint.interface[\"ssm\"]"])],
            nonTriggeringExamples: [.fixture("hub-spoke-ok")]),
        RuleDescription(
            id: "VPCE002", name: "missing-reverse-route",
            summary: "A hub route table without a route back to a spoke.", category: .routing,
            defaultSeverity: .error, whatItDoes: "Follows the return path from the hub endpoints' subnets.",
            whyItMatters: "Replies are dropped: `context deadline exceeded`.",
            howToFix: "Add a route to the spoke CIDR through its peering.", references: [],
            triggeringExamples: [], nonTriggeringExamples: []),
    ]

    static func origin(_ environment: String, _ address: String) -> Origin {
        Origin(environment: environment, path: "states/\(environment).show.json", address: address)
    }

    static let findings = [
        Finding(
            ruleID: "VPCE001", ruleName: "duplicate-interface-endpoint", severity: .warning,
            location: origin("stg", "aws_vpc_endpoint.interface[\"ssm\"]"),
            message: "interface endpoint `aws_vpc_endpoint.interface[\"ssm\"]` for `ssm` is one of 2 copies",
            remediation: "delete this copy and use the hub's", subject: "ssm",
            related: [origin("dev", "aws_vpc_endpoint.interface[\"ssm\"]")],
            savings: MonthlyCost(usd: 10.22, formula: "1 endpoint, 1 endpoint-AZ x 0.014 USD/h x 730 h")),
        Finding(
            ruleID: "VPCE002", ruleName: "missing-reverse-route", severity: .error,
            location: origin("shared", "module.hub.aws_route_table.private"),
            message: "hub route table `module.hub.aws_route_table.private` has no route to spoke stg 10.20.0.0/16",
            remediation: "add a route to 10.20.0.0/16 through `aws_vpc_peering_connection.stg`",
            subject: "10.20.0.0/16"),
        Finding(
            ruleID: "VPCE099", ruleName: "example-note", severity: .note,
            location: origin("stg", "aws_vpc.main"), message: "a note from a rule without a description",
            remediation: "nothing to do"),
    ]

    static let unknowns = [
        Finding(
            ruleID: "VPCE002", ruleName: "missing-reverse-route", severity: .error,
            location: origin("shared", "module.hub.aws_route.to_spoke[\"dev\"]"),
            message: "hub route to spoke dev 10.10.0.0/16 goes through a target that cannot be checked",
            remediation: "apply, then lint the state", subject: "vpc_peering_connection_id", status: .unknown)
    ]

    /// Hub shared with spokes dev (an active peering and a zone) and stg (a transit gateway); a tools VPC in
    /// no hub.
    static let topology: TopologySummary = {
        func vpc(_ environment: String, _ id: String, _ cidr: String) -> TopologySummary.Member {
            TopologySummary.Member(
                id: id, name: environment, cidrs: [cidr], origin: origin(environment, "aws_vpc.main"), inInputs: true)
        }
        let peering = TopologySummary.Link(
            kind: "peering", id: "pcx-1", state: "active", isPath: true, ends: ["vpc-dev", "vpc-hub"],
            resources: [origin("dev", "aws_vpc_peering_connection.hub")])
        let zone = TopologySummary.Link(
            kind: "private-zone", id: "Z1", state: "associated", isPath: true, ends: ["vpc-dev", "vpc-hub"],
            resources: [origin("shared", "aws_route53_zone.ssm")])
        let gateway = TopologySummary.Link(
            kind: "transit-gateway", id: "tgw-1", state: "routed", isPath: true, ends: ["vpc-hub", "vpc-stg"],
            resources: [origin("shared", "aws_ec2_transit_gateway_vpc_attachment.hub")])
        let hub = TopologySummary.Hub(
            vpc: vpc("shared", "vpc-hub", "10.255.0.0/16"),
            spokes: [
                TopologySummary.Spoke(vpc: vpc("dev", "vpc-dev", "10.10.0.0/16"), links: [peering, zone]),
                TopologySummary.Spoke(vpc: vpc("stg", "vpc-stg", "10.20.0.0/16"), links: [gateway]),
            ])
        return TopologySummary(
            hubs: [hub], links: [peering, gateway, zone], vpcsOutsideHubs: [vpc("stg", "vpc-tools", "10.2.0.0/16")])
    }()

    static var result: LintResult {
        var result = LintResult(
            toolVersion: "0.1.0",
            inputs: ["dev", "stg", "shared"].map { environment in
                InputSummary(
                    path: "states/\(environment).show.json", environment: environment, kind: "state",
                    formatVersion: "1.0", terraformVersion: "1.11.4", resources: 12)
            },
            rules: rules, findings: findings, unknowns: unknowns,
            pricing: Pricing(currency: "JPY", exchangeRate: 150),
            endpointCostByEnvironment: ["dev": 20.44, "stg": 20.44, "shared": 10.22])
        result.topology = topology
        return result
    }
}
