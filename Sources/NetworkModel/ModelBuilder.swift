import TerraformShow

/// Collects model elements document by document, then links and indexes them.
struct ModelBuilder {
    private var model = NetworkModel()
    private var cidrAssociations: [(vpcKey: String, cidr: CIDR)] = []
    private var explicitAssociations: [(subnetKey: String, tableKey: String)] = []
    private var mainAssociations: [(vpcKey: String, tableKey: String)] = []
    private var mainTableIDs: [String: String] = [:]
    private var standaloneRoutes: [(tableKey: String, route: Route)] = []
    private var standaloneRules: [(groupKey: String, rule: SecurityGroupRule)] = []
    private var endpointSubnets: [(endpointKey: String, subnetKey: String)] = []
    private var endpointGroups: [(endpointKey: String, groupKey: String)] = []
    private var endpointTables: [(endpointKey: String, tableKey: String)] = []
    private var endpointPrivateDNS: [(endpointKey: String, enabled: Bool)] = []
    private var zoneAssociations: [(zoneKey: String, vpcKey: String)] = []
    private var peeringAccepters: [(key: String, status: String?, origin: Origin)] = []

    mutating func add(_ document: TerraformDocument, environment: String) {
        model.inputs.append(Input(path: document.path, environment: environment))
        let resolver = ReferenceResolver(document: document)
        for resource in document.resources where resource.providerName.isEmpty || resource.providerName.hasSuffix("aws") {
            let origin = Origin(environment: environment, path: document.path, address: resource.address)
            let reader = ResourceReader(resource: resource, origin: origin, resolver: resolver, environment: environment)
            read(reader)
        }
    }

