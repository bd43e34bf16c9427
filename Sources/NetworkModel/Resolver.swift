/// A Route 53 Resolver endpoint: `INBOUND` answers queries sent to its IPs from outside the VPC (a hub's
/// endpoint that spokes forward to), `OUTBOUND` sends a VPC's forwarded queries out.
public struct ResolverEndpoint: ModelElement {
    public enum Direction: String, Sendable {
        case inbound = "INBOUND"
        case outbound = "OUTBOUND"
    }

    public var key: String
    public var origin: Origin
    public var direction: Direction?
    public var vpcKey: String?
    /// The endpoint's IP addresses, with the subnet of each where the inputs say.
    public var addresses: [(ip: String, subnetKey: String?)]
    public var securityGroupKeys: [String]
}

/// A Route 53 Resolver rule: `FORWARD` sends queries for `domain` and its subdomains to `targetIPs`; `SYSTEM`
/// makes the VPC's own resolver answer them (overriding a forwarding rule for the same name).
public struct ResolverRule: ModelElement {
    public enum Kind: String, Sendable {
        case forward = "FORWARD"
        case system = "SYSTEM"
        case recursive = "RECURSIVE"
    }

    public var key: String
    public var origin: Origin
    /// Lower case, no trailing dot.
    public var domain: String
    public var kind: Kind?
    public var targetIPs: [String]
    /// The outbound endpoint that forwards the queries.
    public var outboundEndpointKey: String?
    /// VPCs the rule is associated with, and the association resources.
    public var vpcKeys: Set<String>
    public var associations: [Origin]

    /// True when the rule applies to `name`: the name is its domain or a subdomain of it.
    public func covers(_ name: String) -> Bool {
        let name = DNSName.normalize(name)
        return name == domain || name.hasSuffix("." + domain)
    }
}

/// A Resolver rule associated with a VPC that no input holds: a rule shared from another account (AWS RAM) by
/// its ID, or a profile's rule. Its domain, and so which queries it takes, is unknown.
public struct OutsideResolverAssociation: Sendable {
    /// The rule's ID, as the association names it.
    public var ruleKey: String
    public var vpcKey: String
    /// The association (`aws_route53_resolver_rule_association`, or the profile's association with the VPC).
    public var origin: Origin
    /// The rest of the evidence: the profile's resource association that carries the rule, when it is one.
    public var related: [Origin] = []
}

extension NetworkModel {
    /// The associations of `vpcKey` with Resolver rules no input holds, in input order.
    public func outsideResolverRules(of vpcKey: String) -> [OutsideResolverAssociation] {
        guard !outsideResolverAssociations.isEmpty else { return [] }
        return memoized("NetworkModel.outsideResolverRulesByVPC") { model in
            Dictionary(grouping: model.outsideResolverAssociations, by: \.vpcKey)
        }[vpcKey] ?? []
    }

    /// The rule that decides where a query for `host` from `vpcKey` goes: of the rules associated with the VPC,
    /// the one with the most specific domain that is the host or a parent of it; at equal domains a `SYSTEM`
    /// rule wins over a forwarding one (Route 53 Resolver's order). `nil` when no rule applies.
    public func resolverRule(for host: String, in vpcKey: String) -> ResolverRule? {
        var best: ResolverRule?
        for rule in resolverRules where rule.vpcKeys.contains(vpcKey) {
            guard rule.covers(host) else { continue }
            guard let current = best else {
                best = rule
                continue
            }
            if rule.domain.count > current.domain.count
                || (rule.domain.count == current.domain.count && rule.kind == .system && current.kind != .system)
            {
                best = rule
            }
        }
        return best
    }

    /// Inbound endpoints that own one of `rule`'s target IPs.
    public func inboundEndpoints(targetedBy rule: ResolverRule) -> [ResolverEndpoint] {
        resolverEndpoints.filter { endpoint in
            endpoint.direction != .outbound && endpoint.addresses.contains { rule.targetIPs.contains($0.ip) }
        }
    }

    /// Forwarding rules whose targets include an inbound endpoint in `vpcKey`: how other VPCs send their
    /// queries to this one.
    public func forwardingRules(into vpcKey: String) -> [ResolverRule] {
        resolverRules.filter { rule in
            rule.kind == .forward && inboundEndpoints(targetedBy: rule).contains { $0.vpcKey == vpcKey }
        }
    }
}
