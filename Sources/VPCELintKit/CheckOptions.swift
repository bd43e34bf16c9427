import LintCore
import Output
import Reporters
import Settings

/// The lowest severity that fails a run (`--fail-on`); `never` fails on nothing.
public enum FailThreshold: String, CaseIterable, Sendable {
    case error
    case warning
    case note
    case never

    /// The lowest failing severity, or `nil` for `never`.
    public var minimumSeverity: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .note: return .note
        case .never: return nil
        }
    }
}

/// Everything `vpcelint check` takes besides the shared settings flags.
public struct CheckOptions: Sendable {
    /// Files, directories or `-`; when empty, the paths of `--env`.
    public var paths: [String]
    /// `--config`, `--env`, `--hub`, `--hours-per-month`, `--currency`, `--exchange-rate`.
    public var shared: SharedFlags
    public var format: OutputFormat
    /// `--output FILE` and `--output FORMAT=FILE`, as typed.
    public var outputs: [String]
    /// Colour the text report on standard output (the caller knows whether it is a terminal).
    public var colour: Bool
    /// `--quiet`: text reports hold only the findings and unknowns (no summary, topology or cost table).
    public var quiet: Bool
    public var failOn: FailThreshold
    public var failOnUnknown: Bool
    /// `--fail-on-waste AMOUNT`, in the report currency per month.
    public var failOnWaste: Double?
    /// `--disable`: rule ids or names.
    public var disabledRules: [String]
    /// Suppressions listing, baselines and `--new-only`.
    public var adoption: AdoptionOptions
    /// `--fail-on-empty`: exit 1 when no input holds a VPC or an input holds no resources.
    public var failOnEmpty: Bool
    /// `--list-components`: print the connected components (text, or JSON with `--format json`) instead of
    /// checking.
    public var listComponents = false
    /// `--component N`: check only component N (1-based, as `--list-components` numbers them).
    public var component: Int?

    public init(
        paths: [String], shared: SharedFlags = SharedFlags(), format: OutputFormat = .text, outputs: [String] = [],
        colour: Bool = false, failOn: FailThreshold = .error, failOnUnknown: Bool = false, failOnWaste: Double? = nil,
        disabledRules: [String] = [], adoption: AdoptionOptions = AdoptionOptions(), failOnEmpty: Bool = false,
        quiet: Bool = false
    ) {
        self.quiet = quiet
        self.paths = paths
        self.shared = shared
        self.format = format
        self.outputs = outputs
        self.colour = colour
        self.failOn = failOn
        self.failOnUnknown = failOnUnknown
        self.failOnWaste = failOnWaste
        self.disabledRules = disabledRules
        self.adoption = adoption
        self.failOnEmpty = failOnEmpty
    }
}
