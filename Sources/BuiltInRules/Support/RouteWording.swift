import LintCore
import NetworkModel

/// How missing-reverse-route and missing-forward-route word a route hop that fails or is unknown: the
/// facts come from the path engine's ``HopReason``, the sentence is the finding's.
struct RouteWording {
    /// `hub` or `spoke`: whose route table it is.
    var side: String
    /// The destination as the reader knows it, e.g. `spoke prd` or `hub shared (shared-vpc)`.
    var peer: String
    /// The connection as the reader knows it (``Describe/connection(_:)``).
    var via: String

    /// The sentence for a hop: as ``message(_:)-(HopReason)``, unless the hop names a resource to change other
    /// than the table (a prefix list that lacks the destination, an `aws_route` resource).
    func message(_ hop: Hop, _ model: NetworkModel) -> String {
        guard let leg = hop.reason.routeLeg, let origin = hop.origin, origin != leg.table else {
            return message(hop.reason)
        }
        if model.prefixLists.contains(where: { $0.origin == origin }) {
            return
                "prefix list `\(origin.address)`, the destination of \(side) route table `\(leg.table.address)`'s route through \(via), does not contain \(peer) \(leg.destination)"
        }
        if case .routeToWrongTarget = hop.reason {
            return message(hop.reason).replacingOccurrences(
                of: "\(side) route table `\(leg.table.address)`",
                with: "route `\(origin.address)` of \(side) route table `\(leg.table.address)`")
        }
        return message(hop.reason)
    }

    /// The fix where the hop names a resource other than the table; else the transit gateway fix, if any.
    func fix(_ hop: Hop, _ model: NetworkModel) -> String? {
        if case .routeThroughCoreNetwork(let leg, let arn) = hop.reason {
            return
                "check core network \(ModelKey.shown(arn))'s policy (`aws_networkmanager_core_network_policy_attachment`): both VPCs' attachments in segments that share routes, so that \(leg.destination) reaches \(peer)"
        }
        if let leg = hop.reason.routeLeg, let origin = hop.origin, origin != leg.table {
            if model.prefixLists.contains(where: { $0.origin == origin }) {
                return "add an entry for \(leg.destination) to `\(origin.address)`"
            }
            if case .routeToWrongTarget = hop.reason {
                return "route \(leg.destination) in `\(origin.address)` through \(via)"
            }
        }
        return gatewayFix(hop.reason)
    }

    /// One sentence, the fact, starting with the side: `hub route table ... has no route to spoke prd 10.4.0.0/16`.
    func message(_ reason: HopReason) -> String {
        guard let leg = reason.routeLeg else { return "\(side) route to \(peer) through \(via)" }
        let table = "\(side) route table `\(leg.table.address)`"
        let destination = "\(peer) \(leg.destination)"
        switch reason {
        case .noRoute: return "\(table) has no route to \(destination)"
        case .routeUnplaced(_, let route, let problem):
            return
                "\(table) may route \(destination) through route `\(route.address)`, but that route's \(problem.attribute) is \(problem.reason)"
        case .routeTargetUnresolved(_, let reason):
            return "\(table) routes \(destination) through a target that cannot be checked: \(reason)"
        case .routeThroughCoreNetwork(_, let arn):
            return
                "\(table) routes \(destination) through AWS Cloud WAN core network \(ModelKey.shown(arn)), whose segments and routes vpcelint does not read"
        case .routeToWrongTarget(_, let target):
            return "\(table) sends \(destination) to \(target.phrase), not through \(via)"
        case .transitGateway(_, let verdict):
            return "\(table) routes \(destination) through \(via)" + gatewayClause(verdict)
        default: return "\(table) routes \(destination) through \(via)"
        }
    }

