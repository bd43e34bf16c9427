/// Lookups of Route 53 Profiles for the rules: which profiles a VPC uses and which carry a resource.
extension NetworkModel {
    /// The profile associations of the VPC `vpcKey`, in input order.
    public func profileAssociations(of vpcKey: String) -> [ProfileAssociation] {
        guard !profileAssociations.isEmpty else { return [] }
        return memoized("NetworkModel.profileAssociationsByVPC") { model in
            Dictionary(grouping: model.profileAssociations, by: \.vpcKey)
        }[vpcKey] ?? []
    }

    /// The resource associations that put `resourceKey` (a zone, rule or endpoint key) in a profile.
    public func profileResources(carrying resourceKey: String) -> [ProfileResource] {
        guard !profileResources.isEmpty else { return [] }
        return memoized("NetworkModel.profileResourcesByResource") { model in
            Dictionary(grouping: model.profileResources, by: \.resourceKey)
        }[resourceKey] ?? []
    }

    /// The resources the profile `profileKey` carries, in input order.
    func profileResources(of profileKey: String) -> [ProfileResource] {
        guard !profileResources.isEmpty else { return [] }
        return memoized("NetworkModel.profileResourcesByProfile") { model in
            Dictionary(grouping: model.profileResources, by: \.profileKey)
        }[profileKey] ?? []
    }

    /// The profile `key` names, when an input declares it.
    public func profile(_ key: String) -> DNSProfile? {
        profiles.first { $0.key == key }
    }

    /// How reports name a profile: its address where an input declares it, else its ID.
    public func profileName(_ key: String) -> String {
        profile(key).map { "`\($0.origin.address)`" } ?? ModelKey.shown(key)
    }

    /// The first interface endpoint `predicate` accepts among those the profiles associated with `vpcKey` carry,
    /// with the evidence: the profile's association with the VPC, then the endpoint's with the profile.
    func profileEndpoint(in vpcKey: String, where predicate: (Endpoint) -> Bool) -> (Endpoint, [Origin])? {
        for association in profileAssociations(of: vpcKey) {
            for resource in profileResources(of: association.profileKey) {
                guard resource.kind == .interfaceEndpoint, let endpoint = endpoint(resource.resourceKey),
                    predicate(endpoint)
                else { continue }
                return (endpoint, [association.origin, resource.origin])
            }
        }
        return nil
    }
}
