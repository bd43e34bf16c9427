/// The options of `vpcelint check` for adopting it on an existing estate: suppressions, baselines and
/// plan-diff mode.
public struct AdoptionOptions: Sendable, Equatable {
    /// `--show-suppressed`: list suppressed findings in the report (they are always counted).
    public var showSuppressed: Bool
    /// `--baseline FILE`: findings it lists are not reported as new.
    public var baselinePath: String?
    /// `--write-baseline FILE`: record the run's findings.
    public var writeBaselinePath: String?
    /// `--new-only`: report only what the plans add.
    public var newOnly: Bool

    public init(
        showSuppressed: Bool = false, baselinePath: String? = nil, writeBaselinePath: String? = nil,
        newOnly: Bool = false
    ) {
        self.showSuppressed = showSuppressed
        self.baselinePath = baselinePath
        self.writeBaselinePath = writeBaselinePath
        self.newOnly = newOnly
    }
}
