import TerraformShow

/// A connected component of the network: VPCs that must be checked together because something in the inputs
/// joins them (a hub with its spokes, or a lone VPC). Different components share no check, so each can be
/// checked on its own (`vpcelint check --component N`) and the findings of all components are those of one
/// run over everything.
public struct NetworkComponent: Sendable {
    /// 1-based, in the order of ``NetworkComponents/components``.
    public var number: Int
    /// The VPC that names the component: its hub (the one with the most spokes, then the first by input file
    /// and ID), else its first managed VPC by input file and ID.
    public var anchor: VPC
    /// Hubs of the component (``NetworkModel/hubs``), by input file then ID.
    public var hubs: [VPC]
    /// Every VPC key of the component (managed VPCs and data sources of them), sorted.
    public var vpcKeys: [String]
    /// Managed VPCs of the component.
    public var managedVPCs: Int
    /// The input files that hold its resources, sorted.
    public var paths: [String]
}

/// The components of a model and which of them each input resource belongs to.
public struct NetworkComponents: Sendable {
    /// Sorted by the anchor's input file, then its VPC ID; numbered from 1 in this order.
    public var components: [NetworkComponent]
    /// Component index (0-based) per element key: VPCs, subnets, route tables, endpoints, security groups,
    /// attachments, transit gateways and their route tables, zones, peerings, Resolver endpoints and rules.
    private var byKey: [String: Int]
    /// Component index per resource (input path and address) the model read into a placed element.
    private var byOrigin: [Origin.PathAddress: Int]

    init(components: [NetworkComponent], byKey: [String: Int], byOrigin: [Origin.PathAddress: Int]) {
        self.components = components
        self.byKey = byKey
        self.byOrigin = byOrigin
    }

    /// The 0-based indexes of the components a resource of the input at `path` belongs to: the component of
    /// the element the model read from it, and of every element whose ID its values name. Empty for a
    /// resource that names none (a prefix list, a non-network resource): it is shared by every component.
    public func components(of resource: Resource, at path: String) -> Set<Int> {
        var found = Set<Int>()
        if let index = byOrigin[Origin.PathAddress(path: path, address: resource.address)] { found.insert(index) }
        resource.packedValues.forEachString { value in
            if let index = byKey[value] { found.insert(index) }
        }
        return found
    }
}

extension Origin {
    /// An input path with a resource address: where one resource of one input is.
    public struct PathAddress: Sendable, Hashable {
        public var path: String
        public var address: String
    }
}

