/// How a name resolves inside a VPC.
public enum DNSAnswer: Sendable {
    /// The VPC's own interface endpoint with private DNS answers.
    case ownEndpoint(Endpoint)
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
    /// Which private answer `host` gets inside `vpc`: the most specific associated private zone that
    /// contains it, its exact or wildcard record; or the VPC's own endpoint with private DNS.
    public func resolve(_ host: String, in vpc: VPC, service: String) -> DNSAnswer {
        let name = DNSName.normalize(host)
        // The most specific private zone associated with the VPC whose name is the host or a parent of it.
        var zone: HostedZone?
        var suffix = Substring(name)
        while zone == nil, !suffix.isEmpty {
            zone = model.zones(named: String(suffix)).first { $0.isPrivate && $0.vpcKeys.contains(vpc.key) }
            guard let dot = suffix.firstIndex(of: ".") else { break }
            suffix = suffix[suffix.index(after: dot)...]
        }
        let own = model.interfaceEndpoints(in: vpc.key).first { $0.service == service && $0.privateDNSEnabled == true }
        switch (own, zone) {
        case (let own?, let zone?): return .conflict(own, zone: zone)
        case (let own?, nil): return .ownEndpoint(own)
        case (nil, nil): return .publicDNS
        case (nil, let zone?):
            let records = model.records(in: zone.key).filter {
                $0.type == "A" || $0.type == "AAAA" || $0.type == "CNAME"
            }
            if let exact = records.first(where: { $0.name == name }) { return .record(exact, zone: zone) }
            // A wildcard answers any deeper name, never the name it stands on.
            let wildcard = records.filter { record in
                guard record.name.hasPrefix("*.") else { return false }
                let parent = String(record.name.dropFirst(2))
                return name.hasSuffix("." + parent)
            }.max { $0.name.count < $1.name.count }
            if let wildcard { return .record(wildcard, zone: zone) }
            return .noRecord(zone: zone)
        }
    }

    /// Follows the path from `vpc` to the interface endpoint serving `host` (`service` names the
    /// endpoint service, e.g. `ecr.dkr`): VPC DNS attributes, DNS answer, target endpoint, the forward
    /// route, the return route and the endpoint's security groups.
    public func trace(from vpc: VPC, service: String, host: String) -> Trace {
        var hops = [vpcDNSHop(vpc)]
        let answer = resolve(host, in: vpc, service: service)
        let (dnsHop, endpoint) = dnsHop(answer, host: host, service: service)
        hops.append(dnsHop)
        guard let endpoint else { return Trace(source: vpc, service: service, host: host, hops: hops) }
        hops.append(
            Hop(
                kind: .target, status: endpoint.service == service ? .pass : .fail,
                detail: endpoint.service == service
                    ? "endpoint `\(endpoint.origin.address)` (\(endpoint.origin.environment)) serves `\(service)` in \(endpoint.subnetKeys.count) subnet(s)"
                    : "the answer is endpoint `\(endpoint.origin.address)` of `\(endpoint.service)`, not `\(service)`",
                origin: endpoint.origin, related: []))
        guard let endpointVPC = model.vpc(endpoint.vpcKey) else {
            hops.append(
                Hop(
                    kind: .forwardRoute, status: .unknown, detail: "the endpoint's VPC is not in the inputs",
                    origin: endpoint.origin, related: []))
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
            let elsewhere = model.endpoints.first { $0.type == .gateway && $0.service == service }
            hops.append(
                Hop(
                    kind: .target, status: .fail,
                    detail: "no `\(service)` gateway endpoint in this VPC"
                        + (elsewhere.map {
                            "; the one in \($0.origin.environment) (`\($0.origin.address)`) cannot be used across peering or a transit gateway"
                        } ?? ""),
                    origin: vpc.origin, related: elsewhere.map { [$0.origin] } ?? []))
            return Trace(source: vpc, service: service, host: service, hops: hops)
        }
        hops.append(
            Hop(
                kind: .target, status: .pass, detail: "gateway endpoint `\(endpoint.origin.address)` in this VPC",
                origin: endpoint.origin, related: []))
        for table in sourceTables(of: vpc) {
            let associated = endpoint.routeTableKeys.contains(table.key)
            hops.append(
                Hop(
                    kind: .forwardRoute, status: associated ? .pass : .fail,
                    detail: associated
                        ? "route table `\(table.origin.address)` has the endpoint's prefix-list route"
                        : "route table `\(table.origin.address)` is not associated with gateway endpoint `\(endpoint.origin.address)`",
                    origin: table.origin, related: [endpoint.origin]))
        }
        return Trace(source: vpc, service: service, host: service, hops: hops)
    }

    private func vpcDNSHop(_ vpc: VPC) -> Hop {
        let support = vpc.enableDNSSupport
        let hostnames = vpc.enableDNSHostnames
        if support == false || hostnames == false {
            let off = [
                support == false ? "enable_dns_support" : nil, hostnames == false ? "enable_dns_hostnames" : nil,
            ]
            .compactMap { $0 }.joined(separator: " and ")
            return Hop(
                kind: .vpcDNS, status: .fail, detail: "\(off) is false: private hosted zones do not resolve",
                origin: vpc.origin, related: [])
        }
        if support == nil || hostnames == nil {
            return Hop(
                kind: .vpcDNS, status: .unknown, detail: "the VPC's DNS attributes are not in the input",
                origin: vpc.origin, related: [])
        }
        return Hop(
            kind: .vpcDNS, status: .pass, detail: "DNS support and DNS hostnames are on", origin: vpc.origin,
            related: [])
    }

