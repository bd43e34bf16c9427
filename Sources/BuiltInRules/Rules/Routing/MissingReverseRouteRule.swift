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
            that spoke to the hub.
            """,
        whyItMatters: """
            Peering and transit gateway routes are one-way: the spoke's route to the hub gets the request to the \
            endpoint, but the endpoint's reply has no way back. Connections hang until they time out: Session \
            Manager reports `context deadline exceeded`, image pulls and `aws logs` calls time out.
            """,
        howToFix: """
            In the hub, add a route to each spoke CIDR through that spoke's connection in every route table of \
            the endpoint subnets, e.g. `resource "aws_route" "to_dev" { route_table_id = aws_route_table.private.id \
            destination_cidr_block = "10.2.0.0/16" vpc_peering_connection_id = data.aws_vpc_peering_connection.dev.id }`.
            """,
        references: [
            "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html",
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
        ],
        triggeringExamples: [],
        nonTriggeringExamples: [])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        for hub in model.hubs where !hub.spokes.isEmpty {
            let subnets = model.hubEndpoints(hub).flatMap(\.subnetKeys)
            let tables = model.routeTables(forSubnets: subnets)
            for spoke in hub.spokes {
                let accepted = Set(model.connections(of: hub.vpc.key).filter { $0.peer == spoke.vpc.key }.map(\.connection.key))
                for cidr in spoke.vpc.cidrs where !cidr.isIPv6 || hub.vpc.cidrs.contains(where: \.isIPv6) {
                    for table in tables {
                        if let finding = check(table, cidr: cidr, spoke: spoke, accepted: accepted, model: model) {
                            findings.append(finding)
                        }
                    }
                }
            }
        }
        return findings
    }

    private func check(
        _ table: RouteTable, cidr: CIDR, spoke: Spoke, accepted: Set<String>, model: NetworkModel
    ) -> Finding? {
        let name = Describe.vpc(spoke.vpc)
        let fix =
            "add a route to \(cidr) through \(Describe.connection(spoke)) in hub route table `\(table.origin.address)`"
        guard let route = model.route(in: table, to: cidr) else {
            if let (unplaced, problem) = model.unplacedRoutes.first(where: {
                $0.route.origin.path == table.origin.path && $0.route.destination?.contains(cidr) == true
            }) {
                return finding(
                    at: table.origin,
                    message: "whether hub route table `\(table.origin.address)` routes spoke \(name) \(cidr) back is unknown: route `\(unplaced.origin.address)` covers it but its \(problem.attribute) is \(problem.reason)",
                    fix: fix, subject: cidr.description, related: [unplaced.origin], status: .unknown)
            }
            return finding(
                at: table.origin, message: "hub route table `\(table.origin.address)` has no route to spoke \(name) \(cidr)",
                fix: fix, subject: cidr.description, related: [spoke.vpc.origin, spoke.connectionOrigin])
        }
        switch route.target {
        case .peering(let key) where accepted.contains(key), .transitGateway(let key) where accepted.contains(key):
            return nil
        case .unresolved(let reason):
            return finding(
                at: table.origin,
                message: "the route from hub route table `\(table.origin.address)` to spoke \(name) \(cidr) cannot be checked: \(reason)",
                fix: fix, subject: cidr.description, related: [route.origin], status: .unknown)
        default:
            return finding(
                at: table.origin,
                message: "hub route table `\(table.origin.address)` sends spoke \(name) \(cidr) to \(describe(route.target)), not through \(Describe.connection(spoke))",
                fix: fix, subject: cidr.description, related: [route.origin, spoke.connectionOrigin])
        }
    }

    private func describe(_ target: RouteTarget) -> String {
        switch target {
        case .peering(let key): return "peering `\(key)`"
        case .transitGateway(let key): return "transit gateway `\(key)`"
        case .gateway(let key): return "gateway `\(key)`"
        case .vpcEndpoint(let key): return "endpoint `\(key)`"
        case .other(let key): return "`\(key)`"
        case .local: return "the local VPC (the CIDRs overlap)"
        case .unresolved(let reason): return "an unknown target (\(reason))"
        }
    }
}
