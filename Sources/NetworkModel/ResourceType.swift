import TerraformShow

/// The Terraform resource types the model reads: the one list. ``ModelBuilder`` dispatches on it (its
/// `switch` is exhaustive, so a type added here must be read there), and the loader keeps the attribute
/// values of these types only (``TerraformShow/LoadOptions/awsNetwork``, defined below).
enum ResourceType: String, CaseIterable, Sendable {
    case vpc = "aws_vpc"
    case defaultVPC = "aws_default_vpc"
    case vpcIPv4CIDRAssociation = "aws_vpc_ipv4_cidr_block_association"
    case vpcIPv6CIDRAssociation = "aws_vpc_ipv6_cidr_block_association"
    case subnet = "aws_subnet"
    case defaultSubnet = "aws_default_subnet"
    case routeTable = "aws_route_table"
    case defaultRouteTable = "aws_default_route_table"
    case route = "aws_route"
    case routeTableAssociation = "aws_route_table_association"
    case mainRouteTableAssociation = "aws_main_route_table_association"
    case peeringConnection = "aws_vpc_peering_connection"
    case peeringConnectionAccepter = "aws_vpc_peering_connection_accepter"
    case endpoint = "aws_vpc_endpoint"
    case endpointSubnetAssociation = "aws_vpc_endpoint_subnet_association"
    case endpointSecurityGroupAssociation = "aws_vpc_endpoint_security_group_association"
    case endpointRouteTableAssociation = "aws_vpc_endpoint_route_table_association"
    case endpointPrivateDNS = "aws_vpc_endpoint_private_dns"
    case securityGroup = "aws_security_group"
    case defaultSecurityGroup = "aws_default_security_group"
    case securityGroupRule = "aws_security_group_rule"
    case securityGroupIngressRule = "aws_vpc_security_group_ingress_rule"
    case securityGroupEgressRule = "aws_vpc_security_group_egress_rule"
    case zone = "aws_route53_zone"
    case zoneAssociation = "aws_route53_zone_association"
    case record = "aws_route53_record"
    case managedPrefixList = "aws_ec2_managed_prefix_list"
    case managedPrefixListEntry = "aws_ec2_managed_prefix_list_entry"
    case resolverEndpoint = "aws_route53_resolver_endpoint"
    case resolverRule = "aws_route53_resolver_rule"
    case resolverRuleAssociation = "aws_route53_resolver_rule_association"
    case profile = "aws_route53profiles_profile"
    case profileAssociation = "aws_route53profiles_association"
    case profileResourceAssociation = "aws_route53profiles_resource_association"
    case transitGateway = "aws_ec2_transit_gateway"
    case transitGatewayRouteTable = "aws_ec2_transit_gateway_route_table"
    case transitGatewayRoute = "aws_ec2_transit_gateway_route"
    case transitGatewayRouteTableAssociation = "aws_ec2_transit_gateway_route_table_association"
    case transitGatewayRouteTablePropagation = "aws_ec2_transit_gateway_route_table_propagation"
    case transitGatewayVPCAttachment = "aws_ec2_transit_gateway_vpc_attachment"
    case transitGatewayVPCAttachmentAccepter = "aws_ec2_transit_gateway_vpc_attachment_accepter"
}

extension NetworkModel {
    /// The resource types the model reads (VPCs, subnets, routes, endpoints, security groups and their
    /// rules, Route 53, peering, transit gateways, prefix lists), as Terraform names them.
    public static let readTypes: Set<String> = Set(ResourceType.allCases.map(\.rawValue))

    /// True for the types in ``readTypes``.
    @Sendable public static func reads(_ type: String) -> Bool {
        readTypes.contains(type)
    }
}

extension LoadOptions {
    /// Keeps the attribute values of the resource types the network model reads (``NetworkModel/readTypes``),
    /// only the attributes it reads of each (``ResourceType/attributes``), and a compact record of every other
    /// resource.
    public static let awsNetwork: LoadOptions = {
        var options = LoadOptions(keepValues: NetworkModel.reads)
        options.keptAttributes = { ResourceType.keptAttributes[$0] }
        options.keptPrefixes = { ResourceType.keptPrefixes[$0] ?? [:] }
        return options
    }()

    /// The prefix of the tags vpcelint itself reads on any resource (`vpcelint:ignore`, `vpcelint:reason`): of
    /// the types whose other tags the model does not read (all but VPCs), the loader keeps only these.
    public static let toolTagPrefix = "vpcelint:"
}

extension ResourceType {
    /// The attributes the loader keeps for every type: the ID (the model's key and the plan reconciliation's),
    /// and the tags (suppression tags; a VPC's name and environment), all of a VPC's, only the tool's own of the
    /// other types (``readsAllTags``).
    static let sharedAttributes: Set<String> = ["id", "tags", "tags_all"]

