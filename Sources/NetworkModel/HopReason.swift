/// Why a hop passes, fails or is unknown: the facts as data. The sentences are written where they are shown
/// (the trace report, the rules' findings).
public enum HopReason: Sendable, Hashable {
    // vpc-dns
    /// `enable_dns_support` and `enable_dns_hostnames` are both true.
    case vpcDNSOn
    /// One or both attributes are false: private hosted zones do not resolve in the VPC.
    case vpcDNSOff(support: Bool, hostnames: Bool)
    /// The attributes are not in the input.
    case vpcDNSUnknown

    // dns
    /// The VPC's own interface endpoint with private DNS answers `host`.
    case ownEndpoint(host: String)
    /// An interface endpoint with private DNS that a Route 53 Profile associated with the VPC carries answers
    /// `host` (`profile` is the profile's association with the VPC).
    case profileEndpoint(host: String, profile: Origin)
    /// `host` matches a record of a private hosted zone associated with the VPC, aliasing an endpoint.
    case record(DNSMatch)
    /// `host` matches a record whose alias names an endpoint that is not in the inputs.
    case aliasNotInInputs(DNSMatch, alias: String?)
    /// `host` matches a record whose alias is no VPC endpoint at all.
    case aliasNotAnEndpoint(DNSMatch, alias: String)
    /// A private zone associated with the VPC captures `host` but has no record for it: NXDOMAIN.
    case privateZoneWithoutRecord(host: String, zone: Origin, zoneName: String)
    /// As `privateZoneWithoutRecord`, but a record a plan cannot place may be the one.
    case recordUnknown(host: String, zone: Origin, zoneName: String, record: Origin, problem: Unresolved)
    /// The VPC's own private-DNS endpoint and an associated private zone both claim the name.
    case conflictingDomain(endpoint: Origin, zone: Origin, zoneName: String)
    /// The VPC's own private-DNS endpoint answers, unless an association a plan cannot place associates a
    /// zone of the same name with the VPC (then the association fails).
    case conflictUnknown(endpoint: Origin, zone: Origin, zoneName: String, association: Origin, problem: Unresolved)
    /// A private zone that answers `host` exists but is not associated with the VPC.
    case zoneNotAssociated(host: String, zone: Origin, zoneName: String)
    /// As `zoneNotAssociated`, but an association a plan cannot place may associate it.
    case zoneAssociationUnknown(
        host: String, zone: Origin, zoneName: String, association: Origin, problem: Unresolved)
    /// The endpoint that serves the service from a connected VPC has private DNS on, which answers only in its
    /// own VPC.
    case endpointPrivateDNSOn(host: String, endpoint: Origin)
    /// That endpoint has private DNS on and a Route 53 Profile carries it (`resource`), but whether the VPC, known
    /// only from a data source, is associated with the profile is not in the inputs.
    case profileAssociationUnknown(host: String, endpoint: Origin, resource: Origin)
    /// Whether that endpoint has private DNS on is unknown until apply.
    case endpointPrivateDNSUnknown(host: String, endpoint: Origin)
    /// That endpoint has private DNS off and no private zone answers `host`.
    case noZoneForEndpoint(host: String, endpoint: Origin)
    /// Nothing private answers `host`, and no connected VPC has an endpoint for it.
    case publicName(host: String)
    /// Nothing private in the inputs answers `host`, but the VPC is a spoke of a hub outside the inputs
    /// (`hub`: its VPC, transit gateway or zone ID), whose zones or endpoints may.
    case hubOutsideInputs(host: String, hub: String)
    /// A Route 53 Resolver rule associated with the VPC forwards `host` to the inbound endpoint of another VPC,
    /// where it is answered (`answer`: that VPC's own DNS hop).
    case forwarded(host: String, rule: Origin, inbound: Origin, answer: Origin?)
    /// The rule forwards `host` to targets of which `wrong` are no inbound Resolver endpoint's IP.
    case forwardTargetsWrong(host: String, rule: Origin, wrong: [String])
    /// The rule forwards `host` to IPs of no inbound endpoint in the inputs.
    case forwardedOutsideInputs(host: String, rule: Origin, targets: [String])
    /// The inbound endpoint's security groups do not let DNS (`protocols`) in from the outbound endpoint.
    case resolverDNSBlocked(host: String, inbound: Origin, group: Origin, protocols: [String])
    /// A rule that forwards `host` to a connected VPC's inbound endpoint exists, but is not associated with
    /// this VPC.
    case resolverRuleNotAssociated(host: String, rule: Origin)
    /// As `resolverRuleNotAssociated`, but an association a plan cannot place may associate it.
    case resolverAssociationUnknown(host: String, rule: Origin, association: Origin, problem: Unresolved)
    /// The VPC is associated (`association`) with Resolver rule `rule` (its ID), which no input holds: whether
    /// its domain takes `host`, and where it sends it, is unknown.
    case resolverRuleOutsideInputs(host: String, rule: String, association: Origin)

    // target
    /// The endpoint the answer leads to serves the service.
    case serves(endpoint: Origin, service: String, subnets: Int)
    /// The answer leads to an endpoint of another service.
    case wrongService(endpoint: Origin, serves: String, expected: String)
    /// The endpoint's VPC is not in the inputs.
    case endpointVPCNotInInputs

