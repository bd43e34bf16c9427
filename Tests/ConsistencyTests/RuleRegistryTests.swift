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

    /// SwiftLint generates its registry and fails when a rule is missing; ours is written by hand, so this test
    /// is what keeps a rule from being forgotten: every rule type declared in BuiltInRules is registered.
    @Test func everyDeclaredRuleIsRegistered() throws {
        let declared = Set(try RuleSources.declarations().map(\.type))
        let registered = Set(builtInRules.map { String(describing: $0) })
        expectSame(
            declared, registered, onlyLeft: "not in builtInRules (\(RuleSources.registry))",
            onlyRight: "registered but not declared under \(RuleSources.folder)")
    }

    /// One rule per file, named after its type, in its category's folder (`Rules/Routing/MissingReverseRouteRule.swift`).
    @Test func eachRuleFileIsNamedAfterItsTypeInItsCategoryFolder() throws {
        let declarations = try RuleSources.declarations()
        for (file, types) in Dictionary(grouping: declarations, by: \.file) where types.count > 1 {
            Issue.record("\(file) declares \(types.count) rules: \(types.map(\.type).sorted())")
        }
        for rule in builtInRules {
            let type = String(describing: rule)
            guard let declaration = declarations.first(where: { $0.type == type }) else { continue }
            let parts = declaration.file.split(separator: "/")
            #expect(parts.last.map(String.init) == type + ".swift", "\(declaration.file) declares \(type)")
            #expect(
                parts.count == 3 && parts[0] == "Rules" && parts[1].lowercased() == rule.description.category.rawValue,
                "\(declaration.file): \(type) is in category \(rule.description.category.rawValue)")
        }
    }

    @Test func eachRuleHasADocumentAndEachDocumentARule() throws {
        let folder = Repository.root.appendingPathComponent(Generator.rulesFolder)
        let documents = Set(
            try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".md") && $0 != "README.md" })
        let expected = Set(descriptions.map { "\($0.name).md" })
        expectSame(
            expected, documents, onlyLeft: "rules without a document (run '\(Generator.command)')",
            onlyRight: "documents in \(Generator.rulesFolder)/ without a rule")
    }

    /// Records what only one of two sets holds, naming it.
    private func expectSame(
        _ left: Set<String>, _ right: Set<String>, onlyLeft: String, onlyRight: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (leftOnly, rightOnly) = (left.subtracting(right).sorted(), right.subtracting(left).sorted())
        #expect(leftOnly.isEmpty, "\(onlyLeft): \(leftOnly)", sourceLocation: sourceLocation)
        #expect(rightOnly.isEmpty, "\(onlyRight): \(rightOnly)", sourceLocation: sourceLocation)
    }

    @Test func documentsAreWhatExplainPrints() throws {
        for description in descriptions {
            let url = Repository.root.appendingPathComponent(Generator.documentPath(description))
            let document = try String(contentsOf: url, encoding: .utf8)
            #expect(
                document
                    == RuleDocumentation.markdown(for: description, example: RenderedExample.builtIn[description.id]),
                "\(description.id)")
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
