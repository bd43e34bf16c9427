/// The transit gateway side of a route hop: a VPC route to a transit gateway only delivers when the
/// gateway's route table for the source attachment sends the destination on to the destination VPC's
/// attachment, and when both ends sit in AZs the attachments cover.
/// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html,
/// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
extension PathEngine {
    func transitGatewayHop(_ kind: HopKind, leg: RouteLeg, table: RouteTable, route: Route, gateway: String) -> Hop {
        let cidr = leg.destination
        func hop(_ status: HopStatus, _ verdict: TransitGatewayVerdict, _ origin: Origin, _ related: [Origin]) -> Hop {
            Hop(
                kind: kind, status: status, reason: .transitGateway(leg, verdict), origin: origin,
                related: Self.unique([table.origin, route.origin] + related))
        }
        let attachments = model.memoized("PathEngine.gatewayAttachments|" + gateway) { model in
            GatewayAttachments(model.attachments(of: gateway), model: model)
        }
        guard let source = attachments.first(in: table.vpcKey) else {
            return hop(.fail, .noAttachment, table.origin, [])
        }
        if let problem = azProblem(source: source, table: table, to: cidr, among: attachments) {
            return hop(problem.status, problem.verdict, problem.origin, [])
        }
        guard model.holdsRouting(ofGateway: gateway) else {
            return hop(.unknown, .gatewayNotInInputs, source.origin, [])
        }
        // A route, association or propagation a plan cannot place may be the one that delivers.
        let unplaced = model.unplacedTransitGatewayItems.first.map { item in
            hop(.unknown, .unplacedItem(item: item.origin, problem: item.problem), item.origin, [])
        }
        guard let tgwTable = model.associatedTable(of: source) else {
            if let unplaced { return unplaced }
            return hop(.fail, .noAssociation(source: source.origin), source.origin, [])
        }
        let target: (attachment: String?, origin: Origin)
        switch model.decision(in: tgwTable, to: cidr) {
        case .none:
            if let unplaced { return unplaced }
            return hop(
                .fail, .noRoute(table: tgwTable.origin, source: source.origin), tgwTable.origin, [source.origin])
        case .route(let static_) where static_.blackhole:
            return hop(
                .fail, .blackhole(table: tgwTable.origin, source: source.origin, route: static_.origin),
                static_.origin, [tgwTable.origin])
        case .route(let static_):
            target = (static_.attachmentKey, static_.origin)
        case .propagated(let attachment, let origin):
            target = (attachment, origin)
        }
        guard let attachment = model.transitGatewayAttachment(target.attachment),
            let vpc = model.vpc(attachment.vpcKey)
        else {
            return hop(
                .unknown, .attachmentNotInInputs(table: tgwTable.origin, source: source.origin), target.origin,
                [tgwTable.origin])
        }
        guard vpc.cidrs.contains(where: { $0.contains(cidr) }) else {
            // An inspection VPC: its appliances hand the traffic back to the gateway, whose route table for that
            // attachment sends it on; the appliances' rules are not in the model, so neither is the outcome.
            if attachment.applianceMode == true {
                return inspectionHop(
                    cidr, table: tgwTable, source: source, inspection: attachment, inspectionVPC: vpc,
                    decidedBy: target.origin, unplaced: unplaced, hop: hop)
            }
            return hop(
                .fail,
                .wrongAttachment(
                    table: tgwTable.origin, source: source.origin, target: attachment.origin, targetVPC: vpc.displayName
                ),
                target.origin, [tgwTable.origin])
        }
        return Hop(
            kind: kind, status: .pass,
            reason: .transitGateway(
                leg, .delivered(table: tgwTable.origin, source: source.origin, target: attachment.origin)),
            origin: route.origin, related: Self.unique([table.origin, tgwTable.origin, target.origin]))
    }

    /// Traffic the gateway sends to an inspection VPC's attachment: the appliances hand it back, and the
    /// inspection attachment's own gateway route table sends it on. When that table does not deliver `cidr` to
    /// the VPC that holds it, the path fails there; when it does, what the appliances forward is still not read.
    private func inspectionHop(
        _ cidr: CIDR, table: TransitGatewayRouteTable, source: TransitGatewayAttachment,
        inspection: TransitGatewayAttachment, inspectionVPC: VPC, decidedBy: Origin, unplaced: Hop?,
        hop: (HopStatus, TransitGatewayVerdict, Origin, [Origin]) -> Hop
    ) -> Hop {
        let through = (table: table.origin, source: source.origin, inspection: inspection.origin)
        func stops(_ onward: Origin?, at origin: Origin) -> Hop {
            if let unplaced { return unplaced }
            return hop(
                .fail,
                .inspectionStops(
                    table: through.table, source: through.source, inspection: through.inspection,
                    inspectionVPC: inspectionVPC.displayName, onward: onward),
                origin, [through.table, through.inspection])
        }
        guard let onward = model.associatedTable(of: inspection) else {
            return stops(nil, at: inspection.origin)
        }
        let next: String?
        switch model.decision(in: onward, to: cidr) {
        case .none: return stops(onward.origin, at: onward.origin)
        case .route(let route) where route.blackhole: return stops(onward.origin, at: route.origin)
        case .route(let route): next = route.attachmentKey
        case .propagated(let attachment, _): next = attachment
        }
        // Onward to the VPC that holds the destination, or to one the inputs do not hold: the appliances decide.
        if let delivered = model.transitGatewayAttachment(next), let vpc = model.vpc(delivered.vpcKey),
            !vpc.cidrs.contains(where: { $0.contains(cidr) })
        {
            return stops(onward.origin, at: onward.origin)
        }
        return hop(
            .unknown,
            .throughInspection(
                table: through.table, source: through.source, inspection: through.inspection,
                inspectionVPC: inspectionVPC.displayName),
            decidedBy, [through.table, through.inspection, onward.origin])
    }

