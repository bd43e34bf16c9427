/// The DNS hop: which private answer a name gets inside a VPC, and where that is decided.
/// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html
extension PathEngine {
    /// Which private answer `host` gets inside `vpc`: the most specific associated private zone that
    /// contains it, its exact or wildcard record; or the VPC's own endpoint with private DNS, which answers
    /// only the names of its own Region.
    public func resolve(_ host: String, in vpc: VPC, service: String) -> DNSAnswer {
        let name = DNSName.normalize(host)
        // The most specific name with a private zone associated with the VPC (as ``zones(containing:)`` orders
        // them), and of its zones the first associated.
        var zone: HostedZone?
        var suffix = Substring(name)
        while !suffix.isEmpty, zone == nil {
            zone = model.privateZone(named: String(suffix), associatedWith: vpc.key)
            guard let dot = suffix.utf8.firstIndex(of: UInt8(ascii: ".")) else { break }
            suffix = suffix[suffix.utf8.index(after: dot)...]
        }
        let own = model.firstInterfaceEndpoint(in: vpc.key) {
            $0.service == service && $0.privateDNSEnabled == true && Self.answers($0, name)
        }
        // The VPC's own settings first; then an endpoint a profile of the VPC carries, unless a zone associated
        // with the VPC itself claims the name.
        if own == nil, zone.map({ $0.viaProfile[vpc.key] != nil }) ?? true,
            let (endpoint, evidence) = model.profileEndpoint(
                in: vpc.key,
                where: {
                    $0.service == service && $0.privateDNSEnabled == true && Self.answers($0, name)
                })
        {
            return .profileEndpoint(endpoint, evidence: evidence)
        }
        switch (own, zone) {
        // A profile's zone gives way to the VPC's own settings (its endpoint's private DNS); an association of
        // the VPC's own cannot be made beside that endpoint (ConflictingDomainExists).
        case (let own?, let zone?) where zone.viaProfile[vpc.key] != nil: return .ownEndpoint(own)
        case (let own?, let zone?): return .conflict(own, zone: zone)
        case (let own?, nil): return .ownEndpoint(own)
        case (nil, nil): return .publicDNS
        case (nil, let zone?):
            switch lookup(name, in: zone) {
            case .record(let record): return .record(record, zone: zone)
            case .noRecord, .recordUnknown: return .noRecord(zone: zone)
            }
        }
    }

    /// What a zone's records answer for `name`: the exact record, else the most specific wildcard (which
    /// answers any deeper name, never the name it stands on); when none, a record a plan cannot place in a
    /// zone may be the one.
    public func lookup(_ name: String, in zone: HostedZone) -> ZoneLookup {
        let name = DNSName.normalize(name)
        // The exact record, else of the wildcards that cover the name the first of the longest name.
        if let record = model.record(
            in: zone.key, types: ["A", "AAAA", "CNAME"], accepting: { $0.name == name },
            else: { Self.wildcard($0.name, covers: name) ? $0.name.count : nil })
        {
            return .record(record)
        }
        if let maybe = model.unplacedRecords.first(where: { entry in
            entry.record.origin.path == zone.origin.path
                && (entry.record.name.isEmpty || entry.record.name == name
                    || Self.wildcard(entry.record.name, covers: name))
        }) {
            return .recordUnknown(maybe.record, maybe.problem)
        }
        return .noRecord
    }

    /// Where an alias record leads: an endpoint in the inputs (pass), an endpoint name that is not in them
    /// (unknown), or a name that is no VPC endpoint at all (fail).
    public func aliasTarget(_ record: DNSRecord) -> (status: HopStatus, endpoint: Endpoint?) {
        if let endpoint = model.endpoint(record.aliasEndpointKey) { return (.pass, endpoint) }
        guard let alias = record.aliasName, !alias.hasSuffix(".vpce.amazonaws.com") else { return (.unknown, nil) }
        return (.fail, nil)
    }

