import Foundation
import LintCore
import NetworkModel
import Testing

/// Sample inputs and results shared by the VPCELintKit tests (paths and temporary directories: TestSupport).
enum Support {
    static let validState = """
        {"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":[
        {"address":"aws_vpc.main","mode":"managed","type":"aws_vpc","name":"main",
        "provider_name":"registry.terraform.io/hashicorp/aws","values":{"id":"vpc-1","cidr_block":"10.2.0.0/16"}}]}}}
        """

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
