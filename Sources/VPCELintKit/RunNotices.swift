import LintCore
import NetworkModel
import Settings
import TerraformShow

/// What a report must say besides its findings: inputs that hold nothing (a CI job that lost them passes
/// silently otherwise; `--fail-on-empty` fails it), hubs outside the inputs, spokes only seen through data
/// sources, selected hubs nothing links to.
enum RunNotices {
    /// The notices of a run over `documents` (as loaded, before reconciliation) and `model`, and whether
    /// the input set is empty: no VPC in any input, or an input with no resources.
    static func of(
        _ model: NetworkModel, _ documents: [(environment: String, document: TerraformDocument)],
        _ settings: RunSettings
    ) -> (notices: [String], isEmptyInput: Bool) {
        var notices = [String]()
        for (_, document) in documents where document.resourceCount == 0 {
            notices.append("\(document.path): the \(document.kind.rawValue) holds no resources")
        }
        if model.vpcs.isEmpty { notices.append("no VPC in any input: no hub, spoke or endpoint was checked") }
        let isEmptyInput = !notices.isEmpty
        for hub in model.topology.outsideHubs {
            notices.append(
                "hub \(hub.key) is outside the inputs: \(hub.spokes.count) VPC(s) of the inputs link to it, and "
                    + "the checks that need it are unknown; lint its state or plan with them")
        }
        // A spoke known only from the hub's data sources: what only its own state shows is not checked.
        for hub in model.hubs {
            let unseen = hub.spokes.filter { !$0.vpc.isManaged }
            guard !unseen.isEmpty else { continue }
            let named = unseen.prefix(5).map { "\($0.vpc.displayName) \(ModelKey.shown($0.vpc.key))" }.joined(
                separator: ", ")
            let more = unseen.count > 5 ? " and \(unseen.count - 5) more" : ""
            notices.append(
                "hub \(hub.vpc.origin.environment) \(hub.vpc.key): \(unseen.count) spoke(s) are in the inputs only as "
                    + "data sources (\(named)\(more)): their route tables, DNS settings and own endpoints are not, so "
                    + "the spoke-side checks are not made for them; lint their states or plans with the hub's")
        }
        for hub in model.hubs where hub.spokes.isEmpty && !model.hubSelectors.isEmpty {
            let source = settings.hubSelectors.first { model.matches($0.value, hub.vpc) }?.source ?? "hubs"
            notices.append(
                "hub \(hub.vpc.origin.environment) \(hub.vpc.key), selected by \(source): nothing in the inputs "
                    + "links a VPC to it (an active peering, a routed transit gateway or a private hosted zone of "
                    + "its endpoints), so no spoke is checked against it")
        }
        notices += crossRegion(model)
        notices += unpriced(model, settings.pricing)
        return (notices, isEmptyInput)
    }

    /// Spokes in another Region than their hub: the hub's endpoints answer its own Region's names, which the
    /// checks follow; a client that calls its own Region's name (the SSM agent, the `awslogs` driver by default)
    /// does not reach the hub at all, which no check can see. One notice per hub.
    static func crossRegion(_ model: NetworkModel) -> [String] {
        model.hubs.compactMap { hub in
            guard let region = hub.vpc.region else { return nil }
            let away = hub.spokes.filter { $0.vpc.region.map { $0 != region } ?? false }
            guard !away.isEmpty else { return nil }
            let named = away.prefix(5).map { "\($0.vpc.displayName) (\($0.vpc.region ?? ""))" }.joined(separator: ", ")
            let more = away.count > 5 ? " and \(away.count - 5) more" : ""
            return
                "hub \(hub.vpc.origin.environment) \(hub.vpc.key) is in \(region), \(away.count) of its spokes in another "
                + "Region (\(named)\(more)): the checks follow the hub's names (`ssm.\(region).amazonaws.com`); clients "
                + "that call their own Region's names (the SSM agent, the awslogs driver by default) do not use the hub, "
                + "and need endpoints in their Region"
        }
    }

    /// Interface endpoints the price table cannot price (their Region has no row, or the inputs do not tell
    /// their Region): the cost table counts them as 0 and no finding estimates savings for them, which a
    /// report must say rather than show 0 as a price. One notice per Region.
    static func unpriced(_ model: NetworkModel, _ pricing: Pricing) -> [String] {
        var byRegion = [String: (count: Int, environments: Set<String>)]()
        for endpoint in model.endpoints where endpoint.type == .interface && endpoint.isManaged {
            let region = endpoint.region ?? ""
            guard region.isEmpty || pricing.hourly(region: region) == nil else { continue }
            byRegion[region, default: (0, [])].count += 1
            byRegion[region, default: (0, [])].environments.insert(endpoint.origin.environment)
        }
        let known = pricing.table.regions.keys.sorted().joined(separator: ", ")
        return byRegion.keys.sorted().map { region in
            let (count, environments) = byRegion[region] ?? (0, [])
            let which = "\(count) interface endpoint(s) (in \(environments.sorted().joined(separator: ", ")))"
            let effect = "counted as 0 in the cost table, and no savings are estimated for them"
            guard !region.isEmpty else {
                return "the Region of \(which) cannot be told from the inputs (no region, ARN, subnet availability "
                    + "zone or service name says it): \(effect)"
            }
            return "no interface endpoint price for \(region) in Rules/data/prices.json: \(which) are \(effect); "
                + "`region:` in .vpcelint.yml prices them as a Region of the table (\(known))"
        }
    }
}
