import BuiltInRules
import LintCore
import TestSupport
import Testing
import VPCELintDevKit

/// Every rule's examples, run on their fixtures: SwiftLint's generated `verifyRule` tests without the
/// generation.
@Suite struct RuleExampleTests {
    static let ids = builtInRules.map { $0.description.id }

    @Test(arguments: ids)
    func examplesFlagExactlyWhatTheySay(_ id: String) throws {
        let rule = try #require(builtInRules.first { $0.description.id == id })
        let description = rule.description
        #expect(!description.triggeringExamples.isEmpty, "\(id) has no triggering example")
        #expect(!description.nonTriggeringExamples.isEmpty, "\(id) has no non-triggering example")
        let fixtures = Fixtures(root: Repository.root)
        for example in description.triggeringExamples + description.nonTriggeringExamples {
            let flagged = try fixtures.run(rule, on: example.scenario).filter { $0.status == .violation }
                .map(\.location.address)
            #expect(
                Set(flagged) == Set(example.flags),
                "\(id) in fixtures/\(example.scenario): flags \(flagged.sorted()), expected \(example.flags.sorted())")
        }
    }
}