    static func unique(_ origins: [Origin]) -> [Origin] {
        // A hop names a few: compared in place, without hashing their strings into a set.
        guard origins.count > 8 else {
            var result = [Origin]()
            result.reserveCapacity(origins.count)
            for origin in origins where !result.contains(origin) { result.append(origin) }
            return result
        }
        var seen = Set<Origin>()
        return origins.filter { seen.insert($0).inserted }
    }

    /// An AZ of the source subnets (those using `table`) or of the destination subnets inside `cidr` that
    /// the VPC's attachment has no subnet in: resources there cannot reach the transit gateway.
    private func azProblem(
        source: TransitGatewayAttachment, table: RouteTable, to cidr: CIDR,
        among attachments: GatewayAttachments
    ) -> (status: HopStatus, verdict: TransitGatewayVerdict, origin: Origin)? {
        let sourceSubnets = (table.vpcKey.map { model.subnets(in: $0) } ?? []).filter { subnet in
            table.subnetKeys.contains(subnet.key)
                || (table.isMain && subnet.vpcKey == table.vpcKey && model.subnetRouteTable[subnet.key] == nil)
        }
        var sides = [(source, sourceSubnets)]
        if let destination = attachments.first(containing: cidr, outside: table.vpcKey) {
            let inside = (destination.vpcKey.map { model.subnets(in: $0) } ?? []).filter { subnet in
                subnet.cidr.map { cidr.contains($0) || $0.contains(cidr) } == true
            }
            sides.append((destination, inside))
        }
        for (attachment, subnets) in sides {
            let covered = attachment.subnetKeys.compactMap { model.availabilityZone(ofSubnet: $0) }
            guard covered.count == attachment.subnetKeys.count else {
                return (.unknown, .attachmentSubnetsUnknown(attachment: attachment.origin), attachment.origin)
            }
            // The first by origin of the subnets in an AZ the attachment does not cover.
            let uncovered = subnets.filter { subnet in subnet.availabilityZone.map { !covered.contains($0) } ?? false }
            if let subnet = uncovered.min(by: { $0.origin < $1.origin }), let zone = subnet.availabilityZone {
                return (
                    .fail, .attachmentMissingAZ(attachment: attachment.origin, zone: zone, subnet: subnet.origin),
                    attachment.origin
                )
            }
        }
        return nil
    }
}

/// One transit gateway's attachments (in model order), indexed for the lookups of every route hop through it:
/// a gateway with n attachments answers each hop in O(log n), not by walking its attachments.
struct GatewayAttachments: Sendable {
    let attachments: [TransitGatewayAttachment]
    /// The first attachment of each VPC.
    private let firstByVPC: [String: Int]
    /// The CIDRs of each attachment's VPC, with the attachment's offset.
    private let byCIDR: CIDRIndex<Int>

    init(_ attachments: [TransitGatewayAttachment], model: NetworkModel) {
        self.attachments = attachments
        var firstByVPC = [String: Int]()
        var entries = [(cidr: CIDR, value: Int)]()
        for (offset, attachment) in attachments.enumerated() {
            guard let vpcKey = attachment.vpcKey else { continue }
            if firstByVPC[vpcKey] == nil { firstByVPC[vpcKey] = offset }
            entries += (model.vpc(vpcKey)?.cidrs ?? []).map { ($0, offset) }
        }
        self.firstByVPC = firstByVPC
        byCIDR = CIDRIndex(entries)
    }

    /// The first attachment of `vpcKey`.
    func first(in vpcKey: String?) -> TransitGatewayAttachment? {
        vpcKey.flatMap { firstByVPC[$0] }.map { attachments[$0] }
    }

    /// The first attachment of a VPC other than `vpcKey` one of whose CIDRs contains `cidr`.
    func first(containing cidr: CIDR, outside vpcKey: String?) -> TransitGatewayAttachment? {
        byCIDR.containing(cidr).flatMap(\.values).filter { attachments[$0].vpcKey != vpcKey }.min().map {
            attachments[$0]
        }
    }
}