extension NetworkModel {
    /// The connected components of the network. VPCs are joined by everything that makes one check read
    /// both: a peering (active or not), attachments to one transit gateway, associations with one private
    /// hosted zone (and the VPC whose endpoints its records alias), associations with one Resolver rule (and
    /// the VPCs of the inbound endpoints it forwards to), and, for VPCs in no hub, interface endpoints in one
    /// Region with the AWS service zones (`ssm.eu-west-1.amazonaws.com`) of that Region: VPCE001 compares a
    /// service's copies across the VPCs in no hub of a Region (a hub's spokes among themselves), and a VPC in
    /// no hub may be told to associate any private zone of a service's name (a hub's spoke only its own
    /// hub's, see `PathEngine.publicHop`). Two hubs of one Region are two components unless a VPC in no hub
    /// of that Region holds an interface endpoint. Components without a managed VPC (data sources only) are
    /// left out: their resources are shared by every component.
    public func components() -> NetworkComponents {
        var sets = DisjointSets()
        for vpc in vpcs { sets.add(vpc.key) }
        for peering in peerings {
            if let requester = peering.requesterVPCKey { sets.union(requester, "peering:" + peering.key) }
            if let accepter = peering.accepterVPCKey { sets.union(accepter, "peering:" + peering.key) }
        }
        for attachment in transitGatewayAttachments {
            guard let vpc = attachment.vpcKey else { continue }
            sets.union(vpc, "attachment:" + attachment.key)
            if let gateway = attachment.transitGatewayKey { sets.union(vpc, "tgw:" + gateway) }
        }
        for zone in zones {
            sets.add("zone:" + zone.key)
            for vpc in zone.vpcKeys { sets.union(vpc, "zone:" + zone.key) }
        }
        for record in records {
            guard let zone = record.zoneKey, let vpc = endpoint(record.aliasEndpointKey)?.vpcKey else { continue }
            sets.union(vpc, "zone:" + zone)
        }
        for association in outsideZoneAssociations { sets.union(association.vpcKey, "zone:" + association.zoneKey) }
        for association in unplacedZoneAssociations + unplacedResolverAssociations {
            guard let zone = association.zoneKey, let vpc = association.vpcKey else { continue }
            sets.union(vpc, "zone:" + zone)
        }
        for rule in resolverRules {
            sets.add("rule:" + rule.key)
            for vpc in rule.vpcKeys { sets.union(vpc, "rule:" + rule.key) }
            for inbound in inboundEndpoints(targetedBy: rule) {
                if let vpc = inbound.vpcKey { sets.union(vpc, "rule:" + rule.key) }
            }
            if let outbound = rule.outboundEndpointKey { sets.union("rule:" + rule.key, "resolver:" + outbound) }
        }
        for resolver in resolverEndpoints {
            if let vpc = resolver.vpcKey { sets.union(vpc, "resolver:" + resolver.key) }
        }
        // A Route 53 Profile joins its VPCs and what it carries (its zones and rules are joined above too).
        for association in profileAssociations { sets.union(association.vpcKey, "profile:" + association.profileKey) }
        for resource in profileResources {
            let profile = "profile:" + resource.profileKey
            switch resource.kind {
            case .privateZone: sets.union(profile, "zone:" + resource.resourceKey)
            case .resolverRule: sets.union(profile, "rule:" + resource.resourceKey)
            case .interfaceEndpoint:
                if let vpc = endpoint(resource.resourceKey)?.vpcKey { sets.union(profile, vpc) }
            case .other: continue
            }
        }
        // VPCE001 compares the copies of a service across the VPCs in no hub of one Region (a hub's spokes
        // only among themselves), and a VPC in no hub may be told to associate any private zone of a service's
        // name: the VPCs in no hub that hold an interface endpoint join their Region, and so do the AWS service
        // zones of a Region that has such a VPC. A Region without one keeps each hub apart.
        var loneRegions = Set<String>()
        for endpoint in endpoints where endpoint.type == .interface {
            guard let vpc = endpoint.vpcKey, !topology.isInHub(vpc) else { continue }
            let region = endpoint.region ?? ""
            loneRegions.insert(region)
            sets.union(vpc, "region:" + region)
        }
        for zone in zones where zone.isPrivate {
            if let region = Self.serviceRegion(zone.name), loneRegions.contains(region) {
                sets.union("zone:" + zone.key, "region:" + region)
            }
        }
        return numbered(&sets)
    }

    /// The Region an AWS service zone name carries (`ssm.eu-west-1.amazonaws.com` -> `eu-west-1`), if any.
    static func serviceRegion(_ zoneName: String) -> String? {
        let labels = zoneName.lowercased().split(separator: ".")
        guard labels.count >= 3, labels.suffix(2) == ["amazonaws", "com"] else { return nil }
        return labels.dropLast(2).last { label in
            let parts = label.split(separator: "-")
            return parts.count >= 3 && parts.first?.count == 2 && parts.last.map { Int($0) != nil } == true
        }.map(String.init)
    }

