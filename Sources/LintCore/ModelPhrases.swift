import NetworkModel

extension RouteTarget {
    /// Where a route sends traffic, as a noun phrase for reports and findings: ``peering `pcx-1` ``.
    public var phrase: String {
        switch self {
        case .peering(let key): return "peering `\(ModelKey.shown(key))`"
        case .transitGateway(let key): return "transit gateway `\(ModelKey.shown(key))`"
        case .gateway(let key): return "gateway `\(ModelKey.shown(key))`"
        case .vpcEndpoint(let key): return "endpoint `\(ModelKey.shown(key))`"
        case .coreNetwork(let arn): return "Cloud WAN core network `\(ModelKey.shown(arn))`"
        case .other(let key): return "`\(ModelKey.shown(key))`"
        case .local: return "the local VPC (the CIDRs overlap)"
        case .unresolved(let reason): return "an unknown target (\(reason))"
        }
    }
}
