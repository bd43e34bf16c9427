/// A top-level block of a `.tf` file that a finding can point at or a module call can be followed through.
public struct TerraformBlock: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case resource, data, module
    }

    public var kind: Kind
    /// `TYPE NAME` for resources and data sources, `NAME` for a module call.
    public var labels: [String]
    /// 1-based line of the block's keyword.
    public var line: Int
    /// A module call's `source`: the literal string, `nil` when absent or not a plain literal.
    public var moduleSource: String?
}

/// What scanning one file gave: its blocks, and the one problem that stopped it early, if any.
public struct ScannedFile: Sendable {
    public var blocks: [TerraformBlock] = []
    /// e.g. `line 12: unterminated heredoc <<EOF`; blocks before it are kept.
    public var problem: String?
}