    /// The DNS hop of a trace from `vpc` to `service` at `host`, and the endpoint the answer leads to.
    public func dnsHop(from vpc: VPC, service: String, host: String) -> (hop: Hop, endpoint: Endpoint?) {
        dnsHop(from: vpc, service: service, host: host, followingRules: true)
    }

    /// The DNS hop; `followingRules` false answers inside `vpc` alone (where a forwarded query lands).
    func dnsHop(from vpc: VPC, service: String, host: String, followingRules: Bool) -> (hop: Hop, endpoint: Endpoint?) {
        // Route 53 Resolver rules come first: a FORWARD rule sends the query elsewhere even when a private zone
        // associated with the VPC has the name.
        if followingRules, let outside = model.outsideResolverRules(of: vpc.key).first {
            // A rule no input holds may take the name (even one more specific than a rule of the inputs).
            return (
                Hop(
                    kind: .dns, status: .unknown,
                    reason: .resolverRuleOutsideInputs(host: host, rule: outside.ruleKey, association: outside.origin),
                    origin: outside.origin, related: outside.related + [vpc.origin]), nil
            )
        }
        if followingRules, let rule = model.resolverRule(for: host, in: vpc.key), rule.kind == .forward {
            return forwardedHop(rule, from: vpc, service: service, host: host)
        }
        switch resolve(host, in: vpc, service: service) {
        case .ownEndpoint(let endpoint):
            return (ownEndpointHop(endpoint, in: vpc, host: host), endpoint)
        case .profileEndpoint(let endpoint, let evidence):
            return (
                Hop(
                    kind: .dns, status: .pass, reason: .profileEndpoint(host: host, profile: evidence[0]),
                    origin: endpoint.origin, related: evidence), endpoint
            )
        case .conflict(let endpoint, let zone):
            return (
                Hop(
                    kind: .dns, status: .fail,
                    reason: .conflictingDomain(endpoint: endpoint.origin, zone: zone.origin, zoneName: zone.name),
                    origin: endpoint.origin, related: [zone.origin]), nil
            )
        case .publicDNS:
            if followingRules, let hop = unassociatedRuleHop(from: vpc, host: host) { return (hop, nil) }
            return (publicHop(from: vpc, service: service, host: host), nil)
        case .noRecord(let zone):
            if case .recordUnknown(let record, let problem) = lookup(host, in: zone) {
                return (
                    Hop(
                        kind: .dns, status: .unknown,
                        reason: .recordUnknown(
                            host: host, zone: zone.origin, zoneName: zone.name, record: record.origin, problem: problem),
                        origin: zone.origin, related: [record.origin]), nil
                )
            }
            return (
                Hop(
                    kind: .dns, status: .fail,
                    reason: .privateZoneWithoutRecord(host: host, zone: zone.origin, zoneName: zone.name),
                    origin: zone.origin), nil
            )
        case .record(let record, let zone):
            let match = DNSMatch(
                host: host, record: record.origin, wildcard: record.name.hasPrefix("*."), zoneName: zone.name)
            let (status, endpoint) = aliasTarget(record)
            let reason: HopReason =
                switch status {
                case .pass: .record(match)
                case .unknown: .aliasNotInInputs(match, alias: record.aliasName)
                case .fail: .aliasNotAnEndpoint(match, alias: record.aliasName ?? "")
                }
            // A zone a profile brings names the profile's association with the VPC and the zone's with it.
            let related = [zone.origin] + (zone.viaProfile.isEmpty ? [] : zone.viaProfile[vpc.key] ?? [])
            return (
                Hop(kind: .dns, status: status, reason: reason, origin: record.origin, related: related), endpoint
            )
        }
    }

