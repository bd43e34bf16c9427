/// The options of `vpcelint check` for adopting it on an existing estate: configuration, suppressions,
/// baselines and plan-diff mode.
public struct AdoptionOptions: Sendable, Equatable {
    /// `--config FILE`; without it `.vpcelint.yml` in the current directory, when there is one.
    public var configPath: String?
    /// Look for `.vpcelint.yml` in the current directory when `configPath` is nil.
    public var searchesForConfiguration: Bool
    /// `--show-suppressed`: list suppressed findings in the report (they are always counted).
    public var showSuppressed: Bool
    /// `--baseline FILE`: findings it lists are not reported as new.
    public var baselinePath: String?
    /// `--write-baseline FILE`: record the run's findings.
    public var writeBaselinePath: String?
    /// `--new-only`: report only what the plans add.
    public var newOnly: Bool

    public init(
        configPath: String? = nil, searchesForConfiguration: Bool = false, showSuppressed: Bool = false,
        baselinePath: String? = nil, writeBaselinePath: String? = nil, newOnly: Bool = false
    ) {
        self.configPath = configPath
        self.searchesForConfiguration = searchesForConfiguration
        self.showSuppressed = showSuppressed
        self.baselinePath = baselinePath
        self.writeBaselinePath = writeBaselinePath
        self.newOnly = newOnly
    }
}
