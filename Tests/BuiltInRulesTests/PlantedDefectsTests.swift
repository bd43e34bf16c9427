import BuiltInRules
import Foundation
import LintCore
import TestSupport
import Testing

/// Scenarios of real-world designs carry their ground truth in `expected/planted.json` (written with the
/// Terraform source, before any rule): every planted defect must be found at the resource a user must change,
/// and no near miss may be flagged.
@Suite struct PlantedDefectsTests {
    struct Planted: Decodable {
        struct Defect: Decodable {
            var what: String
            var environment: String
            var address: String
            var ruleHint: String?

            enum CodingKeys: String, CodingKey {
                case what, environment, address
                case ruleHint = "rule_hint"
            }
        }
        struct NearMiss: Decodable {
            var what: String
            var environment: String?
            var address: String
        }
        var defects: [Defect]
        /// What the inputs cannot decide, planted as such: an unknown finding must say it where the fix goes.
        var unknowns: [Defect]
        var nearMisses: [NearMiss]

        enum CodingKeys: String, CodingKey {
            case defects, unknowns
            case nearMisses = "near_misses"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            defects = try container.decode([Defect].self, forKey: .defects)
            unknowns = try container.decodeIfPresent([Defect].self, forKey: .unknowns) ?? []
            nearMisses = try container.decode([NearMiss].self, forKey: .nearMisses)
        }
    }

    static var scenarios: [String] {
        Scenario.names.filter {
            FileManager.default.fileExists(
                atPath: Repository.root.appendingPathComponent("fixtures/\($0)/expected/planted.json").path)
        }
    }

    static func planted(_ scenario: String) throws -> Planted {
        let url = Repository.root.appendingPathComponent("fixtures/\(scenario)/expected/planted.json")
        return try JSONDecoder().decode(Planted.self, from: Data(contentsOf: url))
    }

    @Test func theRealWorldScenariosAreHere() {
        #expect(Self.scenarios.contains("resolver-forwarding-broken"))
        #expect(Self.scenarios.contains("prefix-lists"))
        #expect(Self.scenarios.contains("resolver-shared-rules"))
    }

    @Test(arguments: scenarios)
    func everyPlantedDefectIsFoundWhereTheFixGoes(scenario: String) throws {
        let planted = try Self.planted(scenario)
        let (findings, unknowns) = try Scenario.run(scenario)
        let names = Set(builtInRules.map { $0.description.name })
        for defect in planted.defects {
            let here = findings.filter {
                $0.location.environment == defect.environment && $0.location.address == defect.address
            }
            let rule = defect.ruleHint.flatMap { names.contains($0) ? $0 : nil }
            #expect(
                here.contains { rule == nil || $0.ruleName == rule },
                "\(scenario): not found at \(defect.environment) \(defect.address) (\(defect.ruleHint ?? "")): \(defect.what); findings: \(findings.map { "\($0.ruleName) \($0.location.address)" }), unknowns: \(unknowns.map { "\($0.ruleName) \($0.location.address)" })"
            )
        }
    }

    @Test(arguments: scenarios)
    func everyPlantedUnknownIsSaidWhereTheFixGoes(scenario: String) throws {
        let planted = try Self.planted(scenario)
        let (findings, unknowns) = try Scenario.run(scenario)
        for unknown in planted.unknowns {
            let here = unknowns.filter {
                $0.location.environment == unknown.environment && $0.location.address == unknown.address
            }
            #expect(
                here.contains { unknown.ruleHint == nil || $0.ruleName == unknown.ruleHint },
                "\(scenario): no unknown at \(unknown.environment) \(unknown.address): \(unknown.what); unknowns: \(unknowns.map { "\($0.ruleName) \($0.location.address)" })"
            )
            // Said as unknown, not decided either way.
            #expect(
                !findings.contains {
                    $0.location.environment == unknown.environment && $0.location.address == unknown.address
                }, "\(scenario): \(unknown.address) is planted as unknown but has a violation")
        }
    }

    @Test(arguments: scenarios)
    func noNearMissIsFlagged(scenario: String) throws {
        let planted = try Self.planted(scenario)
        let (findings, unknowns) = try Scenario.run(scenario)
        for miss in planted.nearMisses {
            let flagged = (findings + unknowns).filter { finding in
                (miss.environment == nil || finding.location.environment == miss.environment)
                    && (finding.location.address == miss.address
                        || finding.location.address.hasPrefix(miss.address + "["))
            }
            // A near miss may share its resource with a planted defect (one security group, two spokes): there,
            // only the defect's own finding may stand.
            let defects = planted.defects.filter {
                (miss.environment == nil || $0.environment == miss.environment)
                    && ($0.address == miss.address || $0.address.hasPrefix(miss.address + "["))
            }
            #expect(
                flagged.count <= defects.count,
                "\(scenario): near miss flagged: \(miss.what): \(flagged.map(\.message))")
        }
    }

    @Test(arguments: scenarios)
    func nothingButThePlantedDefectsIsFlagged(scenario: String) throws {
        let planted = try Self.planted(scenario)
        let (findings, unknowns) = try Scenario.run(scenario)
        let expected = Set((planted.defects + planted.unknowns).map { "\($0.environment) \($0.address)" })
        let extra = (findings + unknowns).filter {
            !expected.contains("\($0.location.environment) \($0.location.address)")
        }
        #expect(
            extra.isEmpty,
            "\(scenario): not planted: \(extra.map { "\($0.ruleName) \($0.location.address): \($0.message)" })")
    }
}
