import TerraformShow

/// Collects model elements document by document, then links and indexes them.
struct ModelBuilder {
    var model = NetworkModel()
    var cidrAssociations: [(vpcKey: String, cidr: CIDR)] = []
    var explicitAssociations: [(subnetKey: String, tableKey: String)] = []
    var mainAssociations: [(vpcKey: String, tableKey: String)] = []
    var mainTableIDs: [String: String] = [:]
    var standaloneRoutes: [(tableKey: String, route: Route)] = []
    var standaloneRules: [(groupKey: String, rule: SecurityGroupRule)] = []
    var endpointSubnets: [(endpointKey: String, subnetKey: String)] = []
    var endpointGroups: [(endpointKey: String, groupKey: String)] = []
    var endpointTables: [(endpointKey: String, tableKey: String)] = []
    var endpointPrivateDNS: [(endpointKey: String, enabled: Bool)] = []
    var zoneAssociations: [(zoneKey: String, vpcKey: String, origin: Origin)] = []
    var peeringAccepters: [(key: String, status: String?, origin: Origin)] = []
    var transitGatewayRoutes: [(tableKey: String, route: TransitGatewayRoute)] = []
    var transitGatewayBindings: [(tableKey: String, binding: TransitGatewayBinding, isAssociation: Bool)] = []
    var transitGatewayAccepters: [TransitGatewayAttachment] = []

    mutating func add(_ document: TerraformDocument, environment: String) {
        model.inputs.append(Input(path: document.path, environment: environment))
        let resolver = ReferenceResolver(document: document)
        // Only the network types are read (the loader keeps values for no others; `ScenarioTests` checks
        // that the model is the same either way): the rest of a large account is passed over cheaply.
        // By index: a skipped resource is not copied.
        for index in document.resources.indices where LoadOptions.isAWSNetworkType(document.resources[index].type) {
            let resource = document.resources[index]
            guard resource.providerName.isEmpty || resource.providerName.hasSuffix("aws") else { continue }
            let origin = Origin(environment: environment, path: document.path, address: resource.address)
            let reader = ResourceReader(
                resource: resource, origin: origin, resolver: resolver, environment: environment)
            read(reader)
        }
    }

    mutating func read(_ reader: ResourceReader) {
        let resource = reader.resource
        let data = resource.mode == .data
        if readTransitGatewayResource(reader) { return }
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
                zoneAssociations.append((zone, vpc, reader.origin))
            } else if let problem = zoneProblem ?? vpcProblem {
                model.unplacedZoneAssociations.append(
                    UnplacedAssociation(origin: reader.origin, zoneKey: zone, vpcKey: vpc, problem: problem))
            }
        case ("aws_route53_record", false): readRecord(reader)
        case ("aws_ec2_managed_prefix_list", _):
            let entries = reader.array(data ? "entries" : "entry").compactMap { $0["cidr"]?.string }.compactMap(
                CIDR.init)
            model.prefixLists.append(PrefixList(key: reader.key, origin: reader.origin, cidrs: entries))
        default:
            break
        }
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
