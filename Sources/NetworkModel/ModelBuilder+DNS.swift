import TerraformShow

/// Reading Route 53 zones and records.
extension ModelBuilder {
    mutating func readZone(_ reader: ResourceReader) {
        var vpcKeys = Set<String>()
        let blocks = reader.array("vpc")
        for offset in blocks.indices { vpcKeys.formUnion(reader.links("vpc.\(offset).vpc_id").keys) }
        let isPrivate = !blocks.isEmpty || reader.bool("private_zone") == true
        model.zones.append(
            HostedZone(
                key: reader.key, origin: reader.origin, name: DNSName.normalize(reader.string("name") ?? ""),
                isPrivate: isPrivate, vpcKeys: vpcKeys))
    }

    mutating func readRecord(_ reader: ResourceReader) {
        let alias = reader.value("alias.0")
        var aliasEndpoint: String?
        if reader.isUnknown("alias.0.name") || alias?["name"]?.string == nil {
            aliasEndpoint = reader.links("alias.0.name").keys.first
        }
        let (zoneKey, zoneProblem) = reader.link("zone_id")
        let record = DNSRecord(
            origin: reader.origin, zoneKey: zoneKey,
            name: DNSName.normalize(reader.string("name") ?? ""), type: reader.string("type") ?? "",
            aliasName: alias?["name"]?.string.map(DNSName.normalize), aliasZoneID: alias?["zone_id"]?.string,
            aliasEndpointKey: aliasEndpoint, values: reader.value("records")?.strings ?? [])
        if zoneKey == nil, let zoneProblem {
            model.unplacedRecords.append((record, zoneProblem))
        } else {
            model.records.append(record)
        }
    }
}
