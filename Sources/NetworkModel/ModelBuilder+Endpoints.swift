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
    /// An ASCII name (every real one) is split at its dot bytes; any other as characters, where a dot that a
    /// combining mark follows is no separator.
    static func splitServiceName(_ name: String) -> (region: String?, service: String) {
        let split = name.utf8.withContiguousStorageIfAvailable { bytes -> (region: String?, service: String)? in
            var dots = (0, 0, 0)
            var found = 0
            for (offset, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                guard byte == UInt8(ascii: "."), found < 3 else { continue }
                switch found {
                case 0: dots.0 = offset
                case 1: dots.1 = offset
                default: dots.2 = offset
                }
                found += 1
            }
            guard found == 3 else { return (nil, name) }
            let owner = UnsafeBufferPointer(rebasing: bytes[(dots.0 + 1)..<dots.1])
            guard owner.elementsEqual("amazonaws".utf8) || owner.elementsEqual("vpce".utf8) else { return (nil, name) }
            return (
                String(decoding: bytes[(dots.1 + 1)..<dots.2], as: UTF8.self),
                String(decoding: bytes[(dots.2 + 1)...], as: UTF8.self)
            )
        }
        if let split = split ?? nil { return split }
        let parts = name.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "amazonaws" || parts[1] == "vpce" else { return (nil, name) }
        return (String(parts[2]), String(parts[3]))
    }
}
