/// Linking: joins what each document declared separately (associations, standalone routes and rules)
/// and indexes the model.
extension ModelBuilder {
    consuming func finish() -> NetworkModel {
        var model = self.model
        model.vpcs = Self.merge(model.vpcs)
        model.subnets = Self.merge(model.subnets)
        model.peerings = Self.merge(model.peerings)
        model.endpoints = Self.merge(model.endpoints)
        model.securityGroups = Self.merge(model.securityGroups)
        model.zones = Self.merge(model.zones)
        model.routeTables = Self.merge(model.routeTables)
        model.transitGatewayAttachments = Self.merge(model.transitGatewayAttachments)
        linkTransitGateways(&model)
        model.prefixLists = Self.merge(model.prefixLists)
        model.vpcIndex = Self.index(model.vpcs, \.key)
        // Two VPCs of one environment with one Name tag (or none) would share a label (``VPC/label``).
        var perName = [[String?]: Int]()
        for vpc in model.vpcs where vpc.isManaged {
            perName[[vpc.origin.environment, vpc.tags["Name"]], default: 0] += 1
        }
        for index in model.vpcs.indices where model.vpcs[index].isManaged {
            let vpc = model.vpcs[index]
            model.vpcs[index].sharesName = perName[[vpc.origin.environment, vpc.tags["Name"]], default: 0] > 1
        }
        for (vpcKey, cidr) in cidrAssociations {
            if let index = model.vpcIndex[vpcKey], !model.vpcs[index].cidrs.contains(cidr) {
                model.vpcs[index].cidrs.append(cidr)
            }
        }
        for (vpcKey, problem) in unreadableAssociations {
            if let index = model.vpcIndex[vpcKey] { model.vpcs[index].unreadableCIDRs.append(problem) }
        }
        var tableIndex = Self.index(model.routeTables, \.key)
        for (tableKey, route) in standaloneRoutes {
            if let index = tableIndex[tableKey] { model.routeTables[index].routes.append(route) }
        }
        for (subnetKey, tableKey) in explicitAssociations {
            if let index = tableIndex[tableKey] {
                model.routeTables[index].subnetKeys.insert(subnetKey)
                model.subnetRouteTable[subnetKey] = index
            }
        }
        for (vpcKey, tableID) in mainTableIDs {
            if let index = tableIndex[tableID] {
                model.routeTables[index].isMain = true
                model.mainRouteTable[vpcKey] = index
            }
        }
        for (vpcKey, tableKey) in mainAssociations {
            if let index = tableIndex[tableKey] {
                model.routeTables[index].isMain = true
                model.mainRouteTable[vpcKey] = index
            }
        }
        for (index, table) in model.routeTables.enumerated() where table.isMain {
            if let vpcKey = table.vpcKey, model.mainRouteTable[vpcKey] == nil { model.mainRouteTable[vpcKey] = index }
        }
        tableIndex = [:]
        model.securityGroupIndex = Self.index(model.securityGroups, \.key)
        for (groupKey, rule) in standaloneRules {
            if let index = model.securityGroupIndex[groupKey] { model.securityGroups[index].rules.append(rule) }
        }
        model.endpointIndex = Self.index(model.endpoints, \.key)
        for (endpointKey, subnetKey) in endpointSubnets {
            if let index = model.endpointIndex[endpointKey], !model.endpoints[index].subnetKeys.contains(subnetKey) {
                model.endpoints[index].subnetKeys.append(subnetKey)
            }
        }
        for (endpointKey, groupKey, origin) in endpointGroups {
            guard let index = model.endpointIndex[endpointKey] else { continue }
            if !model.endpoints[index].securityGroupKeys.contains(groupKey) {
                model.endpoints[index].securityGroupKeys.append(groupKey)
            }
            model.endpoints[index].securityGroupAssociations[groupKey] = origin
        }
        for (endpointKey, tableKey) in endpointTables {
            if let index = model.endpointIndex[endpointKey], !model.endpoints[index].routeTableKeys.contains(tableKey) {
                model.endpoints[index].routeTableKeys.append(tableKey)
            }
        }
        for (endpointKey, enabled) in endpointPrivateDNS {
            if let index = model.endpointIndex[endpointKey] { model.endpoints[index].privateDNSEnabled = enabled }
        }
        model.zoneIndex = Self.index(model.zones, \.key)
        for (zoneKey, vpcKey, origin) in zoneAssociations {
            if let index = model.zoneIndex[zoneKey] {
                model.zones[index].vpcKeys.insert(vpcKey)
            } else {
                model.outsideZoneAssociations.append((zoneKey, vpcKey, origin))
            }
        }
        // By index: an accepter per spoke searched the peerings one by one, spokes x spokes.
        let peeringIndex = Self.index(model.peerings, \.key)
        for (key, status, origin) in peeringAccepters {
            guard let index = peeringIndex[key] else { continue }
            model.peerings[index].accepter = origin
            if let status { model.peerings[index].status = status }
        }
        model.subnetIndex = Self.index(model.subnets, \.key)
        Self.fillRegions(&model)
        model.prefixListIndex = Self.index(model.prefixLists, \.key)
        for (listKey, cidr) in prefixListEntries {
            if let index = model.prefixListIndex[listKey], !model.prefixLists[index].cidrs.contains(cidr) {
                model.prefixLists[index].cidrs.append(cidr)
            }
        }
        for (listKey, problem) in unreadablePrefixListEntries {
            if let index = model.prefixListIndex[listKey] { model.prefixLists[index].unreadable.append(problem) }
        }
        linkResolver(&model)
        linkProfiles(&model)
        // Alias targets: link by endpoint DNS name, and make record names absolute.
        var endpointByName = [String: String]()
        for endpoint in model.endpoints {
            for entry in endpoint.dnsEntries { endpointByName[DNSName.stripWildcard(entry.dnsName)] = endpoint.key }
        }
        for index in model.records.indices {
            let record = model.records[index]
            if record.aliasEndpointKey == nil, let alias = record.aliasName {
                model.records[index].aliasEndpointKey = endpointByName[DNSName.stripWildcard(alias)]
            }
            if let zone = model.zone(record.zoneKey), !record.name.isEmpty, record.name != zone.name,
                !record.name.hasSuffix("." + zone.name)
            {
                model.records[index].name = record.name + "." + zone.name
            }
        }
        model.records.sort { $0.origin < $1.origin }
        return model
    }

