import TerraformShow

/// Route 53 Profiles: a profile carries private hosted zones, Resolver rules and interface endpoints, and
/// applies them to every VPC it is associated with. The model joins the two by the profile's ID across inputs
/// (the hub's account holds the profile and its resources, each spoke's the association), so that a zone a
/// profile carries is associated with the profile's VPCs like any other association.
/// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profiles.html
extension ModelBuilder {
    /// Reads a profile, a profile's association with a VPC, or a resource's association with a profile.
    mutating func readProfileResource(_ reader: ResourceReader, as type: ResourceType) {
        switch type {
        case .profile:
            model.profiles.append(DNSProfile(key: reader.key, origin: reader.origin, name: reader.string("name")))
        case .profileAssociation:
            let (profile, profileProblem) = reader.link("profile_id")
            let (vpc, vpcProblem) = reader.link("resource_id")
            if let profile, let vpc {
                profileAssociations.append(ProfileAssociation(profileKey: profile, vpcKey: vpc, origin: reader.origin))
            } else if let problem = profileProblem ?? vpcProblem {
                // Which zones it brings, or to which VPC, is unknown: any zone may be associated with the VPC
                // (or this profile's zones with any VPC, known later when its resources are joined).
                unplacedProfileAssociations.append(
                    (
                        profile,
                        UnplacedAssociation(
                            origin: reader.origin, zoneKey: nil, vpcKey: vpc, problem: problem, viaProfile: true)
                    ))
            }
        case .profileResourceAssociation:
            let (profile, profileProblem) = reader.link("profile_id")
            let (resource, resourceProblem) = reader.link("resource_arn")
            if let profile, let resource {
                let (kind, key) = Self.profileResource(resource)
                profileResources.append(
                    ProfileResource(profileKey: profile, resourceKey: key, kind: kind, origin: reader.origin))
            } else if let problem = profileProblem ?? resourceProblem {
                unplacedProfileResources.append(
                    (profile, resource.map { Self.profileResource($0).key }, reader.origin, problem))
            }
        default:
            break
        }
    }

