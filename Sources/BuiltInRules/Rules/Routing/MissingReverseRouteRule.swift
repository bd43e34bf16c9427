import LintCore
import NetworkModel

/// VPCE002: a hub route table with no route back to a spoke.
public struct MissingReverseRouteRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE002", name: "missing-reverse-route",
        summary: "A hub route table has no route back to a spoke through the peering or transit gateway",
        category: .routing, defaultSeverity: .error,
        whatItDoes: """
            For every hub, finds the route tables of the subnets its interface endpoints sit in (explicit \
            association, else the VPC's main route table) and, for each spoke CIDR, the most specific route \
            that covers it. The route must go through the peering connection or transit gateway that joins \
            that spoke to the hub. Through a transit gateway, the gateway must deliver too: the transit \
            gateway route table associated with the hub's attachment (explicitly, or the default association \
            table) needs a static or propagated route for the spoke CIDR (most specific wins) to the spoke's \
            attachment, not a blackhole, and the attachments need a subnet in every AZ of the endpoint and \
            spoke subnets. The finding is then reported at the resource that decides it (the transit gateway \
            route table, route or attachment), or at the prefix list or `aws_route` resource to change when one \
            stands for the spoke. A route through a peering that is not active is left to peering-not-active; a \
            spoke CIDR inside the hub's own CIDR over a peering is left to `overlapping-cidrs`: AWS refuses a \
            peering route more specific than the local route, so the fix is the address plan, not a route. When \
            more than 10 spokes of one hub are unknown for the same reason (a hub's state linted alone, its \
            spokes' attachments data sources whose subnets are in the spokes' states), that is one unknown with \
            the count and a few of the spokes named. An inspection VPC's attachment (appliance mode on) in the \
            way is followed through its own gateway route table, and a route to a Cloud WAN core network is \
            unknown, as for missing-forward-route.
            """,
        whyItMatters: """
            Peering and transit gateway routes are one-way: the spoke's route to the hub gets the request to the \
            endpoint, but the endpoint's reply has no way back. Connections hang until they time out: Session \
            Manager reports `context deadline exceeded`, image pulls and `aws logs` calls time out.
            """,
        howToFix: """
            In the hub, add a route to each spoke CIDR through that spoke's connection in every route table of \
            the endpoint subnets (through a transit gateway, also a route or propagation for the spoke CIDR in \
            the gateway route table of the hub's attachment), e.g. `resource "aws_route" "to_dev" { route_table_id = aws_route_table.private.id \
            destination_cidr_block = "10.2.0.0/16" vpc_peering_connection_id = data.aws_vpc_peering_connection.dev.id }`.
            """,
        references: [
            "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html",
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
        ],
        triggeringExamples: [
            // The hub has no route back to prd (10.4.0.0/16).
            .fixture("hub-spoke-broken", flags: [#"module.hub.aws_route_table.private"#]),
            // The hub routes stg 10.3.0.0/16 to the transit gateway, whose table for the hub's attachment has
            // no route or propagation for it.
            .fixture("hub-spoke-tgw-broken", flags: [#"aws_ec2_transit_gateway_route_table.hub"#]),
        ],
        nonTriggeringExamples: [.fixture("hub-spoke-ok"), .fixture("hub-module-foreach"), .fixture("hub-spoke-tgw")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        let engine = PathEngine(model: model)
        for hub in model.hubs where !hub.spokes.isEmpty {
            let tables = model.routeTables(forSubnets: model.hubEndpoints(hub).flatMap(\.subnetKeys))
            // What has been reported where (location and CIDR), and the unknowns, which may be summarised.
            var reported = Set<String>()
            var unknowns = SpokeUnknowns()
            for spoke in hub.spokes {
                let connections = engine.connectionKeys(between: hub.vpc.key, and: spoke.vpc.key)
                let wording = RouteWording(
                    side: "hub", peer: "spoke \(Describe.vpc(spoke.vpc))", via: Describe.connection(spoke))
                for cidr in model.sourceCIDRs(of: spoke.vpc, toward: hub.vpc) {
                    // A spoke CIDR inside the hub's own is overlapping-cidrs' finding: the route that would fix
                    // this one is more specific than the hub's local route, and AWS refuses such a route
                    // through a peering connection.
                    if case .peering = spoke.connection, hub.vpc.cidrs.contains(where: { $0.contains(cidr) }) {
                        continue
                    }
                    for table in tables {
                        let hop = engine.routeHop(
                            .returnRoute, table: table, to: cidr, peer: spoke.vpc, through: connections)
                        // The hop names the resource that decides it (a transit gateway route table, say);
                        // several hub tables may share it, so it is reported once. A peering that carries no
                        // traffic is peering-not-active's finding.
                        let origin = hop.origin ?? table.origin
                        guard hop.status != .pass, !hop.reason.isPeeringState else { continue }
                        let place = "\(origin.path)|\(origin.address)|\(cidr)"
                        guard reported.insert(place).inserted || origin == table.origin else { continue }
                        let found = finding(
                            at: origin, message: wording.message(hop, model),
                            fix: wording.fix(hop, model)
                                ?? "add a route to \(cidr) through \(Describe.connection(spoke)) in hub route table `\(table.origin.address)`",
                            subject: cidr.description,
                            related: hop.related + [spoke.vpc.origin, spoke.connectionOrigin],
                            status: hop.status == .unknown ? .unknown : .violation)
                        if hop.status == .unknown {
                            unknowns.add(found, spoke: spoke.vpc, reason: hop.reason)
                        } else {
                            findings.append(found)
                        }
                    }
                }
            }
            findings += unknowns.findings
            findings += unreadableSpokeCIDRs(hub, model: model) { spoke, problem in
                "spoke \(Describe.vpc(spoke.vpc)): its \(problem.attribute) cannot be read (\(problem.reason)), so "
                    + "whether the hub's route tables route back to it is unknown"
            }
        }
        return findings
            + outsideHubUnknowns(model) {
                "whether the hub's route tables route back to spoke \(Describe.vpc($0)) \(Describe.cidrs($0.cidrs))"
            }
    }
}
