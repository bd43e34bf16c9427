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
    package static func model(
        _ documents: [(environment: String, document: TerraformDocument)], _ settings: RunSettings
    ) throws(CheckError) -> NetworkModel {
        let model = NetworkModel(documents: documents, hubSelectors: settings.hubSelectorValues)
        try settings.checkEnvironmentTag(in: model)
        guard !settings.hubSelectors.isEmpty else { return model }
        let resolved = try settings.resolvedHubSelectors(in: model)
        return resolved == settings.hubSelectorValues
            ? model : NetworkModel(documents: documents, hubSelectors: resolved)
    }
}
