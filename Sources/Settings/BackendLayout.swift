import Foundation

/// Names a state file whose own name says nothing (`terraform.tfstate`, `default.tfstate`) by where a
/// Terraform backend keeps it, so a synced state bucket (`aws s3 sync s3://BUCKET states/`) lints as it is.
///
/// The S3 backend (and GCS, azurerm, ... alike) keeps the default workspace's state at `KEY` and every other
/// workspace's at `PREFIX/WORKSPACE/KEY`, `PREFIX` being `workspace_key_prefix` (`env:` unless the backend
/// sets another; https://developer.hashicorp.com/terraform/language/backend/s3). So:
/// - `states/env:/prd/network/terraform.tfstate` is workspace `prd`: environment `prd`;
/// - `states/network/terraform.tfstate` is the default workspace of key `network/terraform.tfstate`:
///   environment `network`, the key's folder below the directory argument (`prd/network` for
///   `states/prd/network/terraform.tfstate`), or, for a file directly in the argument or named on its own,
///   the name of the folder holding it.
/// Several roots of one workspace share its name and are joined as one environment, as roots split over
/// files are; the settings say so in a notice (``RunSettings``).
public struct BackendLayout: Sendable {
    /// `workspace_key_prefix`'s default.
    public static let defaultPrefix = "env:"
    /// File names that say nothing of the environment.
    public static let anonymousNames: Set<String> = ["terraform.tfstate", "default.tfstate"]

    public var prefix: String

    public init(prefix: String = BackendLayout.defaultPrefix) {
        self.prefix = prefix
    }

    /// The environment of the state at `path` (found in the directory argument `root`, if any), or `nil`
    /// when its file name tells it (`dev.tfstate`) and the layout rule does not apply.
    public func environment(of path: String, under root: String?) -> String? {
        let components = path.split(separator: "/").map(String.init).filter { $0 != "." }
        guard let name = components.last, Self.anonymousNames.contains(name) else { return nil }
        let folders = components.dropLast()
        // `PREFIX/WORKSPACE/KEY`: the last PREFIX (one folder or several) with a workspace folder after it.
        let prefixFolders = prefix.split(separator: "/").map(String.init)
        let starts = folders.indices.filter { start in
            start + prefixFolders.count < folders.endIndex
                && Array(folders[start..<(start + prefixFolders.count)]) == prefixFolders
        }
        if !prefixFolders.isEmpty, let start = starts.last { return folders[start + prefixFolders.count] }
        if let root {
            let depth = root.split(separator: "/").filter { $0 != "." }.count
            let below = folders.dropFirst(depth)
            if !below.isEmpty, folders.count >= depth { return below.joined(separator: "/") }
        }
        let parent = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        return parent.isEmpty || parent == "/" ? "default" : parent
    }
}
