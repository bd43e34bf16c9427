/// How a name resolves inside a VPC.
public enum DNSAnswer: Sendable {
    /// The VPC's own interface endpoint with private DNS answers.
    case ownEndpoint(Endpoint)
    /// An interface endpoint with private DNS that a Route 53 Profile associated with the VPC carries (the
    /// association with the VPC, then the endpoint's with the profile).
    case profileEndpoint(Endpoint, evidence: [Origin])
    /// A record of a private hosted zone associated with the VPC.
    case record(DNSRecord, zone: HostedZone)
    /// A private zone captures the name but has no record for it: NXDOMAIN, no public fallback.
    case noRecord(zone: HostedZone)
    /// Both the VPC's own endpoint and a private zone claim the name (ConflictingDomainExists).
    case conflict(Endpoint, zone: HostedZone)
    /// Nothing private answers: the public name resolves, traffic leaves through NAT or fails.
    case publicDNS
}

/// A traced path from a VPC to a service, hop by hop.
public struct Trace: Sendable {
    public var source: VPC
    public var service: String
    public var host: String
    public var hops: [Hop]

    /// Fail if any hop fails, else unknown if any is unknown, else pass.
    public var status: HopStatus {
        if hops.contains(where: { $0.status == .fail }) { return .fail }
        if hops.contains(where: { $0.status == .unknown }) { return .unknown }
        return .pass
    }
}

extension PathEngine {
    /// Follows the path from `vpc` to the interface endpoint serving `host` (`service` names the
    /// endpoint service, e.g. `ecr.dkr`): VPC DNS attributes, DNS answer, target endpoint, the forward
    /// route, the return route and the endpoint's security groups.
    public func trace(from vpc: VPC, service: String, host: String) -> Trace {
        var hops = [vpcDNSHop(vpc)]
        let (dnsHop, endpoint) = dnsHop(from: vpc, service: service, host: host)
        hops.append(dnsHop)
        guard let endpoint else { return Trace(source: vpc, service: service, host: host, hops: hops) }
        guard endpoint.service == service else {
            // A record that aliases another service's endpoint decides it.
            let record = dnsHop.kind == .dns && dnsHop.origin != endpoint.origin ? dnsHop.origin : nil
            hops.append(
                Hop(
                    kind: .target, status: .fail,
                    reason: .wrongService(endpoint: endpoint.origin, serves: endpoint.service, expected: service),
                    origin: record ?? endpoint.origin, related: record == nil ? [] : [endpoint.origin]))
            return Trace(source: vpc, service: service, host: host, hops: hops)
        }
        hops.append(
            Hop(
                kind: .target, status: .pass,
                reason: .serves(endpoint: endpoint.origin, service: service, subnets: endpoint.subnetKeys.count),
                origin: endpoint.origin))
        guard let endpointVPC = model.vpc(endpoint.vpcKey) else {
            hops.append(
                Hop(kind: .forwardRoute, status: .unknown, reason: .endpointVPCNotInInputs, origin: endpoint.origin))
            return Trace(source: vpc, service: service, host: host, hops: hops)
        }
        if endpointVPC.key != vpc.key { hops += routeHops(from: vpc, to: endpointVPC, endpoint: endpoint) }
        hops.append(securityGroupHop(endpoint, from: vpc))
        return Trace(source: vpc, service: service, host: host, hops: hops)
    }

    /// A gateway endpoint service (`s3`, `dynamodb`): the VPC's own gateway endpoint and the route tables
    /// of its subnets; a gateway endpoint elsewhere does not count (they do not cross peering or TGW).
    public func traceGateway(from vpc: VPC, service: String) -> Trace {
        var hops = [Hop]()
        let own = model.endpoints(in: vpc.key).filter { $0.type == .gateway && $0.service == service }
        guard let endpoint = own.first else {
            let elsewhere = model.firstGatewayEndpoint(service: service)
            hops.append(
                Hop(
                    kind: .target, status: .fail,
                    reason: .noGatewayEndpoint(service: service, elsewhere: elsewhere?.origin),
                    origin: vpc.origin, related: elsewhere.map { [$0.origin] } ?? []))
            return Trace(source: vpc, service: service, host: service, hops: hops)
        }
        hops.append(
            Hop(
                kind: .target, status: .pass, reason: .gatewayEndpoint(endpoint: endpoint.origin),
                origin: endpoint.origin))
        for table in sourceTables(of: vpc) {
            let associated = endpoint.routeTableKeys.contains(table.key)
            hops.append(
                Hop(
                    kind: .forwardRoute, status: associated ? .pass : .fail,
                    reason: .gatewayRoute(table: table.origin, endpoint: endpoint.origin, associated: associated),
                    origin: table.origin, related: [endpoint.origin]))
        }
        return Trace(source: vpc, service: service, host: service, hops: hops)
    }

    /// Whether private hosted zones resolve in `vpc` at all.
    public func vpcDNSHop(_ vpc: VPC) -> Hop {
        let support = vpc.enableDNSSupport
        let hostnames = vpc.enableDNSHostnames
        if support == false || hostnames == false {
            return Hop(
                kind: .vpcDNS, status: .fail,
                reason: .vpcDNSOff(support: support == false, hostnames: hostnames == false),
                origin: vpc.origin)
        }
        if support == nil || hostnames == nil {
            return Hop(kind: .vpcDNS, status: .unknown, reason: .vpcDNSUnknown, origin: vpc.origin)
        }
        return Hop(kind: .vpcDNS, status: .pass, reason: .vpcDNSOn, origin: vpc.origin)
    }

    private func routeHops(from vpc: VPC, to endpointVPC: VPC, endpoint: Endpoint) -> [Hop] {
        let connections = connectionKeys(between: vpc.key, and: endpointVPC.key)
        guard !connections.isEmpty || routesThroughCoreNetwork(from: vpc, to: endpointVPC) else {
            return [
                Hop(
                    kind: .forwardRoute, status: .fail, reason: .noConnection(peer: endpointVPC.origin),
                    origin: vpc.origin, related: [endpointVPC.origin])
            ]
        }
        let targets = endpoint.subnetKeys.compactMap { model.subnet($0)?.cidr }
        var hops = [Hop]()
        for table in sourceTables(of: vpc) {
            for cidr in targets.isEmpty ? endpointVPC.cidrs.filter({ !$0.isIPv6 }) : targets {
                hops.append(routeHop(.forwardRoute, table: table, to: cidr, peer: endpointVPC, through: connections))
            }
        }
        // An endpoint subnet whose network cannot be read is a destination no route can be checked against.
        for (subnet, problem) in model.unreadableSubnets(endpoint.subnetKeys) {
            hops.append(
                Hop(
                    kind: .forwardRoute, status: .unknown,
                    reason: .cidrUnreadable(
                        Unresolved(
                            attribute: "endpoint subnet `\(subnet.origin.address)` \(problem.attribute)",
                            reason: problem.reason)),
                    origin: subnet.origin, related: [endpointVPC.origin]))
        }
        for table in model.routeTables(forSubnets: endpoint.subnetKeys) {
            for cidr in model.sourceCIDRs(of: vpc, toward: endpointVPC) {
                hops.append(routeHop(.returnRoute, table: table, to: cidr, peer: vpc, through: connections))
            }
        }
        // A network of the VPC that cannot be read may be one the hub does not route back to.
        for problem in vpc.unreadableCIDRs {
            hops.append(
                Hop(
                    kind: .returnRoute, status: .unknown, reason: .cidrUnreadable(problem), origin: vpc.origin,
                    related: [endpointVPC.origin]))
        }
        return hops
    }
}
