import NetworkModel

/// Runs rules over a model and gathers their findings in a stable order.
public struct Linter: Sendable {
    public var rules: [any Rule]
    public var context: RuleContext

    public init(rules: [any Rule], context: RuleContext) {
        self.rules = rules
        self.context = context
    }

    /// Violations and unknowns, each sorted by rule id, environment, address and subject.
    public func run(_ model: NetworkModel) -> (findings: [Finding], unknowns: [Finding]) {
        var all = [Finding]()
        for rule in rules { all += rule.check(model, context) }
        var seen = Set<String>()
        all = all.sorted(by: Finding.ordered).filter { seen.insert($0.fingerprint + "|" + $0.status.rawValue).inserted }
        return (all.filter { $0.status == .violation }, all.filter { $0.status == .unknown })
    }

    /// Current monthly cost of interface endpoints per environment, USD (endpoints without a regional
    /// price count as zero).
    public func endpointCost(_ model: NetworkModel) -> [String: Double] {
        var cost = [String: Double]()
        for input in model.inputs { cost[input.environment] = cost[input.environment] ?? 0 }
        for endpoint in model.endpoints where endpoint.type == .interface && endpoint.isManaged {
            guard let region = endpoint.region,
                let monthly = context.pricing.monthly(azCount: endpoint.azCount, region: region)
            else { continue }
            cost[endpoint.origin.environment, default: 0] += monthly.usd
        }
        return cost
    }
}