    /// What a profile's `resource_arn` names, by the ARN's service and resource type; a plan's synthetic key
    /// (a reference resolved to a resource of the inputs) by the address's type. Kinds the inputs decide are
    /// settled again when joining (``linkProfiles(_:)``): a key found among the model's zones is a zone.
    static func profileResource(_ value: String) -> (kind: ProfileResource.Kind, key: String) {
        if value.hasPrefix("ref:") {
            // The address without its instance keys (which may hold dots: `endpoint["ecr.api"]`), then the
            // type of its last `type.name`.
            let plain = Resource.stripInstanceKeys(ModelKey.shown(value)) ?? ""
            let last = plain.split(separator: ".").suffix(2).first.map(String.init) ?? ""
            switch last {
            case "aws_route53_zone": return (.privateZone, value)
            case "aws_route53_resolver_rule": return (.resolverRule, value)
            case "aws_vpc_endpoint": return (.interfaceEndpoint, value)
            default: return (.other, value)
            }
        }
        // arn:PARTITION:SERVICE:REGION:ACCOUNT:TYPE/ID
        let fields = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", let slash = fields[5].firstIndex(of: "/") else {
            return (.other, value)
        }
        let type = fields[5][..<slash]
        let id = String(fields[5][fields[5].index(after: slash)...])
        switch (fields[2], type) {
        case ("route53", "hostedzone"): return (.privateZone, id)
        case ("route53resolver", "resolver-rule"): return (.resolverRule, id)
        case ("ec2", "vpc-endpoint"): return (.interfaceEndpoint, id)
        default: return (.other, value)
        }
    }

    /// Joins profiles' associations with their resources: each zone a profile carries is associated with the
    /// profile's VPCs (``HostedZone/viaProfile`` keeps the evidence where the VPC has no association of its
    /// own; a zone no input holds is evidence of a hub outside the inputs, as any association with it), each
    /// Resolver rule likewise. A VPC associated with a profile that no input declares and no input gives a
    /// resource to may be associated with any zone: unknown. Runs after the zones' own associations and the
    /// Resolver rules are joined.
    func linkProfiles(_ model: inout NetworkModel) {
        guard
            !profileAssociations.isEmpty || !unplacedProfileAssociations.isEmpty || !profileResources.isEmpty
                || !unplacedProfileResources.isEmpty || !model.profiles.isEmpty
        else { return }
        model.profiles = Self.merge(model.profiles)
        let ruleIndex = Self.index(model.resolverRules, \.key)
        var resources = profileResources
        for index in resources.indices {
            let key = resources[index].resourceKey
            if model.zoneIndex[key] != nil {
                resources[index].kind = .privateZone
            } else if ruleIndex[key] != nil {
                resources[index].kind = .resolverRule
            } else if model.endpointIndex[key] != nil {
                resources[index].kind = .interfaceEndpoint
            }
        }
        model.profileResources = resources
        model.profileAssociations = profileAssociations
        let carried = Dictionary(grouping: resources.indices) { resources[$0].profileKey }
        let unplacedCarried = Dictionary(grouping: unplacedProfileResources.indices) {
            unplacedProfileResources[$0].profileKey ?? ""
        }
        let declared = Set(model.profiles.map(\.key))
        var vpcsOfProfile = [String: [ProfileAssociation]]()
        for association in profileAssociations {
            vpcsOfProfile[association.profileKey, default: []].append(association)
            let items = carried[association.profileKey] ?? []
            if items.isEmpty, !declared.contains(association.profileKey),
                unplacedCarried[association.profileKey] == nil
            {
                let reason =
                    "names Route 53 Profile \(ModelKey.shown(association.profileKey)), which no input declares or gives a resource to, so the zones it carries are unknown"
                model.unplacedZoneAssociations.append(
                    UnplacedAssociation(
                        origin: association.origin, zoneKey: nil, vpcKey: association.vpcKey,
                        problem: Unresolved(attribute: "profile_id", reason: reason), viaProfile: true))
                continue
            }
            for item in items {
                let resource = resources[item]
                let evidence = [association.origin, resource.origin]
                switch resource.kind {
                case .privateZone:
                    guard let zone = model.zoneIndex[resource.resourceKey] else {
                        model.outsideZoneAssociations.append(
                            (resource.resourceKey, association.vpcKey, association.origin))
                        continue
                    }
                    if !model.zones[zone].vpcKeys.contains(association.vpcKey) {
                        model.zones[zone].vpcKeys.insert(association.vpcKey)
                        model.zones[zone].viaProfile[association.vpcKey] = evidence
                    }
                case .resolverRule:
                    guard let rule = ruleIndex[resource.resourceKey] else {
                        model.outsideResolverAssociations.append(
                            OutsideResolverAssociation(
                                ruleKey: resource.resourceKey, vpcKey: association.vpcKey, origin: association.origin,
                                related: [resource.origin]))
                        continue
                    }
                    guard !model.resolverRules[rule].vpcKeys.contains(association.vpcKey) else { continue }
                    model.resolverRules[rule].vpcKeys.insert(association.vpcKey)
                    model.resolverRules[rule].associations += evidence
                case .interfaceEndpoint, .other:
                    continue
                }
            }
        }
        // Unknown on either side: the other side is known, or nothing is.
        for (profile, unplaced) in unplacedProfileAssociations {
            guard let profile, unplaced.vpcKey == nil,
                carried[profile] != nil || declared.contains(profile) || unplacedCarried[profile] != nil
            else {
                model.unplacedZoneAssociations.append(unplaced)
                continue
            }
            // The VPC is unknown: it may be associated with any zone the profile carries.
            for item in carried[profile] ?? [] where resources[item].kind == .privateZone {
                var one = unplaced
                one.zoneKey = resources[item].resourceKey
                model.unplacedZoneAssociations.append(one)
            }
        }
        for (profile, zone, origin, problem) in unplacedProfileResources {
            let vpcs = profile.map { vpcsOfProfile[$0] ?? [] }
            // A resource whose profile is unknown may reach any VPC; one of a known profile only its VPCs.
            for vpc in vpcs.map({ $0.map(\.vpcKey) as [String?] }) ?? [nil] {
                model.unplacedZoneAssociations.append(
                    UnplacedAssociation(
                        origin: origin, zoneKey: zone, vpcKey: vpc, problem: problem, viaProfile: true))
            }
        }
    }
}
