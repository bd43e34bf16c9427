import LintCore
import NetworkModel
import Settings
import TerraformShow

/// Settings -> documents -> model, the same for every command. Every input is read before anything is
/// printed; one unreadable input fails the run.
package enum ModelLoading {
    /// The joined model of the settings' inputs, each resource read from one input
    /// (``InputReconciliation``).
    package static func model(_ settings: RunSettings) throws(CheckError) -> NetworkModel {
        try model(try InputReconciliation.reconcile(try InputLoading.load(settings.inputs)).documents, settings)
    }

    /// The joined model of `documents` with the settings' hubs; a hub selector that matches no VPC is a usage
    /// error (exit 2) naming it. With `environments.by_tag`, a selector may name a tag value: the model is then
    /// built again with the keys of the VPCs carrying it.
    ///
    /// With `inferringTopology` false the model comes without its topology (see
    /// ``NetworkModel/init(documents:hubSelectors:inferringTopology:)``): the caller infers it, after letting
    /// go of the documents' values.
    package static func model(
        _ documents: [(environment: String, document: TerraformDocument)], _ settings: RunSettings,
        inferringTopology: Bool = true
    ) throws(CheckError) -> NetworkModel {
        // The settings' checks read VPCs and their tags only: the topology waits for the hubs they resolve.
        var model = NetworkModel(
            documents: documents, hubSelectors: settings.hubSelectorValues, inferringTopology: false)
        try settings.checkEnvironmentTag(in: model)
        if !settings.hubSelectors.isEmpty {
            let resolved = try settings.resolvedHubSelectors(in: model)
            if resolved != settings.hubSelectorValues {
                model = NetworkModel(documents: documents, hubSelectors: resolved, inferringTopology: false)
            }
        }
        if inferringTopology { model.inferTopologyIfNeeded() }
        return model
    }
}