    /// The top-level attributes the model reads of this type, as a resource or as a data source; the loader
    /// keeps these (and ``sharedAttributes``) and drops the rest of `values` (ARNs, policies, timeouts,
    /// `filter` blocks). ``ResourceReader`` refuses, in debug builds, to read an attribute missing here, so a
    /// new read fails the tests that reach it instead of finding nothing; `AttributeListTests` checks every
    /// attribute named in the builder's sources is in some list.
    var attributes: Set<String> {
        switch self {
        case .vpc, .defaultVPC:
            [
                "cidr_block", "ipv6_cidr_block", "cidr_block_associations", "main_route_table_id",
                "enable_dns_support", "enable_dns_hostnames", "region", "arn",
            ]
        case .vpcIPv4CIDRAssociation, .vpcIPv6CIDRAssociation: ["vpc_id", "cidr_block", "ipv6_cidr_block"]
        case .subnet, .defaultSubnet: ["vpc_id", "cidr_block", "availability_zone"]
        case .routeTable, .defaultRouteTable: ["vpc_id", "route"]
        case .route:
            Self.routeTargets.union([
                "route_table_id", "destination_cidr_block", "destination_ipv6_cidr_block",
                "destination_prefix_list_id",
            ])
        case .routeTableAssociation: ["subnet_id", "route_table_id"]
        case .mainRouteTableAssociation: ["vpc_id", "route_table_id"]
        case .peeringConnection: ["accept_status", "status", "vpc_id", "peer_vpc_id", "auto_accept", "peer_owner_id"]
        case .peeringConnectionAccepter: ["vpc_peering_connection_id", "accept_status"]
        case .endpoint:
            [
                "service_name", "vpc_endpoint_type", "vpc_id", "subnet_ids", "security_group_ids", "dns_entry",
                "route_table_ids", "private_dns_enabled",
            ]
        case .endpointSubnetAssociation: ["vpc_endpoint_id", "subnet_id"]
        case .endpointSecurityGroupAssociation: ["vpc_endpoint_id", "security_group_id"]
        case .endpointRouteTableAssociation: ["vpc_endpoint_id", "route_table_id"]
        case .endpointPrivateDNS: ["vpc_endpoint_id", "private_dns_enabled"]
        case .securityGroup, .defaultSecurityGroup: ["vpc_id", "ingress", "egress"]
        case .securityGroupRule:
            [
                "security_group_id", "type", "protocol", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks",
                "prefix_list_ids", "self", "source_security_group_id",
            ]
        case .securityGroupIngressRule, .securityGroupEgressRule:
            [
                "security_group_id", "ip_protocol", "from_port", "to_port", "cidr_ipv4", "cidr_ipv6",
                "prefix_list_id", "referenced_security_group_id",
            ]
        case .zone: ["zone_id", "name", "vpc", "private_zone"]
        case .zoneAssociation: ["zone_id", "vpc_id"]
        case .record: ["zone_id", "name", "type", "alias", "records"]
        case .managedPrefixList: ["entry", "entries"]
        case .managedPrefixListEntry: ["prefix_list_id", "cidr"]
        case .resolverEndpoint:
            ["direction", "host_vpc_id", "vpc_id", "ip_address", "ip_addresses", "security_group_ids"]
        case .resolverRule: ["domain_name", "rule_type", "target_ip", "resolver_endpoint_id"]
        case .resolverRuleAssociation: ["resolver_rule_id", "vpc_id"]
        case .profile: ["name"]
        case .profileAssociation: ["profile_id", "resource_id"]
        case .profileResourceAssociation: ["profile_id", "resource_arn"]
        case .transitGateway:
            [
                "default_route_table_association", "default_route_table_propagation",
                "association_default_route_table_id", "propagation_default_route_table_id",
            ]
        case .transitGatewayRouteTable: ["transit_gateway_id"]
        case .transitGatewayRoute:
            ["transit_gateway_route_table_id", "destination_cidr_block", "transit_gateway_attachment_id", "blackhole"]
        case .transitGatewayRouteTableAssociation, .transitGatewayRouteTablePropagation:
            ["transit_gateway_route_table_id", "transit_gateway_attachment_id"]
        case .transitGatewayVPCAttachment, .transitGatewayVPCAttachmentAccepter:
            [
                "transit_gateway_attachment_id", "transit_gateway_id", "vpc_id", "subnet_ids",
                "transit_gateway_default_route_table_association",
                "transit_gateway_default_route_table_propagation", "appliance_mode_support",
            ]
        }
    }

    /// Whether the model reads every tag of this type (a VPC's `Name` and environment tag); of the others only
    /// the tool's own tags are kept (``LoadOptions/toolTagPrefix``).
    var readsAllTags: Bool { self == .vpc || self == .defaultVPC }

    /// Of each type whose tags the model does not read, `tags` and `tags_all` narrowed to the tool's own
    /// (``LoadOptions/keptPrefixes``), made once like ``keptAttributes``.
    static let keptPrefixes: [String: [String: String]] = Dictionary(
        uniqueKeysWithValues: allCases.filter { !$0.readsAllTags }.map {
            ($0.rawValue, ["tags": LoadOptions.toolTagPrefix, "tags_all": LoadOptions.toolTagPrefix])
        })

    /// The target attributes of a route (an `aws_route`, or a `route` block of a table).
    static let routeTargets: Set<String> = [
        "vpc_peering_connection_id", "transit_gateway_id", "vpc_endpoint_id", "gateway_id", "nat_gateway_id",
        "network_interface_id", "egress_only_gateway_id", "carrier_gateway_id", "local_gateway_id",
        "core_network_arn",
    ]

    /// What the loader keeps of each type: ``attributes`` and ``sharedAttributes``, made once.
    static let keptAttributes: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.attributes.union(sharedAttributes)) })
}