    private mutating func read(_ reader: ResourceReader) {
        let resource = reader.resource
        let data = resource.mode == .data
        switch (resource.type, data) {
        case ("aws_vpc", _), ("aws_default_vpc", false): readVPC(reader)
        case ("aws_vpc_ipv4_cidr_block_association", false), ("aws_vpc_ipv6_cidr_block_association", false):
            if let vpcKey = reader.link("vpc_id").key {
                for cidr in reader.cidrs("cidr_block") + reader.cidrs("ipv6_cidr_block") {
                    cidrAssociations.append((vpcKey, cidr))
                }
            }
        case ("aws_subnet", _), ("aws_default_subnet", false):
            model.subnets.append(
                Subnet(
                    key: reader.key, origin: reader.origin, vpcKey: reader.link("vpc_id").key,
                    availabilityZone: reader.string("availability_zone"), cidr: reader.cidrs("cidr_block").first))
        case ("aws_route_table", _), ("aws_default_route_table", false): readRouteTable(reader)
        case ("aws_route", false): readRoute(reader)
        case ("aws_route_table_association", false):
            if let subnetKey = reader.link("subnet_id").key, let tableKey = reader.link("route_table_id").key {
                explicitAssociations.append((subnetKey, tableKey))
            }
        case ("aws_main_route_table_association", false):
            if let vpcKey = reader.link("vpc_id").key, let tableKey = reader.link("route_table_id").key {
                mainAssociations.append((vpcKey, tableKey))
            }
        case ("aws_vpc_peering_connection", _): readPeering(reader)
        case ("aws_vpc_peering_connection_accepter", false):
            if let key = reader.link("vpc_peering_connection_id").key {
                peeringAccepters.append((key, reader.string("accept_status"), reader.origin))
            }
        case ("aws_ec2_transit_gateway_vpc_attachment", _):
            model.transitGatewayAttachments.append(
                TransitGatewayAttachment(
                    key: reader.key, origin: reader.origin, transitGatewayKey: reader.link("transit_gateway_id").key,
                    vpcKey: reader.link("vpc_id").key, subnetKeys: reader.links("subnet_ids").keys))
        case ("aws_vpc_endpoint", _): readEndpoint(reader)
        case ("aws_vpc_endpoint_subnet_association", false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let subnet = reader.link("subnet_id").key {
                endpointSubnets.append((endpoint, subnet))
            }
        case ("aws_vpc_endpoint_security_group_association", false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let group = reader.link("security_group_id").key {
                endpointGroups.append((endpoint, group))
            }
        case ("aws_vpc_endpoint_route_table_association", false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let table = reader.link("route_table_id").key {
                endpointTables.append((endpoint, table))
            }
        case ("aws_vpc_endpoint_private_dns", false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let enabled = reader.bool("private_dns_enabled") {
                endpointPrivateDNS.append((endpoint, enabled))
            }
        case ("aws_security_group", _), ("aws_default_security_group", false): readSecurityGroup(reader)
        case ("aws_security_group_rule", false): readSecurityGroupRule(reader)
        case ("aws_vpc_security_group_ingress_rule", false), ("aws_vpc_security_group_egress_rule", false):
            readSecurityGroupIngressRule(reader)
        case ("aws_route53_zone", _): readZone(reader)
        case ("aws_route53_zone_association", false):
            let (zone, zoneProblem) = reader.link("zone_id")
            let (vpc, vpcProblem) = reader.link("vpc_id")
            if let zone, let vpc {
                zoneAssociations.append((zone, vpc))
            } else if let problem = zoneProblem ?? vpcProblem {
                model.unplacedZoneAssociations.append(
                    UnplacedAssociation(origin: reader.origin, zoneKey: zone, vpcKey: vpc, problem: problem))
            }
        case ("aws_route53_record", false): readRecord(reader)
        case ("aws_ec2_managed_prefix_list", _):
            let entries = reader.array(data ? "entries" : "entry").compactMap { $0["cidr"]?.string }.compactMap(CIDR.init)
            model.prefixLists.append(PrefixList(key: reader.key, origin: reader.origin, cidrs: entries))
        default:
            break
        }
    }

    private mutating func readVPC(_ reader: ResourceReader) {
        var cidrs = reader.cidrs("cidr_block") + reader.cidrs("ipv6_cidr_block")
        for association in reader.array("cidr_block_associations") {
            if let text = association["cidr_block"]?.string, let cidr = CIDR(text), !cidrs.contains(cidr) {
                cidrs.append(cidr)
            }
        }
        let key = reader.key
        if let main = reader.string("main_route_table_id") { mainTableIDs[key] = main }
        model.vpcs.append(
            VPC(
                key: key, origin: reader.origin, cidrs: cidrs, enableDNSSupport: reader.bool("enable_dns_support"),
                enableDNSHostnames: reader.bool("enable_dns_hostnames"), isDataSource: reader.resource.mode == .data,
                tags: reader.tags()))
    }

    private mutating func readRouteTable(_ reader: ResourceReader) {
        var routes = [Route]()
        for (offset, block) in reader.array("route").enumerated() {
            let prefix = "route.\(offset)."
            routes.append(
                Route(
                    destination: (block["cidr_block"]?.string ?? block["ipv6_cidr_block"]?.string).flatMap(CIDR.init)
                        ?? block["ipv6_cidr_block"]?.string.flatMap(CIDR.init),
                    destinationPrefixList: block["destination_prefix_list_id"]?.string.flatMap { $0.isEmpty ? nil : $0 },
                    target: Self.routeTarget(reader, prefix: prefix), origin: reader.origin))
        }
        let isDefault = reader.resource.type == "aws_default_route_table"
        model.routeTables.append(
            RouteTable(
                key: reader.key, origin: reader.origin,
                vpcKey: reader.link("vpc_id").key,
                routes: routes, subnetKeys: [], isMain: isDefault))
    }

    private mutating func readRoute(_ reader: ResourceReader) {
        let destination = reader.cidrs("destination_cidr_block").first ?? reader.cidrs("destination_ipv6_cidr_block").first
        let route = Route(
            destination: destination, destinationPrefixList: reader.string("destination_prefix_list_id"),
            target: Self.routeTarget(reader, prefix: ""), origin: reader.origin)
        let (tableKey, problem) = reader.link("route_table_id")
        if let tableKey {
            standaloneRoutes.append((tableKey, route))
        } else if let problem {
            model.unplacedRoutes.append((route, problem))
        }
    }

    /// The target of an inline `route` block (`prefix` = `route.N.`) or an `aws_route` (`prefix` = ``).
    private static func routeTarget(_ reader: ResourceReader, prefix: String) -> RouteTarget {
        let targets: [(String, (String) -> RouteTarget)] = [
            ("vpc_peering_connection_id", RouteTarget.peering), ("transit_gateway_id", RouteTarget.transitGateway),
            ("vpc_endpoint_id", RouteTarget.vpcEndpoint), ("gateway_id", { $0 == "local" ? .local : .gateway($0) }),
            ("nat_gateway_id", RouteTarget.other), ("network_interface_id", RouteTarget.other),
            ("egress_only_gateway_id", RouteTarget.other), ("carrier_gateway_id", RouteTarget.other),
            ("local_gateway_id", RouteTarget.other), ("core_network_arn", RouteTarget.other),
        ]
        var unresolved: Unresolved?
        for (attribute, make) in targets {
            let (key, problem) = reader.link(prefix + attribute)
            if let key { return make(key) }
            if unresolved == nil { unresolved = problem }
        }
        return .unresolved(unresolved.map { "\($0.attribute): \($0.reason)" } ?? "the route has no target")
    }

    private mutating func readPeering(_ reader: ResourceReader) {
        let status = reader.string("accept_status") ?? reader.string("status")
        model.peerings.append(
            PeeringConnection(
                key: reader.key, origin: reader.origin, requesterVPCKey: reader.link("vpc_id").key,
                accepterVPCKey: reader.link("peer_vpc_id").key, status: status, autoAccept: reader.bool("auto_accept"),
                peerOwnerID: reader.string("peer_owner_id"), accepter: nil))
    }

    private mutating func readEndpoint(_ reader: ResourceReader) {
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
                key: reader.key, origin: reader.origin, vpcKey: vpcKey, type: type, serviceName: serviceName,
                service: parts.service, region: parts.region, subnetKeys: subnets.keys,
                subnetsUnresolved: subnets.unresolved != nil, securityGroupKeys: groups.keys,
                routeTableKeys: reader.links("route_table_ids").keys,
                privateDNSEnabled: reader.bool("private_dns_enabled"), dnsEntries: entries, unresolved: unresolved))
    }

    /// `com.amazonaws.ap-northeast-1.ecr.dkr` -> (`ap-northeast-1`, `ecr.dkr`).
    static func splitServiceName(_ name: String) -> (region: String?, service: String) {
        let parts = name.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "amazonaws" || parts[1] == "vpce" else { return (nil, name) }
        return (String(parts[2]), String(parts[3]))
    }

    private mutating func readSecurityGroup(_ reader: ResourceReader) {
        var rules = [SecurityGroupRule]()
        for direction in ["ingress", "egress"] {
            for (offset, block) in reader.array(direction).enumerated() {
                let protocolText = block["protocol"]?.string ?? block["protocol"]?.int.map(String.init) ?? "-1"
                let base = SecurityGroupRule(
                    isIngress: direction == "ingress", ipProtocol: IPProtocol(protocolText),
                    fromPort: block["from_port"]?.int, toPort: block["to_port"]?.int, source: .selfGroup,
                    origin: reader.origin)
                var sources = [RuleSource]()
                sources += (block["cidr_blocks"]?.strings ?? []).compactMap(CIDR.init).map(RuleSource.cidr)
                sources += (block["ipv6_cidr_blocks"]?.strings ?? []).compactMap(CIDR.init).map(RuleSource.cidr)
                sources += (block["prefix_list_ids"]?.strings ?? []).map(RuleSource.prefixList)
                sources += (block["security_groups"]?.strings ?? []).map(RuleSource.securityGroup)
                if block["self"]?.bool == true { sources.append(.selfGroup) }
                if reader.resource.isUnknown("\(direction).\(offset).cidr_blocks") {
                    let refs = reader.links("\(direction).\(offset).security_groups").keys
                    sources += refs.map(RuleSource.securityGroup)
                    if refs.isEmpty { sources.append(.unresolved("\(direction).cidr_blocks is unknown until apply")) }
                }
                for source in sources {
                    var rule = base
                    rule.source = source
                    rules.append(rule)
                }
            }
        }
        model.securityGroups.append(
            SecurityGroup(key: reader.key, origin: reader.origin, vpcKey: reader.link("vpc_id").key, rules: rules))
    }

    private mutating func readSecurityGroupRule(_ reader: ResourceReader) {
        let (groupKey, groupProblem) = reader.link("security_group_id")
        let base = SecurityGroupRule(
            isIngress: reader.string("type") != "egress", ipProtocol: IPProtocol(reader.string("protocol") ?? "-1"),
            fromPort: reader.int("from_port"), toPort: reader.int("to_port"), source: .selfGroup, origin: reader.origin)
        var sources = [RuleSource]()
        sources += (reader.cidrs("cidr_blocks") + reader.cidrs("ipv6_cidr_blocks")).map(RuleSource.cidr)
        sources += (reader.resource.value(at: "prefix_list_ids")?.strings ?? []).map(RuleSource.prefixList)
        if reader.bool("self") == true { sources.append(.selfGroup) }
        let source = reader.link("source_security_group_id")
        if let key = source.key { sources.append(.securityGroup(key)) }
        if let problem = source.unresolved { sources.append(.unresolved("\(problem.attribute): \(problem.reason)")) }
        if reader.resource.isUnknown("cidr_blocks") { sources.append(.unresolved("cidr_blocks is unknown until apply")) }
        for source in sources {
            var rule = base
            rule.source = source
            place(rule, in: groupKey, problem: groupProblem)
        }
    }

    private mutating func place(_ rule: SecurityGroupRule, in groupKey: String?, problem: Unresolved?) {
        if let groupKey {
            standaloneRules.append((groupKey, rule))
        } else if let problem {
            model.unplacedRules.append((rule, problem))
        }
    }

    private mutating func readSecurityGroupIngressRule(_ reader: ResourceReader) {
        let (groupKey, groupProblem) = reader.link("security_group_id")
        var source: RuleSource?
        if let cidr = (reader.cidrs("cidr_ipv4") + reader.cidrs("cidr_ipv6")).first {
            source = .cidr(cidr)
        } else if let list = reader.string("prefix_list_id") {
            source = .prefixList(list)
        } else {
            let referenced = reader.link("referenced_security_group_id")
            if let key = referenced.key {
                source = key == groupKey ? .selfGroup : .securityGroup(key)
            } else if reader.resource.isUnknown("cidr_ipv4") {
                source = .unresolved("cidr_ipv4 is unknown until apply")
            } else if let problem = referenced.unresolved {
                source = .unresolved("\(problem.attribute): \(problem.reason)")
            }
        }
        guard let source else { return }
        let rule = SecurityGroupRule(
            isIngress: reader.resource.type.hasSuffix("ingress_rule"),
            ipProtocol: IPProtocol(reader.string("ip_protocol") ?? "-1"), fromPort: reader.int("from_port"),
            toPort: reader.int("to_port"), source: source, origin: reader.origin)
        place(rule, in: groupKey, problem: groupProblem)
    }

    private mutating func readZone(_ reader: ResourceReader) {
        var vpcKeys = Set<String>()
        let blocks = reader.array("vpc")
        for offset in blocks.indices { vpcKeys.formUnion(reader.links("vpc.\(offset).vpc_id").keys) }
        let isPrivate = !blocks.isEmpty || reader.bool("private_zone") == true
        model.zones.append(
            HostedZone(
                key: reader.key, origin: reader.origin, name: DNSName.normalize(reader.string("name") ?? ""),
                isPrivate: isPrivate, vpcKeys: vpcKeys))
    }

    private mutating func readRecord(_ reader: ResourceReader) {
        let alias = reader.resource.value(at: "alias.0")
        var aliasEndpoint: String?
        if reader.resource.isUnknown("alias.0.name") || alias?["name"]?.string == nil {
            aliasEndpoint = reader.links("alias.0.name").keys.first
        }
        let (zoneKey, zoneProblem) = reader.link("zone_id")
        let record = DNSRecord(
                origin: reader.origin, zoneKey: zoneKey,
                name: DNSName.normalize(reader.string("name") ?? ""), type: reader.string("type") ?? "",
                aliasName: alias?["name"]?.string.map(DNSName.normalize), aliasZoneID: alias?["zone_id"]?.string,
                aliasEndpointKey: aliasEndpoint, values: reader.resource.value(at: "records")?.strings ?? [])
        if zoneKey == nil, let zoneProblem {
            model.unplacedRecords.append((record, zoneProblem))
        } else {
            model.records.append(record)
        }
    }

    // MARK: - Linking

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
        model.prefixLists = Self.merge(model.prefixLists)
        model.vpcIndex = Self.index(model.vpcs, \.key)
        for (vpcKey, cidr) in cidrAssociations {
            if let index = model.vpcIndex[vpcKey], !model.vpcs[index].cidrs.contains(cidr) { model.vpcs[index].cidrs.append(cidr) }
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
            if let index = tableIndex[tableID] { model.routeTables[index].isMain = true; model.mainRouteTable[vpcKey] = index }
        }
        for (vpcKey, tableKey) in mainAssociations {
            if let index = tableIndex[tableKey] { model.routeTables[index].isMain = true; model.mainRouteTable[vpcKey] = index }
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
        for (endpointKey, groupKey) in endpointGroups {
            if let index = model.endpointIndex[endpointKey], !model.endpoints[index].securityGroupKeys.contains(groupKey) {
                model.endpoints[index].securityGroupKeys.append(groupKey)
            }
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
        for (zoneKey, vpcKey) in zoneAssociations {
            if let index = model.zoneIndex[zoneKey] { model.zones[index].vpcKeys.insert(vpcKey) }
        }
        for (key, status, origin) in peeringAccepters {
            guard let index = model.peerings.firstIndex(where: { $0.key == key }) else { continue }
            model.peerings[index].accepter = origin
            if let status { model.peerings[index].status = status }
        }
        model.subnetIndex = Self.index(model.subnets, \.key)
        model.prefixListIndex = Self.index(model.prefixLists, \.key)
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

    /// One element per key: a managed resource wins over a data source naming the same object.
    private static func merge<T: ModelElement>(_ items: [T]) -> [T] {
        var chosen = [String: T]()
        for item in items {
            if let existing = chosen[item.key], existing.isManaged || !item.isManaged { continue }
            chosen[item.key] = item
        }
        return chosen.values.sorted { $0.origin < $1.origin }
    }

    private static func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
        var index = [String: Int]()
        for (offset, item) in items.enumerated() where index[key(item)] == nil { index[key(item)] = offset }
        return index
    }
}

/// DNS name normalisation as Route 53 and the provider apply it.
public enum DNSName {
    /// Lower case, no trailing dot.
    public static func normalize(_ name: String) -> String {
        var text = name.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `*.vpce-1.s3...` -> `vpce-1.s3...`.
    public static func stripWildcard(_ name: String) -> String {
        name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
    }
}