    /// The VPC's own private-DNS endpoint answers, unless an association a plan cannot place associates a
    /// zone of the same name (the association then fails with ConflictingDomainExists).
    private func ownEndpointHop(_ endpoint: Endpoint, in vpc: VPC, host: String) -> Hop {
        for zone in zones(containing: DNSName.normalize(host)).joined() {
            guard
                let maybe = model.unplacedZoneAssociations.first(where: {
                    !$0.viaProfile && $0.mayAssociate(zone: zone.key, vpc: vpc.key)
                })
            else { continue }
            return Hop(
                kind: .dns, status: .unknown,
                reason: .conflictUnknown(
                    endpoint: endpoint.origin, zone: zone.origin, zoneName: zone.name, association: maybe.origin,
                    problem: maybe.problem),
                origin: endpoint.origin, related: [zone.origin, maybe.origin])
        }
        return Hop(kind: .dns, status: .pass, reason: .ownEndpoint(host: host), origin: endpoint.origin)
    }

    /// Nothing private answers `host` in `vpc`: say what decides that. A private zone for the name that is
    /// not associated with the VPC (or may be, through an association a plan cannot place), one of the VPC's
    /// own hub (``fixZones(_:for:)``); else the endpoint that serves the service from a connected VPC, whose
    /// private DNS answers only in its own VPC.
    private func publicHop(from vpc: VPC, service: String, host: String) -> Hop {
        let name = DNSName.normalize(host)
        if let candidates = zones(containing: name).lazy.map({ fixZones($0, for: vpc) }).first(where: { !$0.isEmpty }),
            let zone = candidates.first(where: \.isManaged) ?? candidates.first
        {
            if let maybe = model.unplacedZoneAssociations.first(where: { association in
                candidates.contains { association.mayAssociate(zone: $0.key, vpc: vpc.key) }
            }) {
                return Hop(
                    kind: .dns, status: .unknown,
                    reason: .zoneAssociationUnknown(
                        host: host, zone: zone.origin, zoneName: zone.name, association: maybe.origin,
                        problem: maybe.problem),
                    origin: zone.origin, related: [maybe.origin])
            }
            // A profile carries the zone, and the VPC is in the inputs only as a data source: its association
            // with the profile would be in its own root, which is not among the inputs.
            if !vpc.isManaged, let carrier = model.profileResources(carrying: zone.key).first {
                return Hop(
                    kind: .dns, status: .unknown,
                    reason: .zoneAssociationUnknown(
                        host: host, zone: zone.origin, zoneName: zone.name, association: carrier.origin,
                        problem: Self.profileOutsideInputs),
                    origin: zone.origin, related: [carrier.origin, vpc.origin])
            }
            return Hop(
                kind: .dns, status: .fail,
                reason: .zoneNotAssociated(host: host, zone: zone.origin, zoneName: zone.name),
                origin: zone.origin, related: [vpc.origin])
        }
        // The interface endpoints of the connected VPCs (through the per-VPC index, not a scan of every endpoint).
        // Connections come in a stable order, and each VPC's endpoints in model order.
        let peers = model.connectedVPCsWithInterfaceEndpoints(of: vpc.key)
        let serving = peers.flatMap { model.interfaceEndpoints(in: $0) }.filter { endpoint in
            endpoint.service == service && Self.answers(endpoint, name)
        }
        guard let endpoint = serving.first(where: \.isManaged) ?? serving.first else {
            // A spoke of a hub the inputs do not hold: what the hub answers is unknown, not public.
            if let hub = model.topology.outsideHubs.first(where: { $0.spokes.contains { $0.key == vpc.key } }) {
                return Hop(
                    kind: .dns, status: .unknown, reason: .hubOutsideInputs(host: host, hub: hub.key),
                    origin: vpc.origin, related: hub.links(of: vpc.key).flatMap(\.resources))
            }
            return Hop(kind: .dns, status: .fail, reason: .publicName(host: host), origin: nil)
        }
        switch endpoint.privateDNSEnabled {
        case true? where !vpc.isManaged:
            // As for a profile's zone: a profile that carries the endpoint may be associated with the VPC.
            guard let carrier = model.profileResources(carrying: endpoint.key).first else { fallthrough }
            return Hop(
                kind: .dns, status: .unknown,
                reason: .profileAssociationUnknown(host: host, endpoint: endpoint.origin, resource: carrier.origin),
                origin: endpoint.origin, related: [carrier.origin, vpc.origin])
        case true?:
            return Hop(
                kind: .dns, status: .fail, reason: .endpointPrivateDNSOn(host: host, endpoint: endpoint.origin),
                origin: endpoint.origin)
        case nil:
            return Hop(
                kind: .dns, status: .unknown, reason: .endpointPrivateDNSUnknown(host: host, endpoint: endpoint.origin),
                origin: endpoint.origin)
        case false?:
            return Hop(
                kind: .dns, status: .fail, reason: .noZoneForEndpoint(host: host, endpoint: endpoint.origin),
                origin: endpoint.origin)
        }
    }

