import LintCore
import NetworkModel

/// What a report needs from the model besides the findings (the topology summary and which VPCs own each
/// resource), computed on another core while the rules run: neither depends on a finding.
final class ModelFacts: Sendable {
    private let computing: Background<(topology: TopologySummary, owners: ResourceOwners), Never>

    /// Starts computing the facts of `model`.
    init(_ model: NetworkModel) {
        computing = Background { (topology: TopologySummary(model), owners: ResourceOwners(model)) }
    }

    /// The facts, once computed.
    func wait() -> (topology: TopologySummary, owners: ResourceOwners) {
        computing.value()
    }
}
