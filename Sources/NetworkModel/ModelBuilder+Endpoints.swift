import TerraformShow

/// Reading VPC endpoints.
extension ModelBuilder {
    mutating func readEndpoint(_ reader: ResourceReader) {
        let serviceName = reader.string("service_name") ?? ""
        let type = EndpointType(rawValue: reader.string("vpc_endpoint_type") ?? "Gateway") ?? .gateway
        var unresolved = [Unresolved]()
        let (vpcKey, vpcProblem) = reader.link("vpc_id")
        if let vpcProblem { unresolved.append(vpcProblem) }
        let subnets = reader.links("subnet_ids")
        if let problem = subnets.unresolved { unresolved.append(problem) }
        let groups = reader.links("security_group_ids")
        if let problem = groups.unresolved { unresolved.append(problem) }
        let entries = reader.array("dns_entry").compactMap { entry -> DNSEntry? in
            guard let name = entry["dns_name"]?.string, !name.isEmpty else { return nil }
            return DNSEntry(dnsName: DNSName.normalize(name), hostedZoneID: entry["hosted_zone_id"]?.string)
        }
        let parts = Self.splitServiceName(serviceName)
        model.endpoints.append(
            Endpoint(
                .init(
                    key: reader.key, origin: reader.origin, vpcKey: vpcKey, type: type, serviceName: serviceName,
                    service: parts.service, region: parts.region, subnetKeys: subnets.keys,
                    subnetsUnresolved: subnets.unresolved != nil, securityGroupKeys: groups.keys,
                    routeTableKeys: reader.links("route_table_ids").keys,
                    privateDNSEnabled: reader.bool("private_dns_enabled"), dnsEntries: entries, unresolved: unresolved))
        )
    }

    /// `com.amazonaws.ap-northeast-1.ecr.dkr` -> (`ap-northeast-1`, `ecr.dkr`).
    static func splitServiceName(_ name: String) -> (region: String?, service: String) {
        let parts = name.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "amazonaws" || parts[1] == "vpce" else { return (nil, name) }
        return (String(parts[2]), String(parts[3]))
    }
}
