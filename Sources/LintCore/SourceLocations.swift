import NetworkModel

/// A place in a Terraform source file: the first line of a `resource`/`data` block.
public struct BlockLocation: Sendable, Hashable {
    /// The `.tf` file, as the run reached it (lexically normalized, relative when its `--source` was).
    public var file: String
    /// 1-based.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = max(1, line)
    }
}

/// Where a report points: the `.tf` line of each resource `--source` mapped, and every path (inputs and
/// `.tf` files) relative to the repository root, the `%SRCROOT%` of SARIF's URIs.
public struct ReportLocations: Sendable {
    /// The repository root as an absolute path (the first directory from the current one up with a `.git`
    /// entry, else the current directory); `nil` when the report is not made by a run (library tests).
    public var repositoryRoot: String?
    /// A path as the run reached it -> relative to ``repositoryRoot``; a path outside it is absent.
    public var repositoryPaths: [String: String] = [:]
    /// Resource origin -> its block in the Terraform source.
    public var sources: [Origin: BlockLocation] = [:]

    public init(repositoryRoot: String? = nil) {
        self.repositoryRoot = repositoryRoot
    }

    /// `path` relative to the repository root, when the run resolved it there.
    public func repositoryPath(_ path: String) -> String? { repositoryPaths[path] }
}