    // forward-route, return-route
    /// No peering connection or transit gateway joins the VPC to `peer`.
    case noConnection(peer: Origin)
    /// The route goes through the connection.
    case routes(RouteLeg)
    /// The table has no route that covers the destination.
    case noRoute(RouteLeg)
    /// A route a plan cannot place may cover the destination.
    case routeUnplaced(RouteLeg, route: Origin, problem: Unresolved)
    /// The route's target cannot be checked.
    case routeTargetUnresolved(RouteLeg, reason: String)
    /// The route sends the destination to an AWS Cloud WAN core network (`coreNetwork`: its ARN), whose
    /// segments and routes the model does not read: whether it delivers is unknown.
    case routeThroughCoreNetwork(RouteLeg, coreNetwork: String)
    /// The route sends the destination elsewhere.
    case routeToWrongTarget(RouteLeg, target: RouteTarget)
    /// The route goes through a peering connection that does not carry traffic (or may not).
    case peeringNotActive(RouteLeg, peering: Origin?, state: PeeringState)
    /// The route goes to a transit gateway; what the gateway does with it.
    case transitGateway(RouteLeg, TransitGatewayVerdict)

    // security-group
    /// Some of the endpoint's security groups are not in the inputs, or a plan leaves the list unknown.
    case securityGroupsNotInInputs
    /// No ingress rule allows TCP `port` from `source`.
    case sgMissingPort(port: Int, source: CIDR)
    /// Whether a rule allows TCP `port` from `source` is unknown until apply.
    case sgPortUnknown(port: Int, source: CIDR)
    /// Whether TCP `port` from `source` is allowed turns on a rule with a value that cannot be read
    /// (`from_port "abc"`, a source CIDR `"10.3.0.0/16 "`).
    case sgRuleUnreadable(port: Int, source: CIDR, rule: Origin, problem: String)
    /// A CIDR attribute of the source VPC cannot be read: whether its traffic is let in, or routed back, is
    /// unknown.
    case cidrUnreadable(Unresolved)
    /// TCP `port` is allowed from every one of `sources`.
    case sgAllows(port: Int, sources: [CIDR])

    // gateway endpoints
    /// The VPC's own gateway endpoint for the service.
    case gatewayEndpoint(endpoint: Origin)
    /// The VPC has no gateway endpoint for the service; `elsewhere` is one in another VPC.
    case noGatewayEndpoint(service: String, elsewhere: Origin?)
    /// Whether the route table has the gateway endpoint's prefix-list route.
    case gatewayRoute(table: Origin, endpoint: Origin, associated: Bool)
}

/// A DNS answer from a private hosted zone's record.
public struct DNSMatch: Sendable, Hashable {
    public var host: String
    public var record: Origin
    /// A `*.` record rather than the exact name.
    public var wildcard: Bool
    public var zoneName: String
}

/// A route table's route toward a peer VPC, as a route hop judges it.
public struct RouteLeg: Sendable, Hashable {
    public var table: Origin
    public var destination: CIDR
    /// The VPC the destination belongs to.
    public var peer: Origin
    /// Keys of the peering connections or transit gateways that join the two VPCs, sorted.
    public var connections: [String]
}

/// What a peering connection's state says about traffic through it.
public enum PeeringState: Sendable, Hashable {
    /// `accept_status` is `active`.
    case active
    /// A plan does not know the status yet, but `auto_accept` (same account) or an accepter in the inputs
    /// accepts it.
    case accepted(by: Origin?)
    /// `accept_status` is known and not `active` (`pending-acceptance`, `failed`, `rejected`, ...).
    case notActive(status: String)
    /// A plan does not know the status and nothing accepts it: it will stay `pending-acceptance`.
    case notAccepted(autoAccept: Bool?, peerOwnerID: String?)
    /// The peering connection is not in the inputs, or is only a data source whose status is unknown.
    case unknown
}

/// What a transit gateway does with a destination a VPC route sends it (see PathEngine+TransitGateway.swift).
public enum TransitGatewayVerdict: Sendable, Hashable {
    /// `table`, the gateway route table of `source` (the VPC's attachment), sends it to `target`.
    case delivered(table: Origin, source: Origin, target: Origin)
    /// The VPC has no attachment to that gateway.
    case noAttachment
    /// The subnets of `attachment` are not all in the inputs, so its AZs are unknown.
    case attachmentSubnetsUnknown(attachment: Origin)
    /// `attachment` has no subnet in `zone`, where `subnet` is.
    case attachmentMissingAZ(attachment: Origin, zone: String, subnet: Origin)
    /// Neither the gateway nor its route tables are in the inputs.
    case gatewayNotInInputs
    /// A route, association or propagation a plan cannot place may decide it.
    case unplacedItem(item: Origin, problem: Unresolved)
    /// `source` is associated with no gateway route table.
    case noAssociation(source: Origin)
    /// `table` has no static or propagated route for the destination.
    case noRoute(table: Origin, source: Origin)
    /// `table` drops it through the blackhole route `route`.
    case blackhole(table: Origin, source: Origin, route: Origin)
    /// `table` sends it to an attachment that is not in the inputs.
    case attachmentNotInInputs(table: Origin, source: Origin)
    /// `table` sends it to `inspection`, the attachment with appliance mode on of an inspection VPC
    /// (`inspectionVPC`): what its appliances forward, and where, is not read.
    case throughInspection(table: Origin, source: Origin, inspection: Origin, inspectionVPC: String)
    /// `table` sends it to `inspection`, an inspection VPC's attachment, but that attachment's own gateway route
    /// table (`onward`; nil: it is associated with none) does not send it on to the VPC that holds it.
    case inspectionStops(table: Origin, source: Origin, inspection: Origin, inspectionVPC: String, onward: Origin?)
    /// `table` sends it to `target`, the attachment of another VPC (`targetVPC`, its display name).
    case wrongAttachment(table: Origin, source: Origin, target: Origin, targetVPC: String)
}
