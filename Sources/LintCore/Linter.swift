import Dispatch
import NetworkModel
import Synchronization

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
        let all = checkAll(model)
        // Indices sort, not findings: a finding is a large value and a merge sort moves each one many times.
        // Equal findings keep the order the rules gave them, as a stable sort of the findings would.
        let order = all.indices.sorted { left, right in
            if Finding.ordered(all[left], all[right]) { return true }
            if Finding.ordered(all[right], all[left]) { return false }
            return left < right
        }
        var seen = Set<String>()
        var findings = [Finding]()
        var unknowns = [Finding]()
        for index in order {
            let finding = all[index]
            guard seen.insert(finding.fingerprint + "|" + finding.status.rawValue).inserted else { continue }
            switch finding.status {
            case .violation: findings.append(finding)
            case .unknown: unknowns.append(finding)
            }
        }
        return (findings, unknowns)
    }

    /// Every rule's findings, in rule order. On a large network the rules run on all cores: each is pure over a
    /// model that no longer changes, and what several share is computed once (``NetworkModel/memoized(_:_:)``).
    /// A small one (a team's environments) runs them in turn: there, starting the workers costs more than the
    /// rules.
    private func checkAll(_ model: NetworkModel) -> [Finding] {
        if model.vpcs.count < NetworkModel.concurrentFromVPCs {
            let context = self.context
            return rules.flatMap { $0.check(model, context) }
        }
        let results = Mutex([[Finding]](repeating: [], count: rules.count))
        let rules = rules
        let context = context
        DispatchQueue.concurrentPerform(iterations: rules.count) { index in
            let found = rules[index].check(model, context)
            results.withLock { $0[index] = found }
        }
        return results.withLock { $0.flatMap { $0 } }
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
