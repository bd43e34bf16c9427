import LintCore
import Reporters
import Testing

@Suite("Markdown reporter")
struct MarkdownReporterTests {
    /// The table rows of the findings table: lines starting with `| ` that are not the header.
    private func rows(_ report: String) -> [String] {
        report.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Severity") }
    }

    /// Cells split at `|` not preceded by a backslash (GFM's table rule).
    private func cells(_ row: String) -> [String] {
        var cells = [String]()
        var current = ""
        var escaped = false
        for character in row {
            if character == "|", !escaped {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        cells.append(current)
        return Array(cells.dropFirst().dropLast())
    }

    @Test("summary line, findings table, savings table with the price table")
    func layout() {
        let report = MarkdownReporter.report(Canned.result)
        #expect(report.contains("**vpcelint 0.1.0**: 3 findings (1 error, 1 warning, 1 note), 1 unknown check"))
        #expect(report.contains("estimated avoidable cost **JPY 1,533/month**"))
        #expect(report.contains("| Severity | Rule | Environment | Resource | Finding | Fix | Savings/month |"))
        #expect(report.contains("| **total** | **7,665** | **1,533** |"))
        #expect(report.contains("prices of \(Canned.result.pricing.table.updatedAt) from Rules/data/prices.json"))
    }

    @Test("hostile names cannot add a column, a row, HTML, a link or an image")
    func escaping() {
        let report = MarkdownReporter.report(Hostile.result)
        let findingRows = rows(report).filter { $0.contains("missing-reverse-route") || $0.contains("unknown |") }
        #expect(findingRows.count == 2)
        for row in findingRows { #expect(cells(row).count == 7, "\(row)") }
        #expect(!report.contains("<img"))
        #expect(!report.contains("<b>"))
        #expect(!report.contains("</failure>"))
        #expect(report.contains("\\[link\\](http://evil)"))
        #expect(!report.contains("\u{1B}"))
        #expect(!report.contains("\n::error"))
        #expect(report.contains("&lt;b&gt;bold&lt;/b&gt;"))
    }

    @Test("suppressed and baselined findings: counted in the summary, listed with --show-suppressed, escaped")
    func suppressedFindings() throws {
        var result = SARIFReporterTests.adopted(listed: false)
        result.suppressed[0].reason = "a | b <img src=x> `tick` [link](http://x)"
        let summary = try #require(MarkdownReporter.report(result).split(separator: "\n").first { $0.hasPrefix("**") })
        #expect(summary.contains("not counted: 2 suppressed, 1 in the baseline"))
        #expect(!MarkdownReporter.report(result).contains("#### Suppressed"))
        result.listsSuppressed = true
        let report = MarkdownReporter.report(result)
        let section = try #require(report.components(separatedBy: "#### Suppressed").last)
        let rows = section.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| [VPCE") }
        #expect(rows.count == 2)
        for row in rows { #expect(cells(row).count == 5, "\(row)") }
        #expect(!report.contains("<img") && report.contains("\\[link\\](http://x)"))
        #expect(rows[1].contains("(until 2027-01-31)"))
    }
}
