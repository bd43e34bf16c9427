import LintCore
import NetworkModel

extension ConsolidationPlanner {
    /// Routes both ways, judged with the engine the rules use: the spokes' source tables to the hub CIDRs,
    /// the hub's endpoint (or source) tables to each spoke CIDR.
    func routes(hub: VPC, spokes: [VPC]) -> [ConsolidationPlan.PlannedRoute] {
        let engine = PathEngine(model: model)
        let hubSubnets = model.interfaceEndpoints(in: hub.key).flatMap(\.subnetKeys)
        let hubTables = hubSubnets.isEmpty ? engine.sourceTables(of: hub) : model.routeTables(forSubnets: hubSubnets)
        var routes = [ConsolidationPlan.PlannedRoute]()
        for spoke in spokes {
            let connections = engine.connectionKeys(between: spoke.key, and: hub.key)
            let via = connectionName(connections, spoke: spoke)
            for table in engine.sourceTables(of: spoke) {
                for cidr in hub.cidrs where !cidr.isIPv6 {
                    routes.append(
                        route("spoke->hub", table, cidr, via, connections, peer: hub, engine))
                }
            }
            for table in hubTables {
                for cidr in spoke.cidrs where !cidr.isIPv6 {
                    routes.append(
                        route("hub->spoke", table, cidr, via, connections, peer: spoke, engine))
                }
            }
        }
        return routes
    }

    private func route(
        _ direction: String, _ table: RouteTable, _ cidr: CIDR, _ via: String, _ connections: Set<String>,
        peer: VPC, _ engine: PathEngine
    ) -> ConsolidationPlan.PlannedRoute {
        let hop = engine.routeHop(.forwardRoute, table: table, to: cidr, peer: peer, through: connections)
        // A route through a Cloud WAN core network is kept (a second route to the same destination cannot be
        // added beside it); whether the core network delivers is not read, and the plan says so.
        if case .routeThroughCoreNetwork(_, let arn) = hop.reason {
            return .init(
                direction: direction, table: table.origin, destination: cidr.description,
                via: "Cloud WAN core network \(ModelKey.shown(arn)) (its policy is not read: check that it delivers)",
                exists: true)
        }
        let exists = !connections.isEmpty && hop.status == .pass
        return .init(direction: direction, table: table.origin, destination: cidr.description, via: via, exists: exists)
    }

    private func connectionName(_ connections: Set<String>, spoke: VPC) -> String {
        if let key = connections.sorted().first { return key.hasPrefix("ref:") ? "the existing connection" : key }
        switch via {
        case .peering: return "a new peering \(spoke.origin.environment) <-> hub"
        case .tgw: return "a transit gateway attachment"
        }
    }

    /// TCP 443 from each spoke CIDR on the security groups of the hub's existing endpoints.
    func securityRules(hub: VPC, spokes: [VPC]) -> [ConsolidationPlan.SecurityRule] {
        let engine = PathEngine(model: model)
        let groupKeys = Set(model.interfaceEndpoints(in: hub.key).flatMap(\.securityGroupKeys))
        let groups = groupKeys.sorted().compactMap { model.securityGroup($0) }
        return spokes.flatMap { spoke in
            spoke.cidrs.filter { !$0.isIPv6 }.map { cidr in
                let exists =
                    !groups.isEmpty
                    && engine.securityGroupVerdict(groups, port: 443, from: cidr, sourceVPC: spoke.key) == .pass
                return .init(spoke: spoke.origin.environment, cidr: cidr.description, exists: exists)
            }
        }
    }

    /// Peering: no hourly charge, cross-AZ data per GB. Transit gateway: attachment-hours for the hub and
    /// every spoke, and data processing per GB.
    func counterCosts(_ hub: VPC, _ spokes: [VPC]) -> [ConsolidationPlan.CounterCostLine] {
        var lines = [ConsolidationPlan.CounterCostLine]()
        let hours = pricing.hoursPerMonth
        switch via {
        case .peering:
            if let peering = costs.cost("peering-hour") {
                lines.append(
                    .init(
                        description: "\(spokes.count) VPC peering connection(s): \(peering.note)",
                        monthlyUSD: peering.usd * Double(spokes.count) * hours, perGBUSD: nil, source: peering.source))
            }
            if let crossAZ = costs.cost("cross-az-gb") {
                lines.append(
                    .init(
                        description:
                            "traffic from a spoke AZ where the hub endpoint has no network interface: \(crossAZ.note) (same AZ ID: free)",
                        monthlyUSD: nil, perGBUSD: crossAZ.usd, source: crossAZ.source))
            }
        case .tgw:
            if let attachment = costs.cost("tgw-attachment-hour") {
                let count = spokes.count + 1
                lines.append(
                    .init(
                        description:
                            "\(count) transit gateway attachments (hub + \(spokes.count) spokes) x \(attachment.usd) USD/h x \(Int(hours)) h: \(attachment.note)",
                        monthlyUSD: attachment.usd * Double(count) * hours, perGBUSD: nil, source: attachment.source))
            }
            if let data = costs.cost("tgw-data-gb") {
                lines.append(.init(description: data.note, monthlyUSD: nil, perGBUSD: data.usd, source: data.source))
            }
        }
        if let endpointData = costs.cost("endpoint-data-gb") {
            lines.append(
                .init(
                    description: endpointData.note, monthlyUSD: nil, perGBUSD: endpointData.usd,
                    source: endpointData.source))
        }
        return lines
    }
}
