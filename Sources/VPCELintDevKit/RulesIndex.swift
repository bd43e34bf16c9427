import Foundation
import LintCore

/// `Rules/README.md`: every rule, then the data tables the rules read and where their rows come from.
enum RulesIndex {
    static func markdown(_ descriptions: [RuleDescription], _ tables: DataTables) throws -> String {
        var lines = [
            GeneratedHeader.markdown,
            "",
            "# vpcelint rules",
            "",
            "Each rule's document is generated from its `RuleDescription`; `vpcelint explain RULE` prints the same text.",
            "",
            "| id | name | severity | category | summary |",
            "|---|---|---|---|---|",
        ]
        for description in descriptions {
            lines.append(
                "| \(description.id) | [\(description.name)](\(description.name).md) | "
                    + "\(description.defaultSeverity.rawValue) | \(description.category.rawValue) | "
                    + "\(cell(description.summary)) |")
        }
        lines += ["", "## Data tables", ""]
        lines += try prices(tables)
        lines += [""]
        lines += services(tables)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func prices(_ tables: DataTables) throws -> [String] {
        let table = try tables.priceTable()
        var lines = [
            "### [\(DataTables.pricesPath.dropFirst("Rules/".count))](data/prices.json)",
            "",
            cell(tables.prices["description"] as? String ?? ""),
            "",
            "Updated \(table.updatedAt); \(literal(table.hoursPerMonth)) hours a month by default.",
            "",
            "| region | USD per endpoint-AZ-hour | retrieved | source |",
            "|---|---|---|---|",
        ]
        for row in tables.priceRows {
            guard let region = row["region"] as? String, let price = table.regions[region] else { continue }
            lines.append(
                "| \(region) | \(literal(price.hourlyPerAZ)) | \(price.retrieved) | <\(price.source)> |")
        }
        return lines
    }

    private static func services(_ tables: DataTables) -> [String] {
        var lines = [
            "### [\(DataTables.servicesPath.dropFirst("Rules/".count))](data/services.json)",
            "",
            cell(tables.services["description"] as? String ?? ""),
            "",
            "Updated \(tables.services["updated_at"] as? String ?? "?").",
            "",
            "| service | private hosted zone | apex | wildcard | retrieved | source |",
            "|---|---|---|---|---|---|",
        ]
        for row in tables.serviceRows {
            let fields = ["service", "zone"].map { "`\(row[$0] as? String ?? "")`" }
            let flags = ["apex", "wildcard"].map { (row[$0] as? Bool ?? false) ? "yes" : "no" }
            let source = "<\(row["source"] as? String ?? "")>"
            let cells = fields + flags + [row["retrieved"] as? String ?? "", source]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// Text safe in a table cell: pipes escaped, newlines folded.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
