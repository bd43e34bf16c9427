import BuiltInRules
import LintCore
import Reporters

/// `vpcelint rules` and `vpcelint explain`: the rule list and each rule's document, rendered from its
/// ``RuleDescription`` (the same text `Rules/<name>.md` holds).
public enum RuleCatalog {
    /// The rule whose id (any case) or name is `name`.
    public static func find(_ name: String, in rules: [any Rule.Type] = builtInRules) -> (any Rule.Type)? {
        RuleLookup.find(name, in: rules)
    }

    /// One row per rule: id, name, severity, category, summary.
    public static func listing(_ rules: [any Rule.Type] = builtInRules, format: OutputFormat) -> String {
        let descriptions = rules.map { $0.description }.sorted { $0.id < $1.id }
        switch format {
        case .json:
            let rows = descriptions.map { description -> JSONNode in
                .object([
                    ("id", .string(description.id)),
                    ("name", .string(description.name)),
                    ("severity", .string(description.defaultSeverity.rawValue)),
                    ("category", .string(description.category.rawValue)),
                    ("summary", .string(description.summary)),
                ])
            }
            return JSONNode.array(rows).serialized() + "\n"
        default:
            let rows =
                [["ID", "NAME", "SEVERITY", "CATEGORY", "SUMMARY"]]
                + descriptions.map {
                    [$0.id, $0.name, $0.defaultSeverity.rawValue, $0.category.rawValue, $0.summary]
                }
            return table(rows)
        }
    }

    /// The document of the rule whose id or name is `name`, or `nil` when there is no such rule.
    public static func document(named name: String, in rules: [any Rule.Type] = builtInRules) -> String? {
        find(name, in: rules).map { document($0.description) }
    }

    /// The rule's document in Markdown: the text of `Rules/<name>.md`, example included.
    public static func document(_ description: RuleDescription) -> String {
        RuleDocumentation.markdown(for: description, example: RenderedExample.builtIn[description.id])
    }

    private static func table(_ rows: [[String]]) -> String {
        let columns = rows[0].count
        let widths = (0..<columns - 1).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<columns).map { column in
                column == columns - 1
                    ? row[column] : row[column] + String(repeating: " ", count: widths[column] - row[column].count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
