import BuiltInRules
import Foundation
import LintCore

/// Everything `vpcelint-dev generate` writes: the data tables, the rules' rendered examples, one document per
/// rule and `Rules/README.md`. Pure apart from reading the repository; writing is the caller's.
package struct Generator {
    /// The repository root.
    package var root: URL
    package var rules: [any Rule.Type]

    package init(root: URL, rules: [any Rule.Type] = builtInRules) {
        self.root = root
        self.rules = rules
    }

    /// The command that regenerates the files, for messages.
    package static let command = "swift run vpcelint-dev generate"

    /// The folder of the rule documents.
    package static let rulesFolder = "Rules"

    /// Path (relative to the root) -> contents, for every generated file.
    package func outputs() throws -> [(path: String, contents: String)] {
        let tables = try DataTables(root: root)
        let descriptions = rules.map { $0.description }.sorted { $0.id < $1.id }
        let examples = try renderedExamples()
        var outputs = [
            (path: "Sources/LintCore/Data/PriceTable+Generated.swift", contents: try tables.priceTableSwift()),
            (path: "Sources/LintCore/Data/ServiceCatalog+Generated.swift", contents: try tables.serviceCatalogSwift()),
            (path: "Sources/BuiltInRules/Data/EndpointSets+Generated.swift", contents: try tables.endpointSetsSwift()),
            (path: "Sources/Consolidation/CounterCosts+Generated.swift", contents: try tables.counterCostsSwift()),
            (path: "Sources/BuiltInRules/Data/RuleExamples+Generated.swift", contents: examplesSwift(examples)),
        ]
        for description in descriptions {
            let markdown = RuleDocumentation.markdown(for: description, example: examples[description.id])
            outputs.append((path: Generator.documentPath(description), contents: markdown))
        }
        outputs.append(
            (path: Generator.rulesFolder + "/README.md", contents: try RulesIndex.markdown(descriptions, tables)))
        return outputs
    }

    /// `Rules/<name>.md`.
    package static func documentPath(_ description: RuleDescription) -> String {
        "\(rulesFolder)/\(description.name).md"
    }

    /// Paths whose contents on disk differ from what `outputs()` would write (missing files included).
    package func staleFiles() throws -> [String] {
        try outputs().filter { output in
            let existing = try? String(contentsOf: root.appendingPathComponent(output.path), encoding: .utf8)
            return existing != output.contents
        }.map(\.path)
    }

    /// Writes every output whose contents changed; returns the paths written.
    package func write() throws -> [String] {
        var written = [String]()
        for output in try outputs() {
            let url = root.appendingPathComponent(output.path)
            if (try? String(contentsOf: url, encoding: .utf8)) == output.contents { continue }
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try output.contents.write(to: url, atomically: true, encoding: .utf8)
            written.append(output.path)
        }
        return written
    }

    /// Each rule's first triggering example, rendered from its fixture, by rule id. Rules without examples,
    /// or whose fixture has no JSON yet, are left out.
    package func renderedExamples() throws -> [String: RenderedExample] {
        let fixtures = Fixtures(root: root)
        var examples = [String: RenderedExample]()
        for rule in rules {
            let description = rule.description
            guard let first = description.triggeringExamples.first, !fixtures.inputs(first.scenario).isEmpty
            else { continue }
            let passing = description.nonTriggeringExamples.first
            examples[description.id] = try ExampleRenderer(root: root).render(rule, first, passing: passing)
        }
        return examples
    }

    private func examplesSwift(_ examples: [String: RenderedExample]) -> String {
        var lines = [
            GeneratedHeader.swift,
            GeneratedHeader.swiftFormatIgnore,
            "// Source: the rules' first triggering and non-triggering examples, run over fixtures/",
            "",
            "import LintCore",
            "",
            "extension RenderedExample {",
            "    /// Each built-in rule's rendered example, by rule id: what `vpcelint explain` shows under `## Example`.",
        ]
        guard !examples.isEmpty else {
            lines += ["    public static let builtIn: [String: RenderedExample] = [:]", "}"]
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("    public static let builtIn: [String: RenderedExample] = [")
        for (id, example) in examples.sorted(by: { $0.key < $1.key }) {
            lines += [
                "        \(literal(id)): RenderedExample(",
                "            scenario: \(literal(example.scenario)),",
                "            terraformFile: \(literal(example.terraformFile)),",
                "            terraform: \(multiline(example.terraform, indent: 12)),",
                "            report: \(multiline(example.report, indent: 12)),",
                "            passingScenario: \(literal(example.passingScenario)),",
                "            passingTerraformFile: \(literal(example.passingTerraformFile)),",
                "            passingTerraform: \(multiline(example.passingTerraform, indent: 12))",
                "        ),",
            ]
        }
        lines += ["    ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
