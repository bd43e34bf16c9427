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
    /// Keeps the attribute values of the resource types the network model reads (``NetworkModel/readTypes``)
    /// and a compact record of every other resource.
    public static let awsNetwork = LoadOptions(keepValues: NetworkModel.reads)
}
