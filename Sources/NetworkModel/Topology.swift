/// How one VPC reaches another.
public enum Connection: Sendable, Hashable {
    case peering(PeeringConnection.Key)
    case transitGateway(String)
    /// No peering or transit gateway joins the two: only a private hosted zone of the hub, associated with
    /// the spoke (or a Route 53 Profile carrying the hub's endpoints: the key is then the profile's), links them
    /// (``TopologyLink``), so route checks find no connection to route through.
    case privateZone(String)

    /// The model key of the peering connection, transit gateway or zone.
    public var key: String {
        switch self {
        case .peering(let key): return key
        case .transitGateway(let key): return key
        case .privateZone(let key): return key
        }
    }
}

extension PeeringConnection {
    public typealias Key = String
}

/// A hub VPC with the spokes that reach it.
public struct Hub: Sendable {
    public var vpc: VPC
    public var spokes: [Spoke]
}

/// A spoke of a hub and the connection between them.
public struct Spoke: Sendable {
    public var vpc: VPC
    /// The peering or transit gateway that joins it to the hub (an active one first), else the zone.
    public var connection: Connection
    /// Where the connection is declared.
    public var connectionOrigin: Origin
    /// Everything in the inputs that links it to the hub, paths first; at least one is a path.
    public var links: [TopologyLink] = []
}

extension NetworkModel {
    /// Every connection between two VPCs: peerings, and pairs of VPCs attached to the same transit gateway.
    /// Made per call from the per-VPC peerings and the gateway's attachments (O(connections of `vpcKey`)): the
    /// n^2 pairs of a gateway with n attachments are never stored.
    public func connections(of vpcKey: String) -> [(peer: String, connection: Connection, origin: Origin)] {
        var result = [(peer: String, connection: Connection, origin: Origin)]()
        var seen = Set<String>()
        for connection in peeringConnectionsByVPC[vpcKey] ?? []
        where seen.insert(connection.peer + "|" + connection.connection.key).inserted {
            result.append(connection)
        }
        for gateway in (gatewaysByVPC[vpcKey] ?? []).sorted() {
            for other in attachments(of: gateway) {
                guard let peer = other.vpcKey, peer != vpcKey, seen.insert(peer + "|" + gateway).inserted else {
                    continue
                }
                result.append((peer, .transitGateway(gateway), other.origin))
            }
        }
        return result
    }

    /// The VPCs ``connections(of:)`` names that hold interface endpoints, in its order, each once: what a
    /// VPC's DNS may be answered by, found through the gateways' attachments that hold endpoints rather than
    /// every attachment (a gateway's spokes mostly hold none).
    public func connectedVPCsWithInterfaceEndpoints(of vpcKey: String) -> [String] {
        var result = [String]()
        var seen = Set<String>()
        for connection in peeringConnectionsByVPC[vpcKey] ?? []
        where interfaceEndpointsByVPC[connection.peer] != nil && seen.insert(connection.peer).inserted {
            result.append(connection.peer)
        }
        for gateway in (gatewaysByVPC[vpcKey] ?? []).sorted() {
            for offset in interfaceEndpointAttachmentsByGateway[gateway] ?? [] {
                guard let peer = transitGatewayAttachments[offset].vpcKey, peer != vpcKey, seen.insert(peer).inserted
                else { continue }
                result.append(peer)
            }
        }
        return result
    }

    /// The peerings of every VPC, both ways, in peering order.
    func peeringConnections() -> [String: [(peer: String, connection: Connection, origin: Origin)]] {
        var result = [String: [(peer: String, connection: Connection, origin: Origin)]]()
        for peering in peerings {
            guard let requester = peering.requesterVPCKey, let accepter = peering.accepterVPCKey else { continue }
            result[requester, default: []].append((accepter, .peering(peering.key), peering.origin))
            result[accepter, default: []].append((requester, .peering(peering.key), peering.origin))
        }
        return result
    }

    /// Whether a hub selector (`--hub`, `hubs:`) names `vpc`: its environment, its id (model key) or its
    /// `Name` tag.
    public func matches(_ selector: String, _ vpc: VPC) -> Bool {
        selector == vpc.key || selector == vpc.origin.environment || selector == vpc.tags["Name"]
    }

