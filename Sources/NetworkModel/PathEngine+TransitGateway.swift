/// The transit gateway side of a route hop: a VPC route to a transit gateway only delivers when the
/// gateway's route table for the source attachment sends the destination on to the destination VPC's
/// attachment, and when both ends sit in AZs the attachments cover.
/// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html,
/// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
extension PathEngine {
    func transitGatewayHop(
        _ kind: HopKind, table: RouteTable, route: Route, gateway: String, to cidr: CIDR, peerName: String,
        connectionName: String
    ) -> Hop {
        let lead = "route table `\(table.origin.address)` routes \(peerName) \(cidr) through \(connectionName)"
        func hop(_ status: HopStatus, _ rest: String, _ origin: Origin, _ related: [Origin], fix: String? = nil) -> Hop
        {
            Hop(
                kind: kind, status: status, detail: lead + rest, origin: origin,
                related: Self.unique([table.origin, route.origin] + related), fix: fix)
        }
        let attachments = model.transitGatewayAttachments.filter { $0.transitGatewayKey == gateway }
        guard let source = attachments.first(where: { $0.vpcKey != nil && $0.vpcKey == table.vpcKey }) else {
            return hop(.fail, ", but this VPC has no attachment to that transit gateway", table.origin, [])
        }
        if let problem = azProblem(source: source, table: table, to: cidr, peerName: peerName, among: attachments) {
            return hop(problem.status, problem.detail, problem.origin, [], fix: problem.fix)
        }
        guard
            model.transitGateway(gateway) != nil
                || model.transitGatewayRouteTables.contains(where: {
                    $0.transitGatewayKey == gateway
                })
        else {
            return hop(
                .unknown, ", and that transit gateway and its route tables are not in the inputs", source.origin, [])
        }
        let sourceName = "\(source.origin.environment)'s attachment `\(source.origin.address)`"
        // A route, association or propagation a plan cannot place may be the one that delivers.
        let unplaced = model.unplacedTransitGatewayItems.first.map { item in
            hop(
                .unknown,
                ", and `\(item.origin.address)` may decide where the gateway sends it, but its \(item.problem.attribute) is \(item.problem.reason)",
                item.origin, [])
        }
        guard let tgwTable = model.associatedTable(of: source) else {
            if let unplaced { return unplaced }
            return hop(
                .fail, ", but \(sourceName) is associated with no transit gateway route table", source.origin, [],
                fix: "associate \(sourceName) with a transit gateway route table that routes \(cidr) "
                    + "(`aws_ec2_transit_gateway_route_table_association`)")
        }
        let tableName = "transit gateway route table `\(tgwTable.origin.address)` (of \(sourceName))"
        let target: (attachment: String?, origin: Origin)
        switch model.decision(in: tgwTable, to: cidr) {
        case .none:
            if let unplaced { return unplaced }
            return hop(
                .fail, ", but \(tableName) has no route or propagation for it", tgwTable.origin, [source.origin],
                fix: "in `\(tgwTable.origin.address)`, add a route to \(cidr) through \(peerName)'s attachment "
                    + "(`aws_ec2_transit_gateway_route`) or a propagation from it "
                    + "(`aws_ec2_transit_gateway_route_table_propagation`)")
        case .route(let static_) where static_.blackhole:
            return hop(
                .fail, ", but \(tableName) drops it: blackhole route `\(static_.origin.address)`", static_.origin,
                [tgwTable.origin], fix: "route \(cidr) to \(peerName)'s attachment instead of a blackhole")
        case .route(let static_):
            target = (static_.attachmentKey, static_.origin)
        case .propagated(let attachment, let origin):
            target = (attachment, origin)
        }
        guard let attachment = model.transitGatewayAttachment(target.attachment),
            let vpc = model.vpc(attachment.vpcKey)
        else {
            return hop(
                .unknown, ", and \(tableName) sends it to an attachment that is not in the inputs", target.origin,
                [tgwTable.origin])
        }
        guard vpc.cidrs.contains(where: { $0.contains(cidr) }) else {
            return hop(
                .fail,
                ", but \(tableName) sends it to \(attachment.origin.environment)'s attachment `\(attachment.origin.address)` (\(vpc.displayName))",
                target.origin, [tgwTable.origin],
                fix: "in `\(tgwTable.origin.address)`, route \(cidr) to \(peerName)'s attachment")
        }
        return Hop(
            kind: kind, status: .pass,
            detail:
                "route table `\(table.origin.address)` routes \(cidr) through \(connectionName), and \(tableName) sends it to \(attachment.origin.environment)'s attachment `\(attachment.origin.address)`",
            origin: route.origin, related: Self.unique([table.origin, tgwTable.origin, target.origin]))
    }

    private static func unique(_ origins: [Origin]) -> [Origin] {
        var seen = Set<Origin>()
        return origins.filter { seen.insert($0).inserted }
    }

    /// An AZ of the source subnets (those using `table`) or of the destination subnets inside `cidr` that
    /// the VPC's attachment has no subnet in: resources there cannot reach the transit gateway.
    private func azProblem(
        source: TransitGatewayAttachment, table: RouteTable, to cidr: CIDR, peerName: String,
        among attachments: [TransitGatewayAttachment]
    ) -> (status: HopStatus, detail: String, origin: Origin, fix: String?)? {
        let sourceSubnets = (table.vpcKey.map { model.subnets(in: $0) } ?? []).filter { subnet in
            table.subnetKeys.contains(subnet.key)
                || (table.isMain && subnet.vpcKey == table.vpcKey && model.subnetRouteTable[subnet.key] == nil)
        }
        var sides = [(source, sourceSubnets)]
        if let destination = attachments.first(where: { attachment in
            attachment.vpcKey != table.vpcKey
                && model.vpc(attachment.vpcKey)?.cidrs.contains(where: { $0.contains(cidr) }) == true
        }) {
            let inside = (destination.vpcKey.map { model.subnets(in: $0) } ?? []).filter { subnet in
                subnet.cidr.map { cidr.contains($0) || $0.contains(cidr) } == true
            }
            sides.append((destination, inside))
        }
        for (attachment, subnets) in sides {
            let covered = attachment.subnetKeys.compactMap { model.subnet($0)?.availabilityZone }
            let name = "\(attachment.origin.environment)'s attachment `\(attachment.origin.address)`"
            guard covered.count == attachment.subnetKeys.count else {
                return (
                    .unknown, ", and the subnets of \(name) are not all in the inputs, so its AZs are unknown",
                    attachment.origin, nil
                )
            }
            for subnet in subnets.sorted(by: { $0.origin < $1.origin }) {
                guard let zone = subnet.availabilityZone, !covered.contains(zone) else { continue }
                return (
                    .fail,
                    ", but \(name) has no subnet in \(zone), where subnet `\(subnet.origin.address)` is: it cannot reach the transit gateway",
                    attachment.origin, "add a subnet in \(zone) to `\(attachment.origin.address)`"
                )
            }
        }
        return nil
    }
}
