import Foundation
import LintCore
import NetworkModel
import Testing

/// Paths, temporary directories and sample results shared by the VPCELintKit tests.
enum Support {
    /// This file is `<root>/Tests/VPCELintKitTests/TestSupport.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/` sits beside the repository (in CI too, where the clone lives elsewhere).
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/public")

    static let validState = """
        {"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":[
        {"address":"aws_vpc.main","mode":"managed","type":"aws_vpc","name":"main",
        "provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"vpc-1","cidr_block":"10.2.0.0/16"}}]}}}
        """

    /// A fresh empty directory holding `files` (name -> contents).
    static func directory(_ files: [String: String] = [:]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("vpcelint-kit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, contents) in files {
            let file = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return path
    }

    static func finding(
        _ id: String = "VPCE002", severity: Severity = .error, environment: String = "dev",
        address: String = "aws_route_table.private", message: String = "hub route table has no route",
        remediation: String = "add the route", subject: String = "", savings: MonthlyCost? = nil,
        status: FindingStatus = .violation
    ) -> Finding {
        Finding(
            ruleID: id, ruleName: "rule-\(id.lowercased())", severity: severity,
            location: Origin(environment: environment, path: "\(environment).json", address: address),
            message: message, remediation: remediation, subject: subject, savings: savings, status: status)
    }

    static func result(
        findings: [Finding] = [], unknowns: [Finding] = [], pricing: Pricing = Pricing(),
        costs: [String: Double] = ["dev": 81.76, "shared": 14.6]
    ) -> LintResult {
        LintResult(
            toolVersion: "0.1.0",
            inputs: [
                InputSummary(
                    path: "dev.json", environment: "dev", kind: "state", formatVersion: "1.0",
                    terraformVersion: "1.11.4", resources: 14),
                InputSummary(
                    path: "shared.plan.json", environment: "shared", kind: "plan", formatVersion: nil,
                    terraformVersion: nil, resources: 3),
            ],
            rules: [], findings: findings, unknowns: unknowns, pricing: pricing, endpointCostByEnvironment: costs)
    }
}
