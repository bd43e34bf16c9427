import Foundation

/// The repository under test, for every test target: this file is `<root>/Tests/TestSupport/Repository.swift`.
package enum Repository {
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<root>/<relative>` as a path.
    package static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// Real `terraform show -json` files from public repositories. `shared/` sits beside the repository (in CI
    /// too, where the clone lives elsewhere); a clone on its own has none.
    package static let publicCorpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/public")
}
