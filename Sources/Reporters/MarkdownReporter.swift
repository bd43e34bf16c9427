import LintCore

/// A pull-request comment in GitHub-flavoured Markdown: a summary line, the topology in one line, notices, a
/// table of findings (unknown checks in a second table), and the monthly endpoint cost and savings per
/// environment with the price table's date and source. Text from the inputs is escaped (``MarkdownText``): no input can break the table, inject HTML,
/// links or images.
public enum MarkdownReporter: Reporter {
    public static let identifier = "markdown"
    public static let description = "a pull-request comment: summary, table of findings, savings"

    public static func report(_ result: LintResult) -> String {
        var blocks = ["### vpcelint", summary(result)]
        blocks.append("Topology: " + MarkdownText.message(TopologyText.oneLine(result.topology)) + ".")
        blocks += result.notices.map { "**Notice:** " + MarkdownText.message($0) }
        if !result.findings.isEmpty {
            blocks.append(table(result.findings, result, unknown: false))
        }
        if !result.unknowns.isEmpty {
            blocks.append("#### Unknown checks (the inputs do not decide these checks; each says why)")
            blocks.append(table(result.unknowns, result, unknown: true))
        }
        if let graph = result.graph, !graph.nodes.isEmpty, !result.findings.isEmpty || !result.unknowns.isEmpty {
            // MermaidText leaves no backtick in the diagram, so nothing in it can close the fence.
            blocks.append("```mermaid\n" + MermaidGraph.render(graph) + "```")
        }
        if result.listsSuppressed, !result.suppressed.isEmpty {
            blocks.append("#### Suppressed")
            blocks.append(suppressedTable(result.suppressed))
        }
        blocks.append(savingsTable(result))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private static func summary(_ result: LintResult) -> String {
        let bySeverity = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = result.findings.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        let findings =
            result.findings.isEmpty
            ? "no findings" : count(result.findings.count, "finding") + " (" + bySeverity.joined(separator: ", ") + ")"
        let environments = Set(result.inputs.map(\.environment)).count
        let savings = MoneyText.format(result.monthlySavings)
        var held = [String]()
        if !result.suppressed.isEmpty { held.append("\(result.suppressed.count) suppressed") }
        if result.staleBaseline != nil { held.append("\(result.baselined.count) in the baseline") }
        return "**\(MarkdownText.escape(result.toolName)) \(MarkdownText.escape(result.toolVersion))**: "
            + "\(findings), \(count(result.unknowns.count, "unknown check")) in "
            + "\(count(environments, "environment")) (\(count(result.inputs.count, "input")))"
            + (held.isEmpty ? "" : ", not counted: " + held.joined(separator: ", ")) + "; "
            + "estimated avoidable cost **\(savings)/month**. Configuration: "
            + (result.configurationPath.map(MarkdownText.code) ?? "none") + "."
    }

    private static func table(_ findings: [Finding], _ result: LintResult, unknown: Bool) -> String {
        var rows = [
            "| Severity | Rule | Environment | Resource | Finding | Fix | Savings/month |",
            "|---|---|---|---|---|---|--:|",
        ]
        for finding in findings {
            var message = MarkdownText.message(finding.message)
            if unknown, !finding.subject.isEmpty { message += " (unknown: " + MarkdownText.code(finding.subject) + ")" }
            let savings = result.savings(of: finding).map(MoneyText.format)
            let cells = [
                unknown ? "unknown" : finding.severity.rawValue,
                "[\(MarkdownText.escape(finding.ruleID))](\(ReportLinks.ruleDocument(finding.ruleName)))"
                    + " " + MarkdownText.escape(finding.ruleName),
                MarkdownText.code(finding.location.environment),
                MarkdownText.code(finding.location.address),
                message,
                MarkdownText.message(finding.remediation),
                savings ?? "",
            ]
            rows.append("| " + cells.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }

    /// `--show-suppressed`: each suppressed finding with the suppression's reason and where it is.
    private static func suppressedTable(_ items: [SuppressedFinding]) -> String {
        var rows = ["| Rule | Environment | Resource | Reason | Suppressed by |", "|---|---|---|---|---|"]
        for item in items {
            let cells = [
                "[\(MarkdownText.escape(item.finding.ruleID))](\(ReportLinks.ruleDocument(item.finding.ruleName)))",
                MarkdownText.code(item.finding.location.environment),
                MarkdownText.code(item.finding.location.address),
                MarkdownText.message(item.reason)
                    + (item.until.map { " (until " + MarkdownText.escape($0) + ")" } ?? ""),
                MarkdownText.code(item.source),
            ]
            rows.append("| " + cells.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }

    private static func savingsTable(_ result: LintResult) -> String {
        let pricing = result.pricing
        var rows = [
            "| Environment | Endpoint cost (\(pricing.currency)/month) | Savings (\(pricing.currency)/month) |",
            "|---|--:|--:|",
        ]
        for row in result.costRows {
            rows.append(
                "| \(MarkdownText.code(row.environment)) | \(MoneyText.amount(row.cost))"
                    + " | \(MoneyText.amount(row.savings)) |")
        }
        rows.append(
            "| **total** | **\(MoneyText.amount(result.monthlyEndpointCost))** | "
                + "**\(MoneyText.amount(result.monthlySavings))** |")
        var note = "\(JSONNode.format(pricing.hoursPerMonth)) h/month; \(PriceTableCitation.line(pricing))"
        if pricing.currency != "USD" {
            note += "; \(JSONNode.format(pricing.exchangeRate)) \(pricing.currency)/USD"
        }
        return "#### Monthly interface endpoint cost\n\n" + rows.joined(separator: "\n") + "\n\n" + note + "."
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