    /// Hubs: VPCs named by `hubSelectors` (environment, VPC ID or `Name` tag), else inferred as VPCs with
    /// interface endpoints meant for sharing (private DNS off, or aliased by a private hosted zone), linked
    /// to other VPCs that hold fewer of them (ties go to the VPC whose endpoints private hosted zones alias,
    /// then to the one with private DNS off). A hub's spokes are the VPCs a path links to it (`links`, see
    /// ``topologyLinks(keeping:)``): nothing else makes a VPC a spoke.
    func inferHubs(_ links: [TopologyLink], possible: Set<String>) -> [Hub] {
        var paths = [String: [String]]()
        for link in links where link.isPath {
            paths[link.vpcKey, default: []].append(link.peerKey)
            paths[link.peerKey, default: []].append(link.vpcKey)
        }
        let candidates: [VPC]
        if !hubSelectors.isEmpty {
            candidates = vpcs.filter { vpc in hubSelectors.contains { matches($0, vpc) } }
        } else {
            candidates = vpcs.filter { vpc in
                guard possible.contains(vpc.key) else { return false }
                let own = hubScore(vpc.key)
                let peers = paths[vpc.key] ?? []
                return !peers.isEmpty && peers.allSatisfy { hubScore($0) < own }
            }
        }
        let hubKeys = Set(candidates.map(\.key))
        // The links of each candidate, in link order: filtering every link per hub is hubs x links.
        var linksOfHub = [String: [Int]]()
        for (offset, link) in links.enumerated() {
            if hubKeys.contains(link.vpcKey) { linksOfHub[link.vpcKey, default: []].append(offset) }
            if link.peerKey != link.vpcKey, hubKeys.contains(link.peerKey) {
                linksOfHub[link.peerKey, default: []].append(offset)
            }
        }
        // Each hub on its own: an organisation's hubs (one per Region) on all cores.
        let hubLinks = linksOfHub
        let inspection = inspectionVPCKeys()
        return candidates.concurrentMap(minimum: vpcs.count >= Self.concurrentFromVPCs ? 2 : .max) { hub in
            let byPeer = Dictionary(grouping: (hubLinks[hub.key] ?? []).map { links[$0] }) {
                $0.other(than: hub.key)
            }
            // The hub's connections by peer, once: filtering them per spoke is quadratic in spokes.
            let joining = Dictionary(grouping: connections(of: hub.key)) { $0.peer }
            var spokes = [Spoke]()
            for (peer, peerLinks) in byPeer where !hubKeys.contains(peer) && peerLinks.contains(where: \.isPath) {
                guard let vpc = vpc(peer) else { continue }
                // An inspection VPC that only the transit gateway joins is the path's middle, not a spoke.
                if inspection.contains(peer),
                    peerLinks.allSatisfy({ !$0.isPath || $0.kind == .transitGateway })
                {
                    continue
                }
                spokes.append(
                    spoke(vpc, joining[peer] ?? [], peerLinks.filter(\.isPath) + peerLinks.filter { !$0.isPath }))
            }
            spokes.sort { ($0.vpc.origin.environment, $0.vpc.key) < ($1.vpc.origin.environment, $1.vpc.key) }
            return Hub(vpc: hub, spokes: spokes)
        }
    }

    /// The VPCs attached to a transit gateway with appliance mode on: inspection VPCs, whose appliances hand
    /// traffic back to the gateway (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html).
    func inspectionVPCKeys() -> Set<String> {
        Set(transitGatewayAttachments.lazy.filter { $0.applianceMode == true }.compactMap(\.vpcKey))
    }

    /// The keys of the VPCs that may be hubs, whatever links them: those `hubSelectors` name, else those with
    /// interface endpoints meant for sharing. Only their links decide the hubs (see ``inferHubs(_:possible:)``).
    func hubCandidates() -> Set<String> {
        if !hubSelectors.isEmpty {
            return Set(vpcs.filter { vpc in hubSelectors.contains { matches($0, vpc) } }.map(\.key))
        }
        // The VPCs whose interface endpoints a Route 53 Profile carries to other VPCs.
        let shared = Set(
            profileResources.lazy.filter { $0.kind == .interfaceEndpoint }.compactMap {
                self.endpoint($0.resourceKey)?.vpcKey
            })
        return Set(
            vpcs.filter { vpc in
                let own = hubScore(vpc.key)
                // A hub shares its endpoints: at least one has private DNS off or is aliased by a zone. A
                // spoke that keeps its own private-DNS endpoints is never inferred as a hub, even when the
                // real hub is missing from the inputs.
                // So does a VPC whose inbound Resolver endpoint other VPCs forward their queries to (the
                // forwarding design: there the hub's endpoints keep private DNS on), and one whose endpoints a
                // Route 53 Profile carries (private DNS on, the profile shows it to the profile's VPCs).
                return own.endpoints > 0
                    && (own.privateDNSOff > 0 || own.aliased > 0 || !forwardingRules(into: vpc.key).isEmpty
                        || shared.contains(vpc.key))
            }.map(\.key))
    }

    /// A spoke with the connection rules route through: a peering or transit gateway a path link names,
    /// else any that joins the two (a pending peering, say), else the zone that links them.
    private func spoke(
        _ vpc: VPC, _ joining: [(peer: String, connection: Connection, origin: Origin)], _ links: [TopologyLink]
    ) -> Spoke {
        let pathKeys = Set(links.filter(\.isPath).map(\.key))
        if let chosen = joining.first(where: { pathKeys.contains($0.connection.key) }) ?? joining.first {
            return Spoke(vpc: vpc, connection: chosen.connection, connectionOrigin: chosen.origin, links: links)
        }
        let zone = links[0]
        return Spoke(
            vpc: vpc, connection: .privateZone(zone.key), connectionOrigin: zone.resources.first ?? vpc.origin,
            links: links)
    }