    /// VPCs whose resource does not carry its Region get it from their subnets' AZs, else their endpoints.
    static func fillRegions(_ model: inout NetworkModel) {
        guard model.vpcs.contains(where: { $0.region == nil }) else { return }
        var known = [String: String]()
        for subnet in model.subnets {
            if let vpc = subnet.vpcKey, let region = subnet.availabilityZone.flatMap(Region.of(availabilityZone:)) {
                known[vpc] = known[vpc] ?? region
            }
        }
        for endpoint in model.endpoints {
            if let vpc = endpoint.vpcKey, let region = endpoint.region { known[vpc] = known[vpc] ?? region }
        }
        for index in model.vpcs.indices where model.vpcs[index].region == nil {
            model.vpcs[index].region = known[model.vpcs[index].key]
        }
    }

    /// One element per key: a managed resource wins over a data source naming the same object.
    /// Chosen by position (an element is copied once, at the end) and in origin order, elements of equal
    /// origins in input order; input already in that order with no key twice (one large file) is returned as is.
    static func merge<T: ModelElement>(_ items: [T]) -> [T] {
        var chosen = [String: Int](minimumCapacity: items.count)
        for index in items.indices {
            let key = items[index].key
            if let existing = chosen[key], items[existing].isManaged || !items[index].isManaged { continue }
            chosen[key] = index
        }
        var picked = chosen.values.sorted()
        let ordered = zip(picked, picked.dropFirst()).allSatisfy { !(items[$1].origin < items[$0].origin) }
        if ordered, picked.count == items.count { return items }
        if !ordered {
            // The origins read once, then sorted with their positions: an element's origin is a copy (three
            // strings' references counted), which a comparator reading it would make twice per comparison.
            var keyed = picked.map { (origin: items[$0].origin, position: $0) }
            keyed.sort { $0.origin < $1.origin || (!($1.origin < $0.origin) && $0.position < $1.position) }
            picked = keyed.map(\.position)
        }
        return picked.map { items[$0] }
    }

    static func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
        var index = [String: Int]()
        for (offset, item) in items.enumerated() where index[key(item)] == nil { index[key(item)] = offset }
        return index
    }
}
