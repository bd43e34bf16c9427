import LintCore
import NetworkModel
import Reporters
import TerraformShow

/// `--list-components` and `--component N`: the connected components of the inputs, and the inputs of one.
///
/// A component run loads every input it is given (numbering needs all of them; the loader keeps values of
/// the network types only), finds the components on the joined model, then keeps the resources of component
/// N and the shared ones (those naming no component's IDs: prefix lists, non-network resources) and builds
/// the model again from them alone, so the rules run over that component only. Inputs holding only other
/// components' resources are left out of the run and its report.
package struct ComponentScope {
    package var components: NetworkComponents
    /// Per input path: the component indexes its resources belong to.
    private var componentsByPath: [String: Set<Int>] = [:]

    package init(_ model: NetworkModel, _ documents: [(environment: String, document: TerraformDocument)]) {
        components = model.components()
        for (_, document) in documents {
            var found = Set<Int>()
            for resource in document.resources + (document.priorResources ?? []) {
                found.formUnion(components.components(of: resource, at: document.path))
            }
            componentsByPath[document.path, default: []].formUnion(found)
        }
    }

    /// The listing `--list-components` prints; each component's inputs are the ones ``scoped(_:to:)`` keeps
    /// for it besides the shared inputs.
    package func listing() -> ComponentListing {
        let listed = components.components.map { component in
            var component = component
            component.paths = componentsByPath.filter { $0.value.contains(component.number - 1) }.keys.sorted()
            return component
        }
        return ComponentListing(
            components: listed, sharedInputs: componentsByPath.filter { $0.value.isEmpty }.keys.sorted())
    }

    /// Checks `--component N` against the components of these inputs (exit 2 when out of range).
    package func index(of number: Int) throws(CheckError) -> Int {
        let count = components.components.count
        guard number >= 1, number <= count else {
            throw CheckError(
                "--component \(number): the inputs hold \(count) component\(count == 1 ? "" : "s")"
                    + (count == 0 ? " (no VPC)" : " (1-\(count))") + "; see vpcelint check --list-components")
        }
        return number - 1
    }

    /// The inputs of component `index`: documents holding its resources or no component's, each with its
    /// resources and the shared ones only.
    package func scoped(
        _ documents: [(environment: String, document: TerraformDocument)], to index: Int
    ) -> [(environment: String, document: TerraformDocument)] {
        documents.compactMap { input in
            let found = componentsByPath[input.document.path] ?? []
            guard found.isEmpty || found.contains(index) else { return nil }
            var document = input.document
            let path = document.path
            let keep = { (resource: Resource) -> Bool in
                let owners = components.components(of: resource, at: path)
                return owners.isEmpty || owners.contains(index)
            }
            document.resources = document.resources.filter(keep)
            document.priorResources = document.priorResources?.filter(keep)
            return (input.environment, document)
        }
    }
}
