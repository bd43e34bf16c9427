import LintCore
import NetworkModel

/// Builds a ``ConsolidationPlan`` from the model: the hub keeps one copy of every interface service at the
/// largest AZ count among the copies (the copy duplicate-interface-endpoint keeps), so the plan's savings are
/// that rule's.
public struct ConsolidationPlanner: Sendable {
    public var model: NetworkModel
    public var pricing: Pricing
    public var via: ConsolidationVia
    public var costs: CounterCostTable = .builtIn

    public init(model: NetworkModel, pricing: Pricing, via: ConsolidationVia, costs: CounterCostTable = .builtIn) {
        self.model = model
        self.pricing = pricing
        self.via = via
        self.costs = costs
    }

    /// The plan; an error when the inputs hold no managed interface endpoint, or no VPC besides the hub.
    public func plan() throws(CheckError) -> ConsolidationPlan {
        let copies = model.endpoints.filter { $0.type == .interface && $0.isManaged && $0.vpcKey != nil }
        guard !copies.isEmpty else {
            throw CheckError("no managed interface endpoints in the inputs: nothing to consolidate")
        }
        let hub = try chooseHub(copies)
        let participants = Set([hub.key] + copies.compactMap(\.vpcKey) + spokeKeys(of: hub))
        let spokes = model.vpcs.filter { participants.contains($0.key) && $0.key != hub.key && $0.isManaged }
            .sorted { $0.origin < $1.origin }
        guard !spokes.isEmpty else {
            throw CheckError(
                "only \(hub.origin.environment) (`\(hub.origin.address)`) holds interface endpoints and no other VPC of "
                    + "the inputs reaches it: nothing to consolidate; give the files of every environment")
        }
        let groups = Dictionary(grouping: copies.filter { participants.contains($0.vpcKey ?? "") }) {
            "\($0.region ?? "")|\($0.service)"
        }
        var endpoints = [ConsolidationPlan.HubEndpoint]()
        var deletions = [ConsolidationPlan.Deletion]()
        var before = 0.0
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let azCount = group.map(\.azCount).max() ?? 1
            let region = group[0].region ?? ""
            let own = group.first { $0.vpcKey == hub.key }
            endpoints.append(
                .init(
                    service: group[0].service, region: region, azCount: azCount, existing: own?.origin,
                    monthlyUSD: monthly(azCount, region)))
            for copy in group {
                before += monthly(copy.azCount, region) ?? 0
                guard copy.vpcKey != hub.key else { continue }
                deletions.append(
                    .init(
                        origin: copy.origin, service: copy.service, azCount: copy.azCount,
                        monthlyUSD: monthly(copy.azCount, region)))
            }
        }
        let after = endpoints.compactMap(\.monthlyUSD).reduce(0, +)
        let profile = profileDesign(endpoints, hub: hub, spokes: spokes)
        return ConsolidationPlan(
            hub: hub, spokes: spokes, via: via, endpoints: endpoints,
            zones: profile == nil ? zones(endpoints, hub: hub, spokes: spokes) : [], profile: profile,
            routes: routes(hub: hub, spokes: spokes), securityRules: securityRules(hub: hub, spokes: spokes),
            deletions: deletions.sorted { $0.origin < $1.origin }, counterCosts: counterCosts(hub, spokes),
            beforeUSD: before, afterUSD: after, pricing: pricing)
    }

    private func monthly(_ azCount: Int, _ region: String) -> Double? {
        pricing.monthly(azCount: azCount, region: region)?.usd
    }

    /// `--hub`, else an existing hub, else the VPC that keeps the most copies duplicate-interface-endpoint
    /// would keep (most AZs, then input order).
    private func chooseHub(_ copies: [Endpoint]) throws(CheckError) -> VPC {
        // The VPCs link to a hub the inputs do not hold: planning a hub among them would ignore it.
        if model.hubs.isEmpty, let outside = model.topology.outsideHubs.first {
            let spokes = outside.spokes.map(\.origin.environment).joined(separator: ", ")
            throw CheckError(
                "the VPCs of \(spokes) are spokes of hub \(outside.key), which is outside the inputs: add its state or plan to the inputs (or --hub a VPC of them) to plan a consolidation"
            )
        }
        if !model.hubSelectors.isEmpty || !model.hubs.isEmpty {
            guard let hub = model.hubs.first?.vpc else {
                throw CheckError("--hub \(model.hubSelectors.joined(separator: ", ")): no such VPC in the inputs")
            }
            return hub
        }
        let groups = Dictionary(grouping: copies) { "\($0.region ?? "")|\($0.service)" }
        var kept = [String: Int]()
        for group in groups.values {
            let keeper = group.min { ($1.azCount, $0.origin) < ($0.azCount, $1.origin) }!
            kept[keeper.vpcKey!, default: 0] += 1
        }
        let best = kept.sorted { lhs, rhs in
            guard lhs.value == rhs.value else { return lhs.value > rhs.value }
            return (model.vpc(lhs.key)?.origin.address ?? lhs.key, lhs.key)
                < (model.vpc(rhs.key)?.origin.address ?? rhs.key, rhs.key)
        }.first
        guard let key = best?.key, let vpc = model.vpc(key) else {
            throw CheckError("the VPCs of the interface endpoints are not in the inputs")
        }
        return vpc
    }

    private func spokeKeys(of hub: VPC) -> [String] {
        model.hubs.first { $0.vpc.key == hub.key }?.spokes.map(\.vpc.key) ?? []
    }

    /// A hub whose interface endpoints a Route 53 Profile carries keeps that design: the profile must carry
    /// every service and be associated with every spoke. `nil` when no profile carries a hub endpoint.
    private func profileDesign(_ endpoints: [ConsolidationPlan.HubEndpoint], hub: VPC, spokes: [VPC])
        -> ConsolidationPlan.ProfileDesign?
    {
        guard !model.profileResources.isEmpty else { return nil }
        let hubEndpoints = model.interfaceEndpoints(in: hub.key)
        let carried = hubEndpoints.flatMap { model.profileResources(carrying: $0.key) }
        guard let profileKey = carried.first?.profileKey else { return nil }
        let services = Set(
            hubEndpoints.filter { endpoint in
                model.profileResources(carrying: endpoint.key).contains { $0.profileKey == profileKey }
            }.map(\.service))
        return .init(
            name: model.profileName(profileKey), profile: model.profile(profileKey)?.origin,
            services: endpoints.map { ($0.service, $0.existing != nil && services.contains($0.service)) },
            spokes: spokes.map { spoke in
                (
                    spoke.origin.environment, spoke.key,
                    model.profileAssociations(of: spoke.key).contains { $0.profileKey == profileKey }
                )
            })
    }

    private func zones(_ endpoints: [ConsolidationPlan.HubEndpoint], hub: VPC, spokes: [VPC])
        -> [ConsolidationPlan.Zone]
    {
        endpoints.map { endpoint in
            let dns = ServiceCatalog.builtIn.dns(for: endpoint.service)
            let name = dns.zoneName(region: endpoint.region)
            var records = [String]()
            if dns.needsApex { records.append(name) }
            if dns.needsWildcard { records.append("*." + name) }
            let existing = model.zones.first { $0.isPrivate && $0.name == name && $0.vpcKeys.contains(hub.key) }
            return .init(
                service: endpoint.service, name: name, records: records, existing: existing?.origin,
                associations: ([hub] + spokes).map(\.origin.environment))
        }
    }
}