    /// Why a profile's association with a VPC known only from a data source is unknown.
    static let profileOutsideInputs = Unresolved(
        attribute: "Route 53 Profile's association with this VPC",
        reason: "in the VPC's own root, which is not among the inputs (the VPC is here only as a data source)")

    /// Why a Resolver rule's association with a VPC known only from a data source is unknown.
    static let ruleAssociationOutsideInputs = Unresolved(
        attribute: "association with the rule",
        reason: "in the VPC's own root, which is not among the inputs (the VPC is here only as a data source)")

    /// Private zones named `name` or a parent of it, most specific first, one group per name.
    private func zones(containing name: String) -> [[HostedZone]] {
        var groups = [[HostedZone]]()
        var suffix = Substring(name)
        while !suffix.isEmpty {
            let zones = model.zones(named: String(suffix)).filter(\.isPrivate)
            if !zones.isEmpty { groups.append(zones) }
            // By bytes, as ``resolve(_:in:service:)`` walks the same names: labels end at a dot byte.
            guard let dot = suffix.utf8.firstIndex(of: UInt8(ascii: ".")) else { break }
            suffix = suffix[suffix.utf8.index(after: dot)...]
        }
        return groups
    }

    /// The zones among `zones` that a fix for `vpc` may associate with it: for a hub or a spoke of hubs (in
    /// the inputs or outside them), the zones of its own hubs (associated with the hub VPC, or declared in the
    /// environment of a hub in the inputs), never another hub's zone of the same name; for a VPC in no hub,
    /// every one of them.
    private func fixZones(_ zones: [HostedZone], for vpc: VPC) -> [HostedZone] {
        let hubs =
            model.memoized("NetworkModel.hubsByVPC") { model -> [String: [(key: String, environment: String?)]] in
                var result = [String: [(key: String, environment: String?)]]()
                for hub in model.hubs {
                    let own = (key: hub.vpc.key, environment: Optional(hub.vpc.origin.environment))
                    result[hub.vpc.key, default: []].append(own)
                    for spoke in hub.spokes { result[spoke.vpc.key, default: []].append(own) }
                }
                for hub in model.topology.outsideHubs {
                    for spoke in hub.spokes { result[spoke.key, default: []].append((hub.key, nil)) }
                }
                return result
            }[vpc.key] ?? []
        guard !hubs.isEmpty else { return zones }
        return zones.filter { zone in
            hubs.contains { zone.vpcKeys.contains($0.key) || zone.origin.environment == $0.environment }
        }
    }

