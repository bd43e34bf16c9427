import LintCore

/// The human report: findings grouped by environment, unknowns apart, then the monthly endpoint cost and
/// savings per environment in the report currency. Everything that came from an input is stripped of
/// terminal control characters.
public enum TextReporter: Reporter {
    public static let identifier = "text"
    public static let description = "human-readable, grouped by environment, savings table last"

    public static func report(_ result: LintResult) -> String {
        report(result, colour: false)
    }

    /// The report with ANSI colours when `colour` is true (the caller decides: `--color`, a terminal, no
    /// NO_COLOR). `quiet` (`--quiet`) keeps only the findings and the unknowns: no header, inputs, topology,
    /// notices, suppressions or cost table, and nothing at all when there is neither.
    public static func report(_ result: LintResult, colour: Bool, quiet: Bool = false) -> String {
        let style = Style(enabled: colour)
        var lines = quiet ? [] : header(result, style)
        for (environment, findings) in grouped(result.findings) {
            lines.append("")
            lines.append(style.bold(clean(environment)))
            for finding in findings { lines += render(finding, result, style) }
        }
        if quiet {
            lines += unknownLines(result, style)
            return lines.isEmpty ? "" : lines.dropFirst().joined(separator: "\n") + "\n"
        }
        if result.findings.isEmpty {
            lines.append("")
            lines.append("No findings.")
        }
        lines += unknownLines(result, style)
        lines += adoptionLines(result, style)
        lines.append("")
        lines += savingsTable(result, style)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The unknowns after a blank line, or nothing when there are none.
    private static func unknownLines(_ result: LintResult, _ style: Style) -> [String] {
        guard !result.unknowns.isEmpty else { return [] }
        var lines = [
            "", style.bold("Unknown (the inputs do not decide these checks; each says why): \(result.unknowns.count)"),
        ]
        for finding in result.unknowns { lines += render(finding, result, style) }
        return lines
    }

    private static func header(_ result: LintResult, _ style: Style) -> [String] {
        var lines = [
            style.bold("\(result.toolName) \(result.toolVersion)") + ": "
                + [
                    count(result.inputs.count, "input"), count(result.findings.count, "finding"),
                    count(result.unknowns.count, "unknown"),
                ].joined(separator: ", ")
        ]
        for input in result.inputs {
            let version = input.formatVersion.map { " \(clean($0))" } ?? ""
            let superseded =
                input.supersededResources == 0
                ? ""
                : ", \(input.supersededResources) superseded by "
                    + input.supersededBy.map(clean).joined(separator: ", ")
            lines.append(
                style.dim(
                    "  \(clean(input.path)): \(clean(input.environment)), \(input.kind)\(version), "
                        + count(input.resources, "resource") + superseded))
        }
        for skipped in result.skippedInputs {
            lines.append(style.dim("  \(clean(skipped.path)): skipped, \(clean(skipped.reason))"))
        }
        lines.append(style.dim("  configuration: " + (result.configurationPath.map(clean) ?? "none")))
        let topology = TopologyText.lines(result.topology)
        if !topology.isEmpty {
            lines.append("")
            lines.append(style.bold("Topology"))
            lines += topology.map { "  " + clean($0) }
        }
        if !result.notices.isEmpty { lines.append("") }
        lines += result.notices.map { style.bold("notice: ") + clean($0) }
        return lines
    }

    /// Findings by environment, environments in name order, each keeping the findings' order.
    private static func grouped(_ findings: [Finding]) -> [(String, [Finding])] {
        Dictionary(grouping: findings, by: \.location.environment).sorted { $0.key < $1.key }
    }

    private static func render(_ finding: Finding, _ result: LintResult, _ style: Style) -> [String] {
        let severity = finding.severity.rawValue
        let padded = rightPad(severity, 7)
        let indent = String(repeating: " ", count: 10)
        var lines = [
            "  " + style.severity(severity, padded) + " " + style.bold(finding.ruleID) + " "
                + finding.ruleName + "  " + clean(finding.location.address),
            indent + clean(finding.message),
        ]
        if finding.status == .unknown, !finding.subject.isEmpty {
            lines.append(indent + "unknown: " + clean(finding.subject))
        }
        lines.append(indent + "fix: " + clean(finding.remediation))
        if let savings = finding.savings, let money = result.savings(of: finding).map(MoneyText.format) {
            lines.append(indent + "saves: \(money)/month (\(clean(savings.formula)))")
        }
        lines.append(indent + style.dim("in: " + clean(finding.location.path)))
        if let source = result.locations.sources[finding.location] {
            lines.append(indent + style.dim("source: " + clean("\(source.file):\(source.line)")))
        }
        return lines
    }

    private static func savingsTable(_ result: LintResult, _ style: Style) -> [String] {
        let pricing = result.pricing
        let hours = JSONNode.format(pricing.hoursPerMonth)
        var rows = result.costRows.map { row in
            [clean(row.environment), MoneyText.amount(row.cost), MoneyText.amount(row.savings)]
        }
        rows.append([
            "total", MoneyText.amount(result.monthlyEndpointCost), MoneyText.amount(result.monthlySavings),
        ])
        let width = max(11, rows.map { $0[0].count }.max() ?? 0)
        let costWidth = max(13, rows.map { $0[1].count }.max() ?? 0)
        let savingsWidth = max(7, rows.map { $0[2].count }.max() ?? 0)
        func line(_ cells: [String]) -> String {
            "  " + rightPad(cells[0], width) + "  "
                + leftPad(cells[1], costWidth) + "  " + leftPad(cells[2], savingsWidth)
        }
        var lines = [
            style.bold("Monthly interface endpoint cost (\(pricing.currency))"),
            style.dim(
                "  \(hours) h/month; prices of \(pricing.table.updatedAt) from \(priceTableSource)"
                    + (pricing.currency == "USD"
                        ? "" : "; \(JSONNode.format(pricing.exchangeRate)) \(pricing.currency)/USD")),
            line(["environment", "endpoint cost", "savings"]),
        ]
        lines += rows.dropLast().map(line)
        lines.append(style.bold(line(rows[rows.count - 1])))
        return lines
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func rightPad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    static func clean(_ text: String) -> String { TerminalText.escape(text) }
}
