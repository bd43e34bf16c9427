import LintCore

/// A report format: one type per format, deterministic, escaping for its format.
public protocol Reporter {
    /// The `--format` value, e.g. `json`.
    static var identifier: String { get }
    /// One line for `--help`.
    static var description: String { get }
    /// The whole report for one run, ending in a newline.
    static func report(_ result: LintResult) -> String
}

/// The report formats `--format` accepts.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
    case junit
    case markdown
    case github

    /// The reporter that writes this format.
    public var reporter: any Reporter.Type {
        switch self {
        case .text: return TextReporter.self
        case .json: return JSONReporter.self
        case .sarif: return SARIFReporter.self
        case .junit: return JUnitReporter.self
        case .markdown: return MarkdownReporter.self
        case .github: return GitHubReporter.self
        }
    }
}