    private func numbered(_ sets: inout DisjointSets) -> NetworkComponents {
        // Members of each root: its VPCs.
        var vpcsByRoot = [Int: [VPC]]()
        for vpc in vpcs { vpcsByRoot[sets.find(vpc.key), default: []].append(vpc) }
        var pathsByRoot = [Int: Set<String>]()
        var rootByKey = [String: Int]()
        var rootByOrigin = [Origin.PathAddress: Int]()
        func place(_ key: String?, _ origin: Origin, under node: String?) {
            guard let node, let root = sets.root(node) else { return }
            if let key { rootByKey[key] = root }
            rootByOrigin[Origin.PathAddress(path: origin.path, address: origin.address)] = root
            pathsByRoot[root, default: []].insert(origin.path)
        }
        for vpc in vpcs { place(vpc.key, vpc.origin, under: vpc.key) }
        for subnet in subnets { place(subnet.key, subnet.origin, under: subnet.vpcKey) }
        for table in routeTables {
            place(table.key, table.origin, under: table.vpcKey)
            for route in table.routes { place(nil, route.origin, under: table.vpcKey) }
        }
        for endpoint in endpoints { place(endpoint.key, endpoint.origin, under: endpoint.vpcKey) }
        for group in securityGroups {
            place(group.key, group.origin, under: group.vpcKey)
            for rule in group.rules { place(nil, rule.origin, under: group.vpcKey) }
        }
        for peering in peerings {
            place(peering.key, peering.origin, under: "peering:" + peering.key)
            if let accepter = peering.accepter { place(nil, accepter, under: "peering:" + peering.key) }
        }
        for attachment in transitGatewayAttachments {
            place(attachment.key, attachment.origin, under: attachment.vpcKey)
        }
        for gateway in transitGateways { place(gateway.key, gateway.origin, under: "tgw:" + gateway.key) }
        for table in transitGatewayRouteTables {
            place(table.key, table.origin, under: table.transitGatewayKey.map { "tgw:" + $0 })
        }
        for zone in zones { place(zone.key, zone.origin, under: "zone:" + zone.key) }
        for record in records { place(nil, record.origin, under: record.zoneKey.map { "zone:" + $0 }) }
        for rule in resolverRules {
            place(rule.key, rule.origin, under: "rule:" + rule.key)
            for association in rule.associations { place(nil, association, under: "rule:" + rule.key) }
        }
        for resolver in resolverEndpoints { place(resolver.key, resolver.origin, under: "resolver:" + resolver.key) }

        var components = [NetworkComponent]()
        var indexByRoot = [Int: Int]()
        let byOrder = { (vpc: VPC) in (vpc.origin.path, vpc.key) }
        for (root, members) in vpcsByRoot {
            let managed = members.filter(\.isManaged).sorted { byOrder($0) < byOrder($1) }
            guard let first = managed.first else { continue }
            let hubs = hubs.filter { sets.find($0.vpc.key) == root }.sorted { first, second in
                let (a, b) = (byOrder(first.vpc), byOrder(second.vpc))
                return (second.spokes.count, a.0, a.1) < (first.spokes.count, b.0, b.1)
            }
            components.append(
                NetworkComponent(
                    number: 0, anchor: hubs.first?.vpc ?? first,
                    hubs: hubs.map { (hub: Hub) in hub.vpc }.sorted { byOrder($0) < byOrder($1) },
                    vpcKeys: Set(members.map(\.key)).sorted(), managedVPCs: Set(managed.map(\.key)).count,
                    paths: (pathsByRoot[root] ?? []).sorted()))
            indexByRoot[root] = components.count - 1
        }
        let order = components.indices.sorted {
            byOrder(components[$0].anchor) < byOrder(components[$1].anchor)
        }
        var newIndex = [Int: Int]()
        for (position, old) in order.enumerated() { newIndex[old] = position }
        components = order.enumerated().map { position, old in
            var component = components[old]
            component.number = position + 1
            return component
        }
        let finalIndex = indexByRoot.compactMapValues { newIndex[$0] }
        return NetworkComponents(
            components: components, byKey: rootByKey.compactMapValues { finalIndex[$0] },
            byOrigin: rootByOrigin.compactMapValues { finalIndex[$0] })
    }
}

/// Union-find over string nodes (path halving, union by size).
struct DisjointSets {
    private var index = [String: Int]()
    private var parent = [Int]()
    private var size = [Int]()

    @discardableResult
    mutating func add(_ node: String) -> Int {
        if let existing = index[node] { return existing }
        index[node] = parent.count
        parent.append(parent.count)
        size.append(1)
        return parent.count - 1
    }

    mutating func union(_ first: String, _ second: String) {
        var a = find(first)
        var b = find(second)
        guard a != b else { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }

    /// The root of `node`, adding it when new.
    mutating func find(_ node: String) -> Int {
        var current = add(node)
        while parent[current] != current {
            parent[current] = parent[parent[current]]
            current = parent[current]
        }
        return current
    }

    /// The root of `node`, or `nil` when it was never added.
    mutating func root(_ node: String) -> Int? {
        index[node] == nil ? nil : find(node)
    }
}
