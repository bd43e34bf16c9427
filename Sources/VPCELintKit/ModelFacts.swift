import Dispatch
import LintCore
import NetworkModel
import Synchronization

/// What a report needs from the model besides the findings (the topology summary and which VPCs own each
/// resource), computed on another core while the rules run: neither depends on a finding.
final class ModelFacts: Sendable {
    private let model: NetworkModel
    private let done = DispatchGroup()
    private let computed = Mutex<(topology: TopologySummary, owners: ResourceOwners)?>(nil)

    /// Starts computing the facts of `model`.
    init(_ model: NetworkModel) {
        self.model = model
        DispatchQueue.global().async(group: done) { [self] in
            let facts = (topology: TopologySummary(model), owners: ResourceOwners(model))
            computed.withLock { $0 = facts }
        }
    }

    /// The facts, once computed.
    func wait() -> (topology: TopologySummary, owners: ResourceOwners) {
        done.wait()
        return computed.withLock { $0 } ?? (TopologySummary(model), ResourceOwners(model))
    }
}
