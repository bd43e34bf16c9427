import LintCore
import NetworkModel

/// VPCE006: a spoke route table with no route to the hub's endpoint subnets through the connection.
public struct MissingForwardRouteRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE006", name: "missing-forward-route",
        summary: "A spoke route table has no route to the hub's endpoints through the peering or transit gateway",
        category: .routing, defaultSeverity: .error,
        whatItDoes: """
            For every spoke of a hub, takes the route tables of the spoke's subnets (or its main route table) \
            and checks that the most specific route to each subnet of the hub's interface endpoints goes \
            through the peering connection or transit gateway that joins the spoke to the hub. Through a \
            transit gateway, the gateway route table of the spoke's attachment must also send the subnet to the \
            hub's attachment, and the attachments must cover the AZs (as for missing-reverse-route). A route \
            through a peering that is not active is left to peering-not-active. A route whose destination cannot \
            be read, when no readable one covers the subnet, and an endpoint subnet whose own CIDR cannot be read \
            make the check unknown, naming the resource and attribute. A gateway route table that sends the \
            subnet to an inspection VPC's attachment (appliance mode on) is followed once more, through that \
            attachment's own table: a violation there when it does not send the subnet on to the hub, else \
            unknown (the appliances are not read); a route to an AWS Cloud WAN core network is unknown, naming it.
            """,
        whyItMatters: """
            Without the route the spoke's packets to the endpoint addresses go to the default route (NAT, \
            internet gateway) or nowhere: the private name resolves to a 10.x address that cannot be reached, \
            and calls time out (`dial tcp 10.255.1.23:443: i/o timeout`).
            """,
        howToFix: """
            In the spoke, add a route to the hub CIDR through the connection in every route table of the \
            workload subnets, e.g. `resource "aws_route" "to_hub" { route_table_id = aws_route_table.private.id \
            destination_cidr_block = "10.255.0.0/16" vpc_peering_connection_id = aws_vpc_peering_connection.hub.id }`.
            """,
        references: ["https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html"],
        triggeringExamples: [
            // prd's second subnet uses its own route table, with no route to the hub.
            .fixture("hub-spoke-more-broken", flags: [#"module.spoke.aws_route_table.batch[0]"#])
        ],
        nonTriggeringExamples: [
            // dev's second table routes to the hub too; its first reaches the hub through a broader 10.0.0.0/8.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"),
            // Both spokes reach the hub over a transit gateway that delivers both ways.
            .fixture("hub-spoke-tgw"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        let engine = PathEngine(model: model)
        for hub in model.hubs {
            let endpointSubnets = model.hubEndpoints(hub).flatMap(\.subnetKeys)
            var targets = Set(endpointSubnets.compactMap { model.subnet($0)?.cidr }).sorted()
            // An endpoint subnet whose network cannot be read is a destination no route can be checked against.
            for (subnet, problem) in model.unreadableSubnets(endpointSubnets) {
                findings.append(
                    finding(
                        at: subnet.origin,
                        message:
                            "whether the spokes' route tables reach hub \(Describe.vpc(hub.vpc))'s endpoint subnet `\(subnet.origin.address)` is unknown: its \(problem.attribute) is \(problem.reason)",
                        fix: "write \(problem.attribute) as a network AWS accepts (ADDRESS/PREFIX, no spaces)",
                        subject: "subnet:" + problem.attribute, related: [hub.vpc.origin], status: .unknown))
            }
            if targets.isEmpty { targets = hub.vpc.cidrs.filter { !$0.isIPv6 } }
            for spoke in hub.spokes where spoke.vpc.isManaged {
                let connections = engine.connectionKeys(between: hub.vpc.key, and: spoke.vpc.key)
                let wording = RouteWording(
                    side: "spoke", peer: "hub \(Describe.vpc(hub.vpc))", via: Describe.connection(spoke))
                for table in engine.sourceTables(of: spoke.vpc) {
                    // A peering that carries no traffic is peering-not-active's finding.
                    let hops = targets.map {
                        engine.routeHop(.forwardRoute, table: table, to: $0, peer: hub.vpc, through: connections)
                    }.filter { !$0.reason.isPeeringState }
                    let failed = hops.first { $0.status == .fail }
                    guard let hop = failed ?? hops.first(where: { $0.status == .unknown }) else { continue }
                    let hubCIDRs = Describe.cidrs(hub.vpc.cidrs.filter { !$0.isIPv6 })
                    let status: FindingStatus = failed == nil ? .unknown : .violation
                    // The hop names the resource that decides it (a transit gateway route table, say).
                    let origin = hop.origin ?? table.origin
                    let subject = "hub:" + hub.vpc.origin.environment
                    guard
                        origin == table.origin
                            || !findings.contains(where: { $0.location == origin && $0.subject == subject })
                    else { continue }
                    findings.append(
                        finding(
                            at: origin, message: wording.message(hop, model),
                            fix: wording.fix(hop, model)
                                ?? "add a route to \(hubCIDRs) through \(Describe.connection(spoke)) in `\(table.origin.address)`",
                            subject: subject, related: hop.related + [hub.vpc.origin],
                            status: status))
                }
            }
        }
        return findings
            + outsideHubUnknowns(model) {
                "whether spoke \(Describe.vpc($0))'s route tables reach the hub's endpoints"
            }
    }
}
