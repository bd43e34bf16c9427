import ArgumentParser
import LintCore
import Reporters
import VPCELintKit

extension VPCELintCommand {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rules: id, name, severity, category, summary.")

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            guard format == .text || format == .json else {
                throw CheckError("rules --format \(format.rawValue): the rule list is text or json")
            }
            try StandardStreams.write(RuleCatalog.listing(format: format), as: format == .text ? .untrusted : .escaped)
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a rule's document: what it checks, why it matters, how to fix it.",
            discussion: "Example: vpcelint explain VPCE002")

        @Argument(help: "A rule id (VPCE002) or name (missing-reverse-route).")
        var rule: String

        func run() throws {
            guard let document = RuleCatalog.document(named: rule) else {
                throw CheckError("unknown rule '\(rule)'; `vpcelint rules` lists them")
            }
            try StandardStreams.write(document, as: .untrusted)
        }
    }
}
