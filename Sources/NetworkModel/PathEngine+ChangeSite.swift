/// Where a failing security-group hop is decided when it is not the group itself: the resource a user must
/// change. The hop names it as its origin, so `trace` and the rule point at the same resource. (A route hop
/// names its prefix list or `aws_route` resource the same way: ``PathEngine/routeHop``.)
public enum ChangeSite: Sendable, Hashable {
    /// A managed prefix list that stands for the peer (a route through the peer's connection goes to it, or a
    /// rule takes it as source) but lacks its CIDR.
    case prefixList(Origin)
    /// A security group rule resource whose source covers the peer but that is an egress rule or opens other
    /// ports (`shape`: `egress`, `TCP 80`, ...).
    case ruleResource(Origin, group: Origin, shape: String)
    /// An `aws_vpc_endpoint_security_group_association` that attached groups which let no peer in, while the
    /// group the endpoint VPC's other endpoints share (`meant`) does.
    case association(Origin, attached: [Origin], meant: Origin)

    /// The resource to change.
    public var origin: Origin {
        switch self {
        case .prefixList(let origin), .ruleResource(let origin, _, _), .association(let origin, _, _):
            return origin
        }
    }
}

extension PathEngine {
    /// The prefix list that stands for a peer in `tables` yet lacks `cidr`: the destination list of a route
    /// through the peer's connection (`connections`).
    public func peerPrefixList(in tables: [RouteTable], through connections: Set<String>, lacking cidr: CIDR)
        -> PrefixList?
    {
        for table in tables {
            // A large table's routes to prefix lists only (``RouteLookup``): the others are passed over anyway.
            for position in model.routeLookup(table)?.prefixListRoutes ?? Array(table.routes.indices) {
                let route = table.routes[position]
                guard let key = route.destinationPrefixList, let list = model.prefixList(key),
                    !list.cidrs.contains(where: { $0.contains(cidr) })
                else { continue }
                switch route.target {
                case .peering(let target), .transitGateway(let target):
                    if connections.contains(target) { return list }
                default: continue
                }
            }
        }
        return nil
    }

    /// The `aws_route` resource behind the route `table` uses for `cidr`, when the route is one.
    func routeResource(in table: RouteTable, to cidr: CIDR) -> Origin? {
        guard let deciding = model.route(in: table, to: cidr) else { return nil }
        // In a large table, only the routes to the deciding route's destination are candidates (``RouteLookup``).
        let candidates =
            deciding.destination.flatMap { destination in model.routeLookup(table)?.positions(of: destination) }
            ?? Array(table.routes.indices)
        return candidates.lazy.map { table.routes[$0] }.first(where: {
            $0.origin.address != table.origin.address && $0.destination == deciding.destination
                && $0.destinationPrefixList == deciding.destinationPrefixList && $0.target == deciding.target
        })?.origin
    }

    /// Where to change `groups` of `endpoint` so that TCP `port` from `cidr` of `source` gets in, when it is
    /// not the group: a prefix list standing for the source, a rule resource meant for it, or the association
    /// that attached the wrong group.
    public func securityGroupChangeSite(
        _ groups: [SecurityGroup], of endpoint: Endpoint, port: Int, from cidr: CIDR, source: VPC
    ) -> ChangeSite? {
        guard let endpointVPC = endpoint.vpcKey else { return nil }
        let connections = connectionKeys(between: endpointVPC, and: source.key)
        let sources = groups.flatMap(\.rules).filter { $0.isIngress && $0.allowsTCP(port) }.map(\.source)
        let tables = model.routeTables(in: endpointVPC)
        if let list = peerPrefixList(in: tables, through: connections, lacking: cidr),
            sources.contains(where: { if case .prefixList(list.key) = $0 { return true } else { return false } })
        {
            return .prefixList(list.origin)
        }
        for group in groups {
            for rule in group.rules where rule.origin.address != group.origin.address {
                guard !(rule.isIngress && rule.allowsTCP(port)),
                    model.cidrs(of: rule.source).contains(where: { $0.contains(cidr) })
                else { continue }
                return .ruleResource(
                    rule.origin, group: group.origin, shape: rule.isIngress ? rule.portsText : "egress")
            }
        }
        let associations = groups.compactMap { endpoint.securityGroupAssociations[$0.key] }
        guard let association = associations.first else { return nil }
        // The group the VPC's other endpoints share, when it lets a connected VPC in: the one meant.
        let others = model.interfaceEndpoints(in: endpointVPC).filter { $0.key != endpoint.key && $0.isManaged }
        let counts = Dictionary(grouping: others.map { $0.securityGroupKeys.sorted() }, by: { $0 }).mapValues(\.count)
        guard let common = counts.max(by: { ($0.value, $1.key.joined()) < ($1.value, $0.key.joined()) })?.key,
            common != groups.map(\.key).sorted()
        else { return nil }
        let meant = common.compactMap { model.securityGroup($0) }
        let peers = model.connections(of: endpointVPC).compactMap { model.vpc($0.peer) }
        let letsPeersIn = peers.contains { peer in
            peer.cidrs.contains { securityGroupVerdict(meant, port: port, from: $0, sourceVPC: peer.key) == .pass }
        }
        guard letsPeersIn, let right = meant.first else { return nil }
        return .association(association, attached: groups.map(\.origin), meant: right.origin)
    }
}

extension SecurityGroupRule {
    /// `TCP 80`, `UDP 53`, `all traffic`.
    public var portsText: String {
        let ports: String
        switch (fromPort, toPort) {
        case (let from?, let to?) where from == to: ports = " \(from)"
        case (let from?, let to?): ports = " \(from)-\(to)"
        default: ports = ""
        }
        switch ipProtocol {
        case .all: return "all traffic"
        case .tcp: return "TCP" + ports
        case .udp: return "UDP" + ports
        case .icmp: return "ICMP"
        case .other(let name): return name + ports
        }
    }
}