    /// An endpoint's private DNS names carry its Region (`logs.us-east-1.amazonaws.com`): it answers no
    /// other Region's name.
    static func answers(_ endpoint: Endpoint, _ name: String) -> Bool {
        guard let region = endpoint.region else { return true }
        // One of the name's dot-separated labels is the region, compared by bytes when both are ASCII (else
        // as Swift strings, which compare canonically: `\u{212A}` is `K`).
        guard region.utf8.allSatisfy({ $0 < 0x80 }), name.utf8.allSatisfy({ $0 < 0x80 }) else {
            return name.split(separator: ".").contains(Substring(region))
        }
        let target = region.utf8
        var label = name.utf8[...]
        while true {
            let dot = label.firstIndex(of: UInt8(ascii: ".")) ?? label.endIndex
            // Empty labels are no labels (as `split` omits them).
            if dot > label.startIndex, label[..<dot].elementsEqual(target) { return true }
            guard dot < label.endIndex else { return false }
            label = label[label.index(after: dot)...]
        }
    }

    private static func wildcard(_ record: String, covers name: String) -> Bool {
        record.hasPrefix("*.") && name.hasSuffix("." + record.dropFirst(2))
    }
}

/// What a private hosted zone's records answer for one name.
public enum ZoneLookup: Sendable {
    case record(DNSRecord)
    case noRecord
    /// No placed record answers, but a record whose zone a plan leaves unknown may.
    case recordUnknown(DNSRecord, Unresolved)
}

/// The Route 53 Resolver forwarding design: spokes forward the service names to the hub's inbound Resolver
/// endpoint, where the hub's endpoints answer with private DNS.
/// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-rules-managing.html
extension PathEngine {
    /// A query `rule` forwards: to an inbound endpoint that owns every target, through its security groups
    /// (UDP and TCP 53 from the outbound endpoint's subnets), answered in the inbound endpoint's VPC.
    func forwardedHop(_ rule: ResolverRule, from vpc: VPC, service: String, host: String) -> (
        hop: Hop, endpoint: Endpoint?
    ) {
        let inbound = model.inboundEndpoints(targetedBy: rule)
        if inbound.isEmpty,
            model.resolverEndpoints.contains(where: { $0.direction == .inbound && !$0.addresses.isEmpty })
        {
            // Inbound endpoints are in the inputs, and none owns a target.
            return (
                Hop(
                    kind: .dns, status: .fail,
                    reason: .forwardTargetsWrong(host: host, rule: rule.origin, wrong: rule.targetIPs),
                    origin: rule.origin), nil
            )
        }
        guard let target = inbound.first, let hub = model.vpc(target.vpcKey) else {
            return (
                Hop(
                    kind: .dns, status: .unknown,
                    reason: .forwardedOutsideInputs(host: host, rule: rule.origin, targets: rule.targetIPs),
                    origin: rule.origin), nil
            )
        }
        let known = Set(inbound.flatMap { $0.addresses.map(\.ip) })
        let wrong = rule.targetIPs.filter { !known.contains($0) }
        if !wrong.isEmpty, !inbound.contains(where: { $0.addresses.isEmpty }) {
            return (
                Hop(
                    kind: .dns, status: .fail,
                    reason: .forwardTargetsWrong(host: host, rule: rule.origin, wrong: wrong),
                    origin: rule.origin, related: [target.origin]), nil
            )
        }
        if let outbound = model.resolverEndpoints.first(where: { $0.key == rule.outboundEndpointKey }) {
            let ingress = dnsIngress(target, from: outbound)
            let closed = ingress.filter { $0.status == .fail }
            let open = ingress.filter { $0.status == .unknown }
            if let group = ingress.first?.group, !closed.isEmpty || !open.isEmpty {
                let protocols = Array(Set((closed.isEmpty ? open : closed).map(\.proto))).sorted(by: >)
                return (
                    Hop(
                        kind: .dns, status: closed.isEmpty ? .unknown : .fail,
                        reason: .resolverDNSBlocked(
                            host: host, inbound: target.origin, group: group, protocols: protocols),
                        origin: group, related: [target.origin, rule.origin]), nil
                )
            }
        }
        let (answer, endpoint) = dnsHop(from: hub, service: service, host: host, followingRules: false)
        guard answer.status == .pass else {
            return (
                Hop(
                    kind: .dns, status: answer.status, reason: answer.reason, origin: answer.origin,
                    related: answer.related + [rule.origin, target.origin]), endpoint
            )
        }
        return (
            Hop(
                kind: .dns, status: .pass,
                reason: .forwarded(host: host, rule: rule.origin, inbound: target.origin, answer: answer.origin),
                origin: rule.origin, related: [target.origin] + (answer.origin.map { [$0] } ?? [])), endpoint
        )
    }

