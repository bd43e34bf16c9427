/// Route 53 Resolver: endpoints, rules and rule associations (the forwarding design, where spokes send the
/// AWS service names to the hub's inbound endpoint and the hub's endpoints answer with private DNS).
extension ModelBuilder {
    /// Reads a Resolver endpoint, rule or rule association (the builder's switch decides which type it is).
    mutating func readResolverResource(_ reader: ResourceReader, as type: ResourceType) {
        let data = reader.resource.mode == .data
        switch type {
        case .resolverEndpoint:
            var addresses = reader.array("ip_address").compactMap { item -> (String, String?)? in
                guard let ip = item["ip"]?.string, !ip.isEmpty else { return nil }
                return (ip, item["subnet_id"]?.string)
            }
            // The data source lists the addresses alone.
            addresses += reader.array("ip_addresses").compactMap { $0.string }.map { ($0, nil) }
            let vpc = data ? reader.link("vpc_id").key : reader.link("host_vpc_id").key
            model.resolverEndpoints.append(
                ResolverEndpoint(
                    key: reader.key, origin: reader.origin,
                    direction: reader.string("direction").flatMap {
                        ResolverEndpoint.Direction(rawValue: $0.uppercased())
                    },
                    vpcKey: vpc ?? reader.links("ip_address.0.subnet_id").keys.first.map { "subnet:" + $0 },
                    addresses: addresses, securityGroupKeys: reader.links("security_group_ids").keys))
        case .resolverRule:
            let domain = DNSName.normalize(reader.string("domain_name") ?? "")
            guard !domain.isEmpty else { return }
            model.resolverRules.append(
                ResolverRule(
                    key: reader.key, origin: reader.origin, domain: domain,
                    kind: reader.string("rule_type").flatMap { ResolverRule.Kind(rawValue: $0.uppercased()) },
                    targetIPs: reader.array("target_ip").compactMap { $0["ip"]?.string }.filter { !$0.isEmpty },
                    outboundEndpointKey: reader.link("resolver_endpoint_id").key, vpcKeys: [], associations: []))
        case .resolverRuleAssociation:
            if let (rule, vpc) = association(reader, of: "resolver_rule_id", unplaced: \.unplacedResolverAssociations) {
                resolverAssociations.append((rule, vpc, reader.origin))
            }
        default:
            break
        }
    }

    /// Joins rule associations to their rules, and places endpoints known only by subnet in their VPC.
    func linkResolver(_ model: inout NetworkModel) {
        model.resolverEndpoints = Self.merge(model.resolverEndpoints)
        model.resolverRules = Self.merge(model.resolverRules)
        let ruleIndex = Self.index(model.resolverRules, \.key)
        for (ruleKey, vpcKey, origin) in resolverAssociations {
            guard let index = ruleIndex[ruleKey] else {
                // A rule shared by its ID from another account: said, not dropped (its domain may take any name).
                model.outsideResolverAssociations.append(
                    OutsideResolverAssociation(ruleKey: ruleKey, vpcKey: vpcKey, origin: origin))
                continue
            }
            model.resolverRules[index].vpcKeys.insert(vpcKey)
            model.resolverRules[index].associations.append(origin)
        }
        for index in model.resolverEndpoints.indices {
            guard let vpc = model.resolverEndpoints[index].vpcKey, vpc.hasPrefix("subnet:") else { continue }
            model.resolverEndpoints[index].vpcKey = model.subnet(String(vpc.dropFirst(7)))?.vpcKey
        }
    }
}
