import NetworkModel

/// The VPCs each resource of the model belongs to, by input file and Terraform address: what places a
/// finding (its resource and its related ones) on the picture of the topology (``TopologyGraph``).
public struct ResourceOwners: Sendable, Hashable {
    private var vpcsByResource: [String: [String]] = [:]

    public init() {}

    /// The owners of every resource of `model` that sits in a VPC or joins two.
    public init(_ model: NetworkModel) {
        for vpc in model.vpcs { add(vpc.origin, [vpc.key]) }
        for subnet in model.subnets { add(subnet.origin, [subnet.vpcKey]) }
        for table in model.routeTables { add(table.origin, [table.vpcKey]) }
        for endpoint in model.endpoints { add(endpoint.origin, [endpoint.vpcKey]) }
        for group in model.securityGroups { add(group.origin, [group.vpcKey]) }
        for attachment in model.transitGatewayAttachments { add(attachment.origin, [attachment.vpcKey]) }
        for endpoint in model.resolverEndpoints { add(endpoint.origin, [endpoint.vpcKey]) }
        // A zone or Resolver rule is associated with many VPCs; it belongs to the one its own input declares
        // (the hub's zone is the hub's, not each spoke's), or to the VPC of the endpoint that forwards its queries.
        for zone in model.zones {
            add(zone.origin, zone.vpcKeys.sorted().filter { model.vpc($0)?.origin.path == zone.origin.path })
        }
        for rule in model.resolverRules {
            let outbound = model.resolverEndpoints.first { $0.key == rule.outboundEndpointKey }?.vpcKey
            let own = rule.vpcKeys.sorted().filter { model.vpc($0)?.origin.path == rule.origin.path }
            add(rule.origin, outbound.map { [$0] } ?? own)
        }
        for peering in model.peerings {
            add(peering.origin, [peering.requesterVPCKey, peering.accepterVPCKey])
            if let accepter = peering.accepter { add(accepter, [peering.requesterVPCKey, peering.accepterVPCKey]) }
        }
    }

    /// The VPC keys of the resource at `origin` (file and address; the environment may be relabelled).
    public func vpcs(of origin: Origin) -> [String] {
        vpcsByResource[Self.key(origin)] ?? []
    }

    private mutating func add(_ origin: Origin, _ vpcs: [String?]) {
        let keys = vpcs.compactMap { $0 }
        guard !keys.isEmpty else { return }
        vpcsByResource[Self.key(origin), default: []].append(contentsOf: keys)
    }

    private static func key(_ origin: Origin) -> String {
        origin.path + "\u{0}" + origin.address
    }
}
