/// A rule's first triggering example as the documentation shows it: the Terraform that declares the flagged
/// resource and what the rule reports there. Generated from the fixtures by `vpcelint-dev generate`.
public struct RenderedExample: Sendable, Hashable {
    /// Scenario folder under `fixtures/`.
    public var scenario: String
    /// The `.tf` file the excerpt comes from, relative to the repository root; empty without an excerpt.
    public var terraformFile: String
    /// The block that declares the first flagged address; empty when it could not be located.
    public var terraform: String
    /// The rule's findings in the scenario, as plain text.
    public var report: String
    /// The first non-triggering scenario, where the rule flags nothing.
    public var passingScenario: String
    /// The `.tf` file of the passing excerpt; empty without one.
    public var passingTerraformFile: String
    /// The block declaring the same resource in the passing scenario; empty when it has none.
    public var passingTerraform: String

    public init(
        scenario: String, terraformFile: String, terraform: String, report: String, passingScenario: String = "",
        passingTerraformFile: String = "", passingTerraform: String = ""
    ) {
        self.scenario = scenario
        self.terraformFile = terraformFile
        self.terraform = terraform
        self.report = report
        self.passingScenario = passingScenario
        self.passingTerraformFile = passingTerraformFile
        self.passingTerraform = passingTerraform
    }
}

/// Renders a rule's document (`Rules/<name>.md`, `vpcelint explain`) from its ``RuleDescription``. The rendered
/// example comes from the caller: the built-in rules' examples are generated into BuiltInRules
/// (`RenderedExample.builtIn`), which this module cannot see.
public enum RuleDocumentation {
    /// The rule's document in Markdown, with `example` rendered under `## Example` (without it, that section
    /// only names the fixture scenarios).
    public static func markdown(for description: RuleDescription, example: RenderedExample?) -> String {
        var sections = [
            "# \(description.name) (\(description.id))",
            trimmed(description.summary),
            details(description),
            "## What it does\n\n" + trimmed(description.whatItDoes),
            "## Why it matters\n\n" + trimmed(description.whyItMatters),
        ]
        if let section = exampleSection(description, example) { sections.append(section) }
        sections.append("## How to fix\n\n" + trimmed(description.howToFix))
        if let savings = description.savings { sections.append("## Savings\n\n" + trimmed(savings)) }
        if !description.references.isEmpty {
            sections.append("## References\n\n" + description.references.map { "- <\($0)>" }.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The one-line details under the summary.
    static func details(_ description: RuleDescription) -> String {
        "Severity: **\(description.defaultSeverity.rawValue)** · Category: **\(description.category.rawValue)**"
            + " · Enabled by default: **yes**"
    }

    private static func exampleSection(_ description: RuleDescription, _ example: RenderedExample?) -> String? {
        guard let first = description.triggeringExamples.first else { return nil }
        var parts = ["## Example"]
        let flagged = first.flags.map { "`\($0)`" }.joined(separator: ", ")
        parts.append("In the fixture scenario `fixtures/\(first.scenario)` this rule flags \(flagged).")
        if let example, example.scenario == first.scenario {
            if !example.terraform.isEmpty {
                parts.append("`\(example.terraformFile)`:\n\n```hcl\n\(example.terraform)\n```")
            }
            if !example.report.isEmpty {
                parts.append("What vpcelint reports:\n\n```text\n\(example.report)\n```")
            }
        }
        if let passing = description.nonTriggeringExamples.first {
            parts.append("Use instead: the rule flags nothing in `fixtures/\(passing.scenario)`.")
            if let example, example.passingScenario == passing.scenario, !example.passingTerraform.isEmpty {
                parts.append("`\(example.passingTerraformFile)`:\n\n```hcl\n\(example.passingTerraform)\n```")
            }
        }
        return parts.joined(separator: "\n\n")
    }

    private static func trimmed(_ text: String) -> String {
        var characters = Substring(text)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }
}
