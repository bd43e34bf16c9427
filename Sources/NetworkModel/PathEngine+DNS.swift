/// The DNS hop: which private answer a name gets inside a VPC, and where that is decided.
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

    /// The DNS hop of a trace from `vpc` to `service` at `host`, and the endpoint the answer leads to.
    public func dnsHop(from vpc: VPC, service: String, host: String) -> (hop: Hop, endpoint: Endpoint?) {
        switch resolve(host, in: vpc, service: service) {
        case .ownEndpoint(let endpoint):
            return (Hop(kind: .dns, status: .pass, reason: .ownEndpoint(host: host), origin: endpoint.origin), endpoint)
        case .conflict(let endpoint, let zone):
            return (
                Hop(
                    kind: .dns, status: .fail,
                    reason: .conflictingDomain(endpoint: endpoint.origin, zone: zone.origin, zoneName: zone.name),
                    origin: endpoint.origin, related: [zone.origin]), nil
            )
        case .publicDNS:
            return (Hop(kind: .dns, status: .fail, reason: .publicName(host: host), origin: nil), nil)
        case .noRecord(let zone):
            return (
                Hop(
                    kind: .dns, status: .fail,
                    reason: .privateZoneWithoutRecord(host: host, zone: zone.origin, zoneName: zone.name),
                    origin: zone.origin), nil
            )
        case .record(let record, let zone):
            let match = DNSMatch(
                host: host, record: record.origin, wildcard: record.name.hasPrefix("*."), zoneName: zone.name)
            guard let endpoint = model.endpoint(record.aliasEndpointKey) else {
                return (
                    Hop(
                        kind: .dns, status: .unknown, reason: .aliasNotInInputs(match, alias: record.aliasName),
                        origin: record.origin, related: [zone.origin]), nil
                )
            }
            return (
                Hop(kind: .dns, status: .pass, reason: .record(match), origin: record.origin, related: [zone.origin]),
                endpoint
            )
        }
    }
}
