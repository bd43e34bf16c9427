import TerraformShow

/// Collects model elements document by document, then links and indexes them.
struct ModelBuilder: Sendable {
    var model = NetworkModel()
    var cidrAssociations: [(vpcKey: String, cidr: CIDR)] = []
    /// `aws_vpc_ipv4_cidr_block_association` / `…ipv6…` values that are not networks, for their VPC.
    var unreadableAssociations: [(vpcKey: String, problem: Unresolved)] = []
    var explicitAssociations: [(subnetKey: String, tableKey: String)] = []
    var mainAssociations: [(vpcKey: String, tableKey: String)] = []
    var mainTableIDs: [String: String] = [:]
    var standaloneRoutes: [(tableKey: String, route: Route)] = []
    var standaloneRules: [(groupKey: String, rule: SecurityGroupRule)] = []
    var endpointSubnets: [(endpointKey: String, subnetKey: String)] = []
    var endpointGroups: [(endpointKey: String, groupKey: String, origin: Origin)] = []
    var endpointTables: [(endpointKey: String, tableKey: String)] = []
    var endpointPrivateDNS: [(endpointKey: String, enabled: Bool)] = []
    var zoneAssociations: [(zoneKey: String, vpcKey: String, origin: Origin)] = []
    var peeringAccepters: [(key: String, status: String?, origin: Origin)] = []
    var transitGatewayRoutes: [(tableKey: String, route: TransitGatewayRoute)] = []
    var transitGatewayBindings: [(tableKey: String, binding: TransitGatewayBinding, isAssociation: Bool)] = []
    var transitGatewayAccepters: [TransitGatewayAttachment] = []
    var resolverAssociations: [(ruleKey: String, vpcKey: String, origin: Origin)] = []
    var profileAssociations: [ProfileAssociation] = []
    var profileResources: [ProfileResource] = []
    /// Profile associations and resource associations a plan cannot place, with what is known of them.
    var unplacedProfileAssociations: [(profileKey: String?, association: UnplacedAssociation)] = []
    var unplacedProfileResources: [(profileKey: String?, zoneKey: String?, origin: Origin, problem: Unresolved)] = []
    var prefixListEntries: [(listKey: String, cidr: CIDR)] = []
    var unreadablePrefixListEntries: [(listKey: String, problem: Unresolved)] = []

    /// Reads the resources of `document` at `positions` (every one by default). The document's input is
    /// recorded with its first resources, so that builders of consecutive ranges, absorbed in order
    /// (``collecting(_:segmentSize:)``), hold what one builder of the whole document would.
    mutating func add(_ document: TerraformDocument, environment: String, positions: Range<Int>? = nil) {
        let positions = positions ?? document.resources.indices
        if positions.lowerBound == 0 { model.inputs.append(Input(path: document.path, environment: environment)) }
        let resolver = ReferenceResolver(document: document)
        // Only the types of ``ResourceType`` are read (the loader keeps values for no others; `ScenarioTests`
        // checks that the model is the same either way): the rest of a large account is passed over cheaply.
        // In place: no resource is copied (a copy retains each of its strings and arrays, and releases them again).
        document.resources.withUnsafeBufferPointer { resources in
            precondition(positions.isEmpty || (positions.lowerBound >= 0 && positions.upperBound <= resources.count))
            guard let first = resources.baseAddress else { return }
            for index in positions {
                let resource = first + index
                guard let type = ResourceType(rawValue: resource.pointee.type),
                    resource.pointee.providerName.isEmpty || resource.pointee.providerName.hasSuffix("aws")
                else { continue }
                let origin = Origin(environment: environment, path: document.path, address: resource.pointee.address)
                let reader = ResourceReader(
                    borrowing: resource, origin: origin, resolver: resolver, environment: environment)
                read(reader, as: type)
            }
        }
    }

