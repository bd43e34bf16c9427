/// The outcome of one hop of a path.
public enum HopStatus: String, Sendable, Codable {
    case pass
    case fail
    /// A plan leaves a value this hop needs unknown.
    case unknown
}

/// What a hop checks.
public enum HopKind: String, Sendable, Codable, CaseIterable {
    case vpcDNS = "vpc-dns"
    case dns
    case target
    case forwardRoute = "forward-route"
    case returnRoute = "return-route"
    case securityGroup = "security-group"
}

/// One hop of a traced path: pass, fail or unknown, and where the deciding resource is.
public struct Hop: Sendable {
    public var kind: HopKind
    public var status: HopStatus
    /// One sentence: what was found.
    public var detail: String
    /// The resource that decides the hop (or should, when it fails).
    public var origin: Origin?
    /// Other resources involved.
    public var related: [Origin]
    /// How to fix this case, when the hop knows better than a rule's generic fix (a transit gateway route
    /// table rather than the VPC route table).
    public var fix: String? = nil
}

/// Static reachability over the joined model: the one engine both the rules and `vpcelint trace` use, so
/// they cannot disagree.
public struct PathEngine: Sendable {
    public let model: NetworkModel

    public init(model: NetworkModel) {
        self.model = model
    }

    /// Connection keys (peering, transit gateway) that join two VPCs.
    public func connectionKeys(between first: String, and second: String) -> Set<String> {
        Set(model.connections(of: first).filter { $0.peer == second }.map(\.connection.key))
    }

    /// Does `table` send traffic for `cidr` through one of `connections`? `peerName` names the destination
    /// for messages. Through a transit gateway, the gateway's route table for the table's VPC attachment
    /// must deliver `cidr` to the destination's attachment, and the attachments must cover the AZs.
    public func routeHop(
        _ kind: HopKind, table: RouteTable, to cidr: CIDR, through connections: Set<String>, peerName: String,
        connectionName: String
    ) -> Hop {
        let tableName = "route table `\(table.origin.address)`"
        guard let route = model.route(in: table, to: cidr) else {
            if let (unplaced, problem) = model.unplacedRoutes.first(where: {
                $0.route.origin.path == table.origin.path && $0.route.destination?.contains(cidr) == true
            }) {
                return Hop(
                    kind: kind, status: .unknown,
                    detail:
                        "\(tableName) may route \(peerName) \(cidr) through route `\(unplaced.origin.address)`, but that route's \(problem.attribute) is \(problem.reason)",
                    origin: table.origin, related: [unplaced.origin])
            }
            return Hop(
                kind: kind, status: .fail, detail: "\(tableName) has no route to \(peerName) \(cidr)",
                origin: table.origin,
                related: [])
        }
        switch route.target {
        case .transitGateway(let key) where connections.contains(key):
            return transitGatewayHop(
                kind, table: table, route: route, gateway: key, to: cidr, peerName: peerName,
                connectionName: connectionName)
        case .peering(let key) where connections.contains(key):
            return Hop(
                kind: kind, status: .pass, detail: "\(tableName) routes \(cidr) through \(connectionName)",
                origin: route.origin, related: [table.origin])
        case .unresolved(let reason):
            return Hop(
                kind: kind, status: .unknown,
                detail: "\(tableName) routes \(peerName) \(cidr) through a target that cannot be checked: \(reason)",
                origin: table.origin, related: [route.origin])
        default:
            return Hop(
                kind: kind, status: .fail,
                detail:
                    "\(tableName) sends \(peerName) \(cidr) to \(Self.describe(route.target)), not through \(connectionName)",
                origin: table.origin, related: [route.origin])
        }
    }

    /// Do `groups` let TCP `port` in from `cidr`? A rule from a CIDR or prefix list that covers it, or from
    /// a security group in `sourceVPC`, counts.
    public func securityGroupVerdict(_ groups: [SecurityGroup], port: Int, from cidr: CIDR, sourceVPC: String)
        -> HopStatus
    {
        var unknown = false
        for group in groups {
            for rule in group.rules where rule.isIngress && rule.allowsTCP(port) {
                switch rule.source {
                case .cidr, .prefixList:
                    if model.cidrs(of: rule.source).contains(where: { $0.contains(cidr) }) { return .pass }
                case .securityGroup(let key):
                    if model.securityGroup(key)?.vpcKey == sourceVPC { return .pass }
                case .unresolved:
                    unknown = true
                case .selfGroup:
                    continue
                }
            }
        }
        if unknown { return .unknown }
        // A rule whose group a plan leaves unknown may be the one that lets this source in.
        let maybe = model.unplacedRules.contains { entry in
            entry.rule.isIngress && entry.rule.allowsTCP(port)
                && model.cidrs(of: entry.rule.source).contains { $0.contains(cidr) }
        }
        return maybe ? .unknown : .fail
    }

    static func describe(_ target: RouteTarget) -> String {
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
