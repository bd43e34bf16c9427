import Foundation
import LintCore

/// Renders a rule's example for its document: the Terraform declaring the first flagged address and the
/// rule's findings there as text.
struct ExampleRenderer {
    var root: URL

    func render(_ rule: any Rule.Type, _ example: RuleExample, passing: RuleExample?) throws -> RenderedExample {
        let fixtures = Fixtures(root: root)
        let findings = try fixtures.run(rule, on: example.scenario).filter { $0.status == .violation }
        let shown = findings.filter { example.flags.contains($0.location.address) }
        let source = TerraformSource(root: root)
        var rendered = RenderedExample(
            scenario: example.scenario, terraformFile: "", terraform: "", report: report(shown))
        guard let first = shown.first else { return rendered }
        let folder = Fixtures.folder(example.scenario) + "/" + first.location.environment
        if let block = source.rootBlock(declaring: first.location.address, in: folder) {
            rendered.terraformFile = block.file
            rendered.terraform = Self.clean(block.text)
        }
        if let passing {
            rendered.passingScenario = passing.scenario
            let folder = Fixtures.folder(passing.scenario) + "/" + first.location.environment
            if let block = source.rootBlock(declaring: first.location.address, in: folder),
                Self.clean(block.text) != rendered.terraform
            {
                rendered.passingTerraformFile = block.file
                rendered.passingTerraform = Self.clean(block.text)
            }
        }
        return rendered
    }

    /// The findings as `vpcelint check` lists them in text, without colour.
    private func report(_ findings: [Finding]) -> String {
        var lines = [String]()
        for (environment, group) in Dictionary(grouping: findings, by: \.location.environment).sorted(by: {
            $0.key < $1.key
        }) {
            lines.append(environment)
            for finding in group {
                let severity = finding.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                lines.append("  \(severity) \(finding.ruleID) \(finding.ruleName)  \(finding.location.address)")
                lines.append("          \(finding.message)")
                lines.append("          fix: \(finding.remediation)")
                if let savings = finding.savings {
                    let usd = String(format: "%.2f", savings.usd)
                    lines.append("          saves: \(usd) USD/month (\(savings.formula))")
                }
                lines.append("          in: \(finding.location.path)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Trailing whitespace removed from every line.
    private static func clean(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            var line = Substring(line)
            while let last = line.last, last.isWhitespace { line.removeLast() }
            return String(line)
        }.joined(separator: "\n")
    }
}