    private struct HubScore: Comparable {
        var endpoints: Int
        var aliased: Int
        var privateDNSOff: Int

        static func < (lhs: HubScore, rhs: HubScore) -> Bool {
            (lhs.endpoints, lhs.aliased, lhs.privateDNSOff) < (rhs.endpoints, rhs.aliased, rhs.privateDNSOff)
        }
    }

    private func hubScore(_ vpcKey: String) -> HubScore {
        let own = interfaceEndpoints(in: vpcKey)
        let keys = Set(own.map(\.key))
        let aliased = aliasedEndpointKeys.intersection(keys).count
        return HubScore(
            endpoints: own.count, aliased: aliased, privateDNSOff: own.filter { $0.privateDNSEnabled == false }.count)
    }

    /// The route a table uses for traffic to `destination`: the most specific route whose destination
    /// contains it (prefix-list routes count where the list's entries are known).
    public func route(in table: RouteTable, to destination: CIDR) -> Route? {
        if let lookup = routeLookup(table) { return lookup.route(to: destination) }
        var best: (route: Route, length: Int)?
        for route in table.routes {
            var covering: [CIDR] = route.destination.map { [$0] } ?? []
            if let list = route.destinationPrefixList, let entries = prefixList(list)?.cidrs { covering += entries }
            for cidr in covering where cidr.contains(destination) {
                if best == nil || cidr.prefixLength > best!.length { best = (route, cidr.prefixLength) }
            }
        }
        return best?.route
    }

    /// A route of `table` whose destination cannot be read (its own, or an entry of its destination prefix
    /// list), with the problem: it may cover any destination.
    /// An `aws_route` resource comes before the table's own `route` blocks (which a refresh fills with it).
    public func unreadableRoute(in table: RouteTable) -> (route: Route, problem: Unresolved)? {
        if let lookup = routeLookup(table) { return lookup.unreadable }
        return unreadableRouteReadingEach(in: table)
    }

    /// ``unreadableRoute(in:)``, every route read.
    func unreadableRouteReadingEach(in table: RouteTable) -> (route: Route, problem: Unresolved)? {
        let resourcesFirst =
            table.routes.filter { $0.origin != table.origin } + table.routes.filter { $0.origin == table.origin }
        for route in resourcesFirst {
            if let problem = route.unreadable { return (route, problem) }
            if let key = route.destinationPrefixList, let list = prefixList(key), let problem = list.unreadable.first {
                return (
                    route,
                    Unresolved(
                        attribute: "destination prefix list `\(list.origin.address)` \(problem.attribute)",
                        reason: "unreadable: " + problem.reason)
                )
            }
        }
        return nil
    }

    /// Route tables of the subnets a VPC's endpoints sit in.
    /// The subnets among `keys` whose network cannot be read, once each, with the problem: a destination no
    /// route can be checked against (the rules and `trace` alike).
    public func unreadableSubnets(_ keys: [String]) -> [(subnet: Subnet, problem: Unresolved)] {
        var seen = Set<String>()
        return keys.compactMap { key in
            guard seen.insert(key).inserted, let subnet = subnet(key), let problem = subnet.unreadableCIDR else {
                return nil
            }
            return (subnet, problem)
        }
    }

    public func routeTables(forSubnets keys: [String]) -> [RouteTable] {
        var seen = Set<String>()
        return keys.compactMap { routeTable(forSubnet: $0) }.filter { seen.insert($0.key).inserted }
    }

    /// The networks of `source` whose traffic to an endpoint in `destination` is judged (security groups, return
    /// routes), by the rules and by `trace` alike: its IPv4 ones; its IPv6 ones too when `destination` has IPv6
    /// (a dual-stack path) or `source` has no IPv4 network at all (an IPv6-only VPC reaches the hub over IPv6
    /// or not at all).
    public func sourceCIDRs(of source: VPC, toward destination: VPC?) -> [CIDR] {
        let dualStack = destination?.cidrs.contains(where: \.isIPv6) == true
        let ipv6Only = !source.cidrs.contains(where: { !$0.isIPv6 })
        return source.cidrs.filter { !$0.isIPv6 || dualStack || ipv6Only }
    }

    /// Every CIDR a prefix list or rule source covers.
    public func cidrs(of source: RuleSource) -> [CIDR] {
        switch source {
        case .cidr(let cidr): return [cidr]
        case .prefixList(let key): return prefixList(key)?.cidrs ?? []
        default: return []
        }
    }
}
