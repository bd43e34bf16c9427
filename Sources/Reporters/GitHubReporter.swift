import LintCore

/// GitHub Actions workflow commands, so findings show as annotations on the run and the pull request
/// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions): one line per finding,
/// `::error`, `::warning` or `::notice` by severity, with `file=` (the input) and `title=` (rule, environment
/// and address); unknown checks are notices; a last `::notice` states the totals, the price table and the
/// configuration file.
/// Every value is escaped with ``WorkflowCommand``, so no input can end a command or forge another.
public enum GitHubReporter: Reporter {
    public static let identifier = "github"
    public static let description = "GitHub Actions workflow commands (::error file=...::), inline annotations"

    public static func report(_ result: LintResult) -> String {
        var lines = result.findings.map { command($0, result) }
        lines += result.unknowns.map { command($0, result) }
        lines.append(summary(result))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func command(_ finding: Finding, _ result: LintResult) -> String {
        let unknown = finding.status == .unknown
        let level: String
        switch finding.severity {
        case _ where unknown: level = "notice"
        case .error: level = "error"
        case .warning: level = "warning"
        case .note: level = "notice"
        }
        let title =
            (unknown ? "unknown: " : "") + "\(finding.ruleID) \(finding.ruleName) (\(finding.location.environment)) "
            + finding.location.address
        var message = finding.message
        if unknown, !finding.subject.isEmpty { message += "\nunknown: " + finding.subject }
        message += "\nfix: " + finding.remediation
        if let savings = finding.savings, let money = result.savings(of: finding).map(MoneyText.format) {
            message += "\nsaves: \(money)/month (\(savings.formula))"
        }
        return "::\(level) \(place(finding, result.locations)),"
            + "title=\(WorkflowCommand.escapeProperty(title))::\(WorkflowCommand.escapeData(message))"
    }

    /// `file=` the `.tf` file with `line=` of the resource's block when `--source` mapped it, else the input;
    /// relative to the repository root (GitHub resolves it there) when the run knows it.
    private static func place(_ finding: Finding, _ locations: ReportLocations) -> String {
        let source = locations.sources[finding.location]
        let path = source?.file ?? finding.location.path
        let file = locations.repositoryPath(path) ?? ReportPath.normalized(path)
        return "file=\(WorkflowCommand.escapeProperty(file))" + (source.map { ",line=\($0.line)" } ?? "")
    }

    private static func summary(_ result: LintResult) -> String {
        let pricing = result.pricing
        let savings = MoneyText.format(result.monthlySavings)
        let cost = MoneyText.format(result.monthlyEndpointCost)
        let message =
            "\(result.findings.count) finding\(result.findings.count == 1 ? "" : "s"), "
            + "\(result.unknowns.count) unknown; interface endpoints cost \(cost)/month, estimated avoidable "
            + "\(savings)/month (\(JSONNode.format(pricing.hoursPerMonth)) h/month; "
            + PriceTableCitation.line(pricing) + "); configuration: " + (result.configurationPath ?? "none")
        return "::notice title=\(WorkflowCommand.escapeProperty("\(result.toolName) \(result.toolVersion)"))::"
            + WorkflowCommand.escapeData(message)
    }
}