    /// Exhaustive over ``ResourceType``: every type the loader keeps is read here, as a resource and, for
    /// the types that have one, as a data source.
    mutating func read(_ reader: ResourceReader, as type: ResourceType) {
        let data = reader.resource.mode == .data
        switch (type, data) {
        case (.transitGateway, _), (.transitGatewayRouteTable, _), (.transitGatewayRoute, false),
            (.transitGatewayRouteTableAssociation, false), (.transitGatewayRouteTablePropagation, false),
            (.transitGatewayVPCAttachment, _), (.transitGatewayVPCAttachmentAccepter, false):
            readTransitGatewayResource(reader, as: type)
        case (.resolverEndpoint, _), (.resolverRule, _), (.resolverRuleAssociation, false):
            readResolverResource(reader, as: type)
        case (.profile, false), (.profileAssociation, false), (.profileResourceAssociation, false):
            readProfileResource(reader, as: type)
        case (.vpc, _), (.defaultVPC, false): readVPC(reader)
        case (.vpcIPv4CIDRAssociation, false), (.vpcIPv6CIDRAssociation, false):
            if let vpcKey = reader.link("vpc_id").key {
                for attribute in ["cidr_block", "ipv6_cidr_block"] {
                    let read = reader.readCIDRs(attribute)
                    for cidr in read.cidrs { cidrAssociations.append((vpcKey, cidr)) }
                    for problem in read.unreadable {
                        let at = Unresolved(
                            attribute: "\(reader.origin.address).\(problem.attribute)", reason: problem.reason)
                        unreadableAssociations.append((vpcKey, at))
                    }
                }
            }
        case (.subnet, _), (.defaultSubnet, false):
            let read = reader.readCIDRs("cidr_block")
            model.subnets.append(
                Subnet(
                    key: reader.key, origin: reader.origin, vpcKey: reader.link("vpc_id").key,
                    availabilityZone: reader.string("availability_zone"), cidr: read.cidrs.first,
                    unreadableCIDR: read.cidrs.isEmpty ? read.unreadable.first : nil))
        case (.routeTable, _), (.defaultRouteTable, false): readRouteTable(reader)
        case (.route, false): readRoute(reader)
        case (.routeTableAssociation, false):
            if let subnetKey = reader.link("subnet_id").key, let tableKey = reader.link("route_table_id").key {
                explicitAssociations.append((subnetKey, tableKey))
            }
        case (.mainRouteTableAssociation, false):
            if let vpcKey = reader.link("vpc_id").key, let tableKey = reader.link("route_table_id").key {
                mainAssociations.append((vpcKey, tableKey))
            }
        case (.peeringConnection, _): readPeering(reader)
        case (.peeringConnectionAccepter, false):
            if let key = reader.link("vpc_peering_connection_id").key {
                peeringAccepters.append((key, reader.string("accept_status"), reader.origin))
            }
        case (.endpoint, _): readEndpoint(reader)
        case (.endpointSubnetAssociation, false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let subnet = reader.link("subnet_id").key {
                endpointSubnets.append((endpoint, subnet))
            }
        case (.endpointSecurityGroupAssociation, false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let group = reader.link("security_group_id").key {
                endpointGroups.append((endpoint, group, reader.origin))
            }
        case (.endpointRouteTableAssociation, false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let table = reader.link("route_table_id").key {
                endpointTables.append((endpoint, table))
            }
        case (.endpointPrivateDNS, false):
            if let endpoint = reader.link("vpc_endpoint_id").key, let enabled = reader.bool("private_dns_enabled") {
                endpointPrivateDNS.append((endpoint, enabled))
            }
        case (.securityGroup, _), (.defaultSecurityGroup, false): readSecurityGroup(reader)
        case (.securityGroupRule, false): readSecurityGroupRule(reader)
        case (.securityGroupIngressRule, false), (.securityGroupEgressRule, false):
            readSecurityGroupIngressRule(reader)
        case (.zone, _): readZone(reader)
        case (.zoneAssociation, false):
            if let (zone, vpc) = association(reader, of: "zone_id", unplaced: \.unplacedZoneAssociations) {
                zoneAssociations.append((zone, vpc, reader.origin))
            }
        case (.record, false): readRecord(reader)
        case (.managedPrefixList, _):
            let blocks = data ? "entries" : "entry"
            var list = PrefixList(key: reader.key, origin: reader.origin, cidrs: [])
            for (offset, entry) in reader.array(blocks).enumerated() {
                guard let value = entry["cidr"] else { continue }
                let read = ResourceReader.readCIDRs(value, attribute: "\(blocks).\(offset).cidr")
                list.cidrs += read.cidrs
                list.unreadable += read.unreadable
            }
            model.prefixLists.append(list)
        case (.managedPrefixListEntry, false):
            // An entry managed on its own; the list's `entry` blocks may also hold it after a refresh.
            if let list = reader.link("prefix_list_id").key {
                let read = reader.readCIDRs("cidr")
                for cidr in read.cidrs { prefixListEntries.append((list, cidr)) }
                for problem in read.unreadable {
                    unreadablePrefixListEntries.append(
                        (list, Unresolved(attribute: "`\(reader.origin.address)` cidr", reason: problem.reason)))
                }
            }
        case (_, true):
            // Data sources of types that only exist as managed resources (or whose data source says nothing
            // the model uses).
            break
        }
    }

    /// An association of a zone or Resolver rule (`attribute`) with a VPC (`vpc_id`): both keys, or `nil` after
    /// recording in `unplaced` why a plan cannot place it.
    mutating func association(
        _ reader: ResourceReader, of attribute: String, unplaced: WritableKeyPath<NetworkModel, [UnplacedAssociation]>
    ) -> (String, String)? {
        let (target, targetProblem) = reader.link(attribute)
        let (vpc, vpcProblem) = reader.link("vpc_id")
        if let target, let vpc { return (target, vpc) }
        if let problem = targetProblem ?? vpcProblem {
            model[keyPath: unplaced].append(
                UnplacedAssociation(origin: reader.origin, zoneKey: target, vpcKey: vpc, problem: problem))
        }
        return nil
    }
}

/// DNS name normalisation as Route 53 and the provider apply it.
public enum DNSName {
    /// Lower case, no trailing dot.
    public static func normalize(_ name: String) -> String {
        // Most names are already normal (the path engine normalizes each name it is asked about): no copy.
        if name.utf8.last != UInt8(ascii: "."), !name.utf8.contains(where: { $0 >= 0x80 || (0x41...0x5A).contains($0) })
        {
            return name
        }
        var text = name.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `*.vpce-1.s3...` -> `vpce-1.s3...`.
    public static func stripWildcard(_ name: String) -> String {
        name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
    }
}
