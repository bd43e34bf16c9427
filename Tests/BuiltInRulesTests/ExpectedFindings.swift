import Foundation
import LintCore
import TestSupport

/// The expected result of a whole scenario, as committed in `fixtures/<scenario>/expected/findings.json`
/// (a folder of its own, so `vpcelint check fixtures/<scenario>` reads only Terraform output).
///
/// `VPCELINT_UPDATE_GOLDEN=1 swift test --filter ScenarioTests` rewrites the files; a normal run only compares.
/// Every rewrite is reviewed against the scenario's README before it is committed.
enum ExpectedFindings {
    static func url(_ scenario: String) -> URL {
        Repository.root.appendingPathComponent("fixtures/\(scenario)/expected/findings.json")
    }

    /// The run as stable JSON text: findings and unknowns with their savings, and the summary. Paths are
    /// relative to the repository (``Fixtures`` loads them so), so the file does not depend on where the clone is.
    static func render(_ scenario: String, findings: [Finding], unknowns: [Finding], endpointCost: [String: Double])
        throws
        -> String
    {
        func row(_ finding: Finding) -> [String: Any] {
            var row: [String: Any] = [
                "rule_id": finding.ruleID, "rule": finding.ruleName, "severity": finding.severity.rawValue,
                "status": finding.status.rawValue, "environment": finding.location.environment,
                "path": finding.location.path, "address": finding.location.address,
                "subject": finding.subject,
            ]
            if let savings = finding.savings { row["monthly_savings_usd"] = cents(savings.usd) }
            return row
        }
        let document: [String: Any] = [
            "scenario": scenario,
            "findings": findings.map(row),
            "unknowns": unknowns.map(row),
            "summary": [
                "findings": findings.count,
                "unknowns": unknowns.count,
                "monthly_endpoint_cost_usd": cents(endpointCost.values.reduce(0, +)),
                "monthly_endpoint_cost_usd_by_environment": endpointCost.mapValues(cents),
                "monthly_savings_usd": cents(findings.compactMap(\.savings?.usd).reduce(0, +)),
            ] as [String: Any],
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