    /// Whether the inbound endpoint's security groups let UDP and TCP 53 in from each subnet of the outbound
    /// endpoint (its addresses as /32 where a subnet is not in the inputs): a rule from a CIDR or prefix list
    /// covering it, or from one of the outbound endpoint's groups. Empty when the inbound endpoint has no
    /// security group in the inputs.
    public func dnsIngress(_ inbound: ResolverEndpoint, from outbound: ResolverEndpoint) -> [(
        proto: String, source: CIDR, group: Origin, status: HopStatus
    )] {
        let groups = inbound.securityGroupKeys.compactMap { model.securityGroup($0) }
        guard let reported = groups.first else { return [] }
        var sources = [CIDR]()
        for address in outbound.addresses {
            if let cidr = model.subnet(address.subnetKey)?.cidr ?? CIDR(address.ip + "/32"), !sources.contains(cidr) {
                sources.append(cidr)
            }
        }
        var result = [(proto: String, source: CIDR, group: Origin, status: HopStatus)]()
        // The same decision as the security-group hop's, for UDP and TCP 53 from the outbound endpoint.
        let outboundGroups = Set(outbound.securityGroupKeys)
        for (name, udp) in [("UDP", true), ("TCP", false)] {
            for source in sources {
                let status = securityGroupDecision(
                    groups, port: 53, from: source, sourceVPC: outbound.vpcKey ?? "", udp: udp,
                    sourceGroups: outboundGroups
                ).status
                result.append((name, source, reported.origin, status))
            }
        }
        return result
    }

    /// Nothing private answers `host` in `vpc`, and a rule that forwards it to a connected VPC's inbound
    /// endpoint exists without an association with `vpc` (one of `vpc`'s own environment first): that rule's
    /// association is the fix. `nil` when no such rule exists.
    func unassociatedRuleHop(from vpc: VPC, host: String) -> Hop? {
        let candidates = model.resolverRules.filter { rule in
            rule.kind == .forward && rule.covers(host)
                && model.inboundEndpoints(targetedBy: rule).contains { inbound in
                    inbound.vpcKey.map { !connectionKeys(between: vpc.key, and: $0).isEmpty } == true
                }
        }
        guard
            let rule = candidates.first(where: { $0.origin.environment == vpc.origin.environment })
                ?? candidates.first
        else { return nil }
        if let maybe = model.unplacedResolverAssociations.first(where: { $0.mayAssociate(zone: rule.key, vpc: vpc.key) }
        ) {
            return Hop(
                kind: .dns, status: .unknown,
                reason: .resolverAssociationUnknown(
                    host: host, rule: rule.origin, association: maybe.origin, problem: maybe.problem),
                origin: maybe.origin, related: [rule.origin])
        }
        // A VPC the inputs know only from a data source: its association with a rule shared with its account
        // would be in its own root, which is not among the inputs, unless the root that looks it up is where
        // the rule's associations are made (it associates the rule with other VPCs it looks up).
        if !vpc.isManaged, !rule.associations.contains(where: { $0.path == vpc.origin.path }) {
            return Hop(
                kind: .dns, status: .unknown,
                reason: .resolverAssociationUnknown(
                    host: host, rule: rule.origin, association: vpc.origin, problem: Self.ruleAssociationOutsideInputs),
                origin: rule.origin, related: [vpc.origin])
        }
        return Hop(
            kind: .dns, status: .fail, reason: .resolverRuleNotAssociated(host: host, rule: rule.origin),
            origin: rule.origin, related: [vpc.origin])
    }
}
