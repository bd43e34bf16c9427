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

/// One hop of a traced path: pass, fail or unknown, why, and where the deciding resource is.
public struct Hop: Sendable {
    public var kind: HopKind
    public var status: HopStatus
    /// What was found, as data; the trace report and the rules write the sentence.
    public var reason: HopReason
    /// The resource that decides the hop (or should, when it fails).
    public var origin: Origin?
    /// Other resources involved.
    public var related: [Origin]

    public init(kind: HopKind, status: HopStatus, reason: HopReason, origin: Origin?, related: [Origin] = []) {
        self.kind = kind
        self.status = status
        self.reason = reason
        self.origin = origin
        self.related = related
    }
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
        let gateways =
            first == second ? [] : (model.gatewaysByVPC[first] ?? []).intersection(model.gatewaysByVPC[second] ?? [])
        return (model.peeringKeysByPair[first + "|" + second] ?? []).union(gateways)
    }

    /// Does `table` send traffic for `cidr` (in `peer`) through one of `connections`? Through a peering, the
    /// peering must be active (or accepted, in a plan). Through a transit gateway, the gateway's route table
    /// for the table's VPC attachment must deliver `cidr` to the destination's attachment, and the
    /// attachments must cover the AZs.
    public func routeHop(_ kind: HopKind, table: RouteTable, to cidr: CIDR, peer: VPC, through connections: Set<String>)
        -> Hop
    {
        let leg = RouteLeg(table: table.origin, destination: cidr, peer: peer.origin, connections: connections.sorted())
        guard let route = model.route(in: table, to: cidr) else {
            if let (unplaced, problem) = model.unplacedRoutes.first(where: {
                $0.route.origin.path == table.origin.path && $0.route.destination?.contains(cidr) == true
            }) {
                return Hop(
                    kind: kind, status: .unknown, reason: .routeUnplaced(leg, route: unplaced.origin, problem: problem),
                    origin: table.origin, related: [unplaced.origin])
            }
            // A route whose destination cannot be read may be the one that covers it.
            if let (unreadable, problem) = model.unreadableRoute(in: table) {
                return Hop(
                    kind: kind, status: .unknown,
                    reason: .routeUnplaced(leg, route: unreadable.origin, problem: problem),
                    origin: table.origin, related: [unreadable.origin])
            }
            // A prefix list standing for the peer that lacks the CIDR is what to change.
            let list = peerPrefixList(in: [table], through: connections, lacking: cidr)
            return Hop(
                kind: kind, status: .fail, reason: .noRoute(leg), origin: list?.origin ?? table.origin,
                related: list == nil ? [] : [table.origin])
        }
        switch route.target {
        case .transitGateway(let key) where connections.contains(key):
            return transitGatewayHop(kind, leg: leg, table: table, route: route, gateway: key)
        case .peering(let key) where connections.contains(key):
            return peeringHop(kind, leg: leg, table: table, route: route, peering: key)
        case .unresolved(let reason):
            return Hop(
                kind: kind, status: .unknown, reason: .routeTargetUnresolved(leg, reason: reason),
                origin: table.origin, related: [route.origin])
        case .coreNetwork(let arn):
            // Cloud WAN delivers by its policy's segments, which the model does not read: unknown, said.
            let resource = routeResource(in: table, to: cidr)
            return Hop(
                kind: kind, status: .unknown,
                reason: .routeThroughCoreNetwork(leg, coreNetwork: arn),
                origin: resource ?? table.origin, related: resource == nil ? [route.origin] : [table.origin])
        default:
            // An `aws_route` resource that sends it elsewhere is what to change.
            let resource = routeResource(in: table, to: cidr)
            return Hop(
                kind: kind, status: .fail, reason: .routeToWrongTarget(leg, target: route.target),
                origin: resource ?? table.origin, related: resource == nil ? [route.origin] : [table.origin])
        }
    }

    /// Whether one of `vpc`'s route tables sends part of `peer`'s networks to a Cloud WAN core network: the
    /// two may be joined through it, though no peering or transit gateway joins them.
    func routesThroughCoreNetwork(from vpc: VPC, to peer: VPC) -> Bool {
        sourceTables(of: vpc).contains { table in
            peer.cidrs.contains { cidr in
                guard case .coreNetwork = model.route(in: table, to: cidr)?.target else { return false }
                return true
            }
        }
    }

    /// A route through a peering: it carries traffic only once the peering is active.
    /// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle
    private func peeringHop(_ kind: HopKind, leg: RouteLeg, table: RouteTable, route: Route, peering key: String)
        -> Hop
    {
        let (state, status, origin) = peeringVerdict(key)
        guard status == .pass else {
            return Hop(
                kind: kind, status: status, reason: .peeringNotActive(leg, peering: origin, state: state),
                origin: origin, related: Self.unique([table.origin, route.origin]))
        }
        return Hop(kind: kind, status: .pass, reason: .routes(leg), origin: route.origin, related: [table.origin])
    }

    /// Whether a peering connection carries traffic, and where that is decided: its `accept_status` when
    /// known; in a plan, `auto_accept` within one account or an accepter in the inputs.
    public func peeringVerdict(_ key: String) -> (state: PeeringState, status: HopStatus, origin: Origin?) {
        guard let peering = model.peering(key) else { return (.unknown, .unknown, nil) }
        let state: PeeringState
        if let status = peering.status {
            state = status == "active" ? .active : .notActive(status: status)
        } else if !peering.isManaged {
            state = .unknown
        } else if peering.autoAccept == true && peering.peerOwnerID == nil {
            state = .accepted(by: nil)
        } else if let accepter = peering.accepter {
            state = .accepted(by: accepter)
        } else {
            state = .notAccepted(autoAccept: peering.autoAccept, peerOwnerID: peering.peerOwnerID)
        }
        switch state {
        case .active, .accepted: return (state, .pass, peering.origin)
        case .notActive, .notAccepted: return (state, .fail, peering.origin)
        case .unknown: return (state, .unknown, peering.origin)
        }
    }

    /// Do `groups` let TCP `port` in from `cidr`? A rule from a CIDR or prefix list that covers it, or from
    /// a security group in `sourceVPC`, counts.
    public func securityGroupVerdict(_ groups: [SecurityGroup], port: Int, from cidr: CIDR, sourceVPC: String)
        -> HopStatus
    {
        securityGroupDecision(groups, port: port, from: cidr, sourceVPC: sourceVPC).status
    }

    /// As ``securityGroupVerdict(_:port:from:sourceVPC:)``, with the rule that leaves it unknown because one
    /// of its values cannot be read (its ports, or a source CIDR), and why. `udp` asks for UDP instead of TCP
    /// (DNS to a Resolver endpoint); `sourceGroups`, when given, are the groups a group-sourced rule must name
    /// (an outbound endpoint's) instead of any group of `sourceVPC`.
    public func securityGroupDecision(
        _ groups: [SecurityGroup], port: Int, from cidr: CIDR, sourceVPC: String, udp: Bool = false,
        sourceGroups: Set<String>? = nil
    ) -> (status: HopStatus, unreadable: (rule: Origin, problem: String)?) {
        var unknown = false
        var unreadable: (rule: Origin, problem: String)?
        for group in groups {
            // A large group's rules that may decide for `cidr` only, in order (``SecurityGroupLookup``).
            let positions = model.securityGroupLookup(group)?.candidates(for: cidr) ?? Array(group.rules.indices)
            for position in positions where group.rules[position].isIngress {
                let rule = group.rules[position]
                let admits = udp ? rule.udpStatus(port) : rule.tcpStatus(port)
                guard admits != .fail else { continue }
                let covers: Bool
                switch rule.source {
                case .cidr:
                    covers = model.cidrs(of: rule.source).contains(where: { $0.contains(cidr) })
                case .prefixList(let key):
                    covers = model.cidrs(of: rule.source).contains(where: { $0.contains(cidr) })
                    // An entry that cannot be read may be the one that covers the source.
                    if !covers, let list = model.prefixList(key), let problem = list.unreadable.first {
                        unknown = true
                        unreadable =
                            unreadable
                            ?? (
                                rule.origin,
                                "prefix list `\(list.origin.address)` \(problem.attribute) is \(problem.reason)"
                            )
                        continue
                    }
                case .securityGroup(let key):
                    covers = sourceGroups.map { $0.contains(key) } ?? (model.securityGroup(key)?.vpcKey == sourceVPC)
                case .unresolved(let problem):
                    unknown = true
                    if !problem.contains("unknown until apply") { unreadable = unreadable ?? (rule.origin, problem) }
                    continue
                case .selfGroup:
                    continue
                }
                guard covers else { continue }
                if admits == .pass { return (.pass, nil) }
                unknown = true
                unreadable = unreadable ?? (rule.origin, rule.unreadablePorts ?? "")
            }
        }
        if unknown { return (.unknown, unreadable) }
        // A rule whose group a plan leaves unknown may be the one that lets this source in.
        let maybe = model.unplacedRules.contains { entry in
            entry.rule.isIngress && (udp ? entry.rule.allowsUDP(port) : entry.rule.allowsTCP(port))
                && model.cidrs(of: entry.rule.source).contains { $0.contains(cidr) }
        }
        return (maybe ? .unknown : .fail, nil)
    }

    /// TCP 443 from every IPv4 CIDR of `vpc` through `endpoint`'s security groups. The hop is decided at the
    /// endpoint's one security group, or at the endpoint when it has several or none.
    public func securityGroupHop(_ endpoint: Endpoint, from vpc: VPC) -> Hop {
        let port = 443
        let groups = endpoint.securityGroupKeys.compactMap { model.securityGroup($0) }
        let origin = groups.count == 1 && endpoint.securityGroupKeys.count == 1 ? groups[0].origin : endpoint.origin
        guard groups.count == endpoint.securityGroupKeys.count,
            !endpoint.unresolved.contains(where: { $0.attribute == "security_group_ids" })
        else {
            return Hop(
                kind: .securityGroup, status: .unknown, reason: .securityGroupsNotInInputs, origin: endpoint.origin)
        }
        let cidrs = model.sourceCIDRs(of: vpc, toward: model.vpc(endpoint.vpcKey))
        let decisions = cidrs.map { ($0, securityGroupDecision(groups, port: port, from: $0, sourceVPC: vpc.key)) }
        let verdicts = decisions.map { ($0.0, $0.1.status) }
        if let denied = verdicts.first(where: { $0.1 == .fail }) {
            let site = securityGroupChangeSite(groups, of: endpoint, port: port, from: denied.0, source: vpc)
            return Hop(
                kind: .securityGroup, status: .fail, reason: .sgMissingPort(port: port, source: denied.0),
                origin: site?.origin ?? origin, related: [endpoint.origin])
        }
        if let problem = vpc.unreadableCIDRs.first {
            return Hop(
                kind: .securityGroup, status: .unknown, reason: .cidrUnreadable(problem), origin: vpc.origin,
                related: [endpoint.origin])
        }
        if let (source, decision) = decisions.first(where: { $0.1.unreadable != nil }),
            let unreadable = decision.unreadable
        {
            return Hop(
                kind: .securityGroup, status: .unknown,
                reason: .sgRuleUnreadable(
                    port: port, source: source, rule: unreadable.rule, problem: unreadable.problem),
                origin: origin, related: [endpoint.origin, unreadable.rule])
        }
        if let unknown = verdicts.first(where: { $0.1 == .unknown }) {
            return Hop(
                kind: .securityGroup, status: .unknown, reason: .sgPortUnknown(port: port, source: unknown.0),
                origin: origin, related: [endpoint.origin])
        }
        return Hop(
            kind: .securityGroup, status: .pass, reason: .sgAllows(port: port, sources: cidrs), origin: origin,
            related: [endpoint.origin])
    }

    /// Route tables of a VPC's subnets; the main table when the VPC has no subnets in the inputs.
    public func sourceTables(of vpc: VPC) -> [RouteTable] {
        let subnets = model.subnets(in: vpc.key).map(\.key)
        let tables = model.routeTables(forSubnets: subnets)
        if !tables.isEmpty { return tables }
        return model.mainRouteTable[vpc.key].map { [model.routeTables[$0]] } ?? []
    }
}