    /// What the transit gateway does with it, as a clause after the route.
    private func gatewayClause(_ verdict: TransitGatewayVerdict) -> String {
        switch verdict {
        case .delivered: return ""
        case .noAttachment: return ", but this VPC has no attachment to that transit gateway"
        case .attachmentSubnetsUnknown(let attachment):
            return
                ", and the subnets of \(Describe.attachment(attachment)) are not all in the inputs, so its AZs are unknown"
        case .attachmentMissingAZ(let attachment, let zone, let subnet):
            return
                ", but \(Describe.attachment(attachment)) has no subnet in \(zone), where subnet `\(subnet.address)` is: it cannot reach the transit gateway"
        case .gatewayNotInInputs: return ", and that transit gateway and its route tables are not in the inputs"
        case .unplacedItem(let item, let problem):
            return
                ", and `\(item.address)` may decide where the gateway sends it, but its \(problem.attribute) is \(problem.reason)"
        case .noAssociation(let source):
            return ", but \(Describe.attachment(source)) is associated with no transit gateway route table"
        case .noRoute(let table, let source):
            return ", but \(Describe.gatewayTable(table, of: source)) has no route or propagation for it"
        case .blackhole(let table, let source, let route):
            return ", but \(Describe.gatewayTable(table, of: source)) drops it: blackhole route `\(route.address)`"
        case .attachmentNotInInputs(let table, let source):
            return
                ", and \(Describe.gatewayTable(table, of: source)) sends it to an attachment that is not in the inputs"
        case .wrongAttachment(let table, let source, let target, let targetVPC):
            return
                ", but \(Describe.gatewayTable(table, of: source)) sends it to \(Describe.attachment(target)) (\(targetVPC))"
        case .inspectionStops(let table, let source, let inspection, let inspectionVPC, let onward):
            return
                ", and \(Describe.gatewayTable(table, of: source)) sends it to \(Describe.attachment(inspection)) of inspection VPC \(inspectionVPC), but \(onward.map { "that attachment's gateway route table `\($0.address)`" } ?? "no gateway route table associated with that attachment") does not send it on to \(peer)"
        case .throughInspection(let table, let source, let inspection, let inspectionVPC):
            return
                ", and \(Describe.gatewayTable(table, of: source)) sends it to \(Describe.attachment(inspection)) of inspection VPC \(inspectionVPC) (appliance mode on), whose appliances and their rules vpcelint does not read"
        }
    }

    /// The fix for this case when the transit gateway decides it, else nil (the rule's own fix applies).
    func gatewayFix(_ reason: HopReason) -> String? {
        guard case .transitGateway(let leg, let verdict) = reason else { return nil }
        let cidr = leg.destination
        let peerName = peer
        switch verdict {
        case .noAssociation(let source):
            return "associate \(Describe.attachment(source)) with a transit gateway route table that routes \(cidr) "
                + "(`aws_ec2_transit_gateway_route_table_association`)"
        case .noRoute(let table, _):
            return "in `\(table.address)`, add a route to \(cidr) through \(peerName)'s attachment "
                + "(`aws_ec2_transit_gateway_route`) or a propagation from it "
                + "(`aws_ec2_transit_gateway_route_table_propagation`)"
        case .blackhole: return "route \(cidr) to \(peerName)'s attachment instead of a blackhole"
        case .wrongAttachment(let table, _, _, _):
            return "in `\(table.address)`, route \(cidr) to \(peerName)'s attachment"
        case .attachmentMissingAZ(let attachment, let zone, _):
            return "add a subnet in \(zone) to `\(attachment.address)`"
        case .inspectionStops(_, _, let inspection, _, let onward):
            guard let onward else {
                return "associate `\(inspection.address)` with a transit gateway route table that routes \(cidr) to "
                    + "\(peerName)'s attachment (`aws_ec2_transit_gateway_route_table_association`)"
            }
            return "in `\(onward.address)`, add a route to \(cidr) through \(peerName)'s attachment "
                + "(`aws_ec2_transit_gateway_route`) or a propagation from it "
                + "(`aws_ec2_transit_gateway_route_table_propagation`)"
        case .throughInspection(_, _, let inspection, _):
            return "check that the appliances behind `\(inspection.address)` forward \(cidr) back to the transit "
                + "gateway, and that its route table sends it to \(peerName)'s attachment"
        default: return nil
        }
    }
}

extension HopReason {
    /// The route the hop judged, for route hops.
    var routeLeg: RouteLeg? {
        switch self {
        case .routes(let leg), .noRoute(let leg), .routeUnplaced(let leg, _, _), .routeTargetUnresolved(let leg, _),
            .routeThroughCoreNetwork(let leg, _),
            .routeToWrongTarget(let leg, _), .peeringNotActive(let leg, _, _), .transitGateway(let leg, _):
            return leg
        default: return nil
        }
    }

    /// A peering that does not carry traffic: peering-not-active reports it, not the route rules.
    var isPeeringState: Bool {
        if case .peeringNotActive = self { return true }
        return false
    }
}
