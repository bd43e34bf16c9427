import Foundation

/// The repository under test, for every test target: this file is `<root>/Tests/TestSupport/Repository.swift`.
package enum Repository {
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<root>/<relative>` as a path.
    package static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// Real `terraform show -json` files from public repositories, copied into the repository with their
    /// manifest and licences (`Tests/Corpus/NOTICE.md`).
    package static let publicCorpus = root.appendingPathComponent("Tests/Corpus/public", isDirectory: true)
}