    private func dnsHop(_ answer: DNSAnswer, host: String, service: String) -> (Hop, Endpoint?) {
        switch answer {
        case .ownEndpoint(let endpoint):
            return (
                Hop(
                    kind: .dns, status: .pass,
                    detail: "\(host) resolves through the VPC's own endpoint with private DNS",
                    origin: endpoint.origin, related: []), endpoint
            )
        case .conflict(let endpoint, let zone):
            return (
                Hop(
                    kind: .dns, status: .fail,
                    detail:
                        "both endpoint `\(endpoint.origin.address)` (private DNS) and private hosted zone `\(zone.origin.address)` claim \(zone.name): the association fails with ConflictingDomainExists",
                    origin: endpoint.origin, related: [zone.origin]), nil
            )
        case .publicDNS:
            return (
                Hop(
                    kind: .dns, status: .fail,
                    detail:
                        "no private hosted zone associated with this VPC answers \(host): it resolves to the public endpoint (NAT or no route)",
                    origin: nil, related: []), nil
            )
        case .noRecord(let zone):
            return (
                Hop(
                    kind: .dns, status: .fail,
                    detail:
                        "private hosted zone `\(zone.origin.address)` (\(zone.name)) captures \(host) but has no record for it: NXDOMAIN (`no such host`)",
                    origin: zone.origin, related: []), nil
            )
        case .record(let record, let zone):
            let kind = record.name.hasPrefix("*.") ? "wildcard" : "apex"
            guard let endpoint = model.endpoint(record.aliasEndpointKey) else {
                return (
                    Hop(
                        kind: .dns, status: .unknown,
                        detail:
                            "\(host) matches the \(kind) record `\(record.origin.address)` of \(zone.name), whose alias \(record.aliasName ?? "(none)") is no endpoint in the inputs",
                        origin: record.origin, related: [zone.origin]), nil
                )
            }
            return (
                Hop(
                    kind: .dns, status: .pass,
                    detail:
                        "\(host) matches the \(kind) record `\(record.origin.address)` of private hosted zone \(zone.name)",
                    origin: record.origin, related: [zone.origin]), endpoint
            )
        }
    }

    private func routeHops(from vpc: VPC, to endpointVPC: VPC, endpoint: Endpoint) -> [Hop] {
        let connections = connectionKeys(between: vpc.key, and: endpointVPC.key)
        guard !connections.isEmpty else {
            return [
                Hop(
                    kind: .forwardRoute, status: .fail,
                    detail:
                        "no peering connection or transit gateway joins this VPC to \(endpointVPC.origin.environment)",
                    origin: vpc.origin, related: [endpointVPC.origin])
            ]
        }
        let connectionName = connections.sorted().map { "`\($0)`" }.joined(separator: " or ")
        let targets = endpoint.subnetKeys.compactMap { model.subnet($0)?.cidr }
        var hops = [Hop]()
        for table in sourceTables(of: vpc) {
            for cidr in targets.isEmpty ? endpointVPC.cidrs.filter({ !$0.isIPv6 }) : targets {
                hops.append(
                    routeHop(
                        .forwardRoute, table: table, to: cidr, through: connections,
                        peerName: endpointVPC.origin.environment, connectionName: connectionName))
            }
        }
        for table in model.routeTables(forSubnets: endpoint.subnetKeys) {
            for cidr in vpc.cidrs where !cidr.isIPv6 {
                hops.append(
                    routeHop(
                        .returnRoute, table: table, to: cidr, through: connections,
                        peerName: vpc.origin.environment, connectionName: connectionName))
            }
        }
        return hops
    }

    private func securityGroupHop(_ endpoint: Endpoint, from vpc: VPC) -> Hop {
        let groups = endpoint.securityGroupKeys.compactMap { model.securityGroup($0) }
        guard groups.count == endpoint.securityGroupKeys.count else {
            return Hop(
                kind: .securityGroup, status: .unknown,
                detail: "the endpoint's security groups are not all in the inputs",
                origin: endpoint.origin, related: [])
        }
        var verdicts = [(CIDR, HopStatus)]()
        for cidr in vpc.cidrs where !cidr.isIPv6 {
            verdicts.append((cidr, securityGroupVerdict(groups, port: 443, from: cidr, sourceVPC: vpc.key)))
        }
        let origin = groups.first?.origin ?? endpoint.origin
        if let denied = verdicts.first(where: { $0.1 == .fail }) {
            return Hop(
                kind: .securityGroup, status: .fail,
                detail: "the endpoint's security groups do not allow TCP 443 from \(denied.0)",
                origin: origin, related: [endpoint.origin])
        }
        if let unknown = verdicts.first(where: { $0.1 == .unknown }) {
            return Hop(
                kind: .securityGroup, status: .unknown,
                detail: "whether TCP 443 from \(unknown.0) is allowed is unknown until apply",
                origin: origin, related: [endpoint.origin])
        }
        return Hop(
            kind: .securityGroup, status: .pass, detail: "TCP 443 from \(Describe.cidrList(vpc.cidrs)) is allowed",
            origin: origin, related: [endpoint.origin])
    }

    /// Route tables of a VPC's subnets; the main table when the VPC has no subnets in the inputs.
    public func sourceTables(of vpc: VPC) -> [RouteTable] {
        let subnets = model.subnets(in: vpc.key).map(\.key)
        let tables = model.routeTables(forSubnets: subnets)
        if !tables.isEmpty { return tables }
        return model.mainRouteTable[vpc.key].map { [model.routeTables[$0]] } ?? []
    }
}

enum Describe {
    static func cidrList(_ cidrs: [CIDR]) -> String {
        cidrs.filter { !$0.isIPv6 }.map(\.description).joined(separator: ", ")
    }
}
