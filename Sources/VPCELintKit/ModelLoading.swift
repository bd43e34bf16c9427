import NetworkModel
import TerraformShow

/// Inputs -> documents -> model, for the commands that need the joined network but no rules (`trace`,
/// `consolidate`). Every input is read before anything is printed; one unreadable input fails the run.
package enum ModelLoading {
    /// The joined model of `paths` (files, directories or `-`), named by `environments`, with `hubSelectors`.
    package static func model(
        paths: [String], environments: [EnvironmentAssignment], hubSelectors: [String]
    ) throws(CheckError) -> NetworkModel {
        let inputs = try InputExpansion.expand(paths: paths, environments: environments)
        let documents = try InputLoading.load(inputs)
        return NetworkModel(documents: documents, hubSelectors: hubSelectors)
    }
}
