import BuiltInRules
import Foundation
import LintCore
import TestSupport
import Testing
import VPCELintDevKit

/// Ids, names and documents of the registered rules.
@Suite struct RuleRegistryTests {
    let descriptions = builtInRules.map { $0.description }

    @Test func idsAreVPCEAndThreeDigits() {
        for description in descriptions {
            let digits = description.id.dropFirst(4)
            #expect(
                description.id.hasPrefix("VPCE") && digits.count == 3 && digits.allSatisfy(\.isASCII)
                    && digits.allSatisfy(\.isNumber),
                "\(description.id)")
        }
    }

    @Test func idsAndNamesAreUnique() {
        #expect(Set(descriptions.map(\.id)).count == descriptions.count)
        #expect(Set(descriptions.map(\.name)).count == descriptions.count)
    }

    @Test func namesAreKebabCase() {
        for description in descriptions {
            let words = description.name.split(separator: "-", omittingEmptySubsequences: false)
            let kebab =
                words.count > 1
                && words.allSatisfy { word in
                    !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
                }
            #expect(kebab, "\(description.name)")
        }
    }

    @Test func eachRuleHasADocumentAndEachDocumentARule() throws {
        let folder = Repository.root.appendingPathComponent(Generator.rulesFolder)
        let documents = Set(
            try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".md") && $0 != "README.md" })
        let expected = Set(descriptions.map { "\($0.name).md" })
        #expect(expected.subtracting(documents).isEmpty, "rules without a document; run '\(Generator.command)'")
        #expect(documents.subtracting(expected).isEmpty, "documents without a rule")
    }

    @Test func documentsAreWhatExplainPrints() throws {
        for description in descriptions {
            let url = Repository.root.appendingPathComponent(Generator.documentPath(description))
            let document = try String(contentsOf: url, encoding: .utf8)
            #expect(document == RuleDocumentation.markdown(for: description), "\(description.id)")
        }
    }

    @Test func everyExampleScenarioExists() {
        let fixtures = Fixtures(root: Repository.root)
        for description in descriptions {
            for example in description.triggeringExamples + description.nonTriggeringExamples {
                #expect(fixtures.exists(example.scenario), "\(description.id): fixtures/\(example.scenario)")
            }
        }
    }
}
