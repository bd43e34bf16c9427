import Foundation
import LintCore
import NetworkModel
import Reporters
import Testing

@Suite("JSON reporter")
struct JSONReporterTests {
    private func parse(_ result: LintResult) throws -> [String: Any] {
        let text = JSONReporter.report(result)
        #expect(text.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        return try #require(object as? [String: Any])
    }

    @Test("every contract field is there, with its value")
    func contract() throws {
        let savings = MonthlyCost(usd: 10.2199999, formula: "1 endpoint, 1 endpoint-AZ x 0.014 USD/h x 730 h")
        let result = Support.result(
            findings: [
                Support.finding(
                    "VPCE001", severity: .warning, address: "aws_vpc_endpoint.ssm", subject: "ssm",
                    savings: savings),
                Support.finding("VPCE002", environment: "shared"),
            ],
            unknowns: [
                Support.finding("VPCE005", environment: "shared", subject: "ingress.cidr_blocks", status: .unknown)
            ])
        let json = try parse(result)
        #expect(json["tool"] as? [String: String] == ["name": "vpcelint", "version": "0.1.0"])

        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.count == 2)
        #expect(inputs[0]["path"] as? String == "dev.json")
        #expect(inputs[0]["environment"] as? String == "dev")
        #expect(inputs[0]["kind"] as? String == "state")
        #expect(inputs[0]["format_version"] as? String == "1.0")
        #expect(inputs[0]["terraform_version"] as? String == "1.11.4")
        #expect(inputs[0]["resources"] as? Int == 14)
        #expect(inputs[1]["format_version"] is NSNull)
        #expect(inputs[1]["terraform_version"] is NSNull)

        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        let first = findings[0]
        #expect(first["rule_id"] as? String == "VPCE001")
        #expect(first["rule"] as? String == "rule-vpce001")
        #expect(first["severity"] as? String == "warning")
        #expect(first["environment"] as? String == "dev")
        #expect(first["path"] as? String == "dev.json")
        #expect(first["address"] as? String == "aws_vpc_endpoint.ssm")
        #expect(first["message"] as? String == "hub route table has no route")
        #expect(first["remediation"] as? String == "add the route")
        #expect(first["monthly_savings_usd"] as? Double == 10.22)
        #expect(first["savings_formula"] as? String == savings.formula)
        #expect(first["subject"] as? String == "ssm")
        #expect(first["fingerprint"] as? String == "VPCE001|dev|aws_vpc_endpoint.ssm|ssm")
        #expect(first["status"] == nil)
        #expect(findings[1]["monthly_savings_usd"] == nil, "no saving: the key is left out")

        let unknowns = try #require(json["unknowns"] as? [[String: Any]])
        #expect(unknowns.count == 1)
        #expect(unknowns[0]["status"] as? String == "unknown")
        #expect(unknowns[0]["subject"] as? String == "ingress.cidr_blocks")

        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 2)
        #expect(summary["unknowns"] as? Int == 1)
        #expect(summary["monthly_endpoint_cost_usd"] as? Double == 96.36)
        #expect(summary["monthly_savings_usd"] as? Double == 10.22)
        #expect(summary["endpoint_cost_by_environment"] as? [String: Double] == ["dev": 81.76, "shared": 14.6])
        #expect(summary["currency"] as? String == "USD")
        #expect(summary["exchange_rate"] as? Double == 1)

        let pricing = try #require(json["pricing"] as? [String: Any])
        #expect(pricing["updated_at"] as? String == PriceTable.builtIn.updatedAt)
        #expect(pricing["hours_per_month"] as? Double == 730)
        #expect(pricing["source"] as? String == "Rules/data/prices.json")
    }

    @Test("keys come in the contract's order, and the output is the same on every run")
    func stableOrder() {
        let result = Support.result(findings: [Support.finding(savings: MonthlyCost(usd: 1, formula: "f"))])
        let text = JSONReporter.report(result)
        #expect(text == JSONReporter.report(result))
        let topLevel = ["\"tool\"", "\"inputs\"", "\"findings\"", "\"unknowns\"", "\"summary\"", "\"pricing\""]
        let findingKeys = [
            "\"rule_id\"", "\"rule\"", "\"severity\"", "\"environment\"", "\"path\"", "\"address\"", "\"message\"",
            "\"remediation\"", "\"monthly_savings_usd\"",
        ]
        let findings = text[text.range(of: "\"findings\": [")!.lowerBound...]
        for (keys, part) in [(topLevel, Substring(text)), (findingKeys, findings)] {
            let offsets = keys.compactMap { part.range(of: $0)?.lowerBound }
            #expect(offsets.count == keys.count)
            #expect(offsets == offsets.sorted())
        }
    }

    @Test("hostile strings survive the round trip: quotes, backslashes, newlines, NUL, ESC, U+2028")
    func escaping() throws {
        let hostile = "a \"quoted\" \\ back\nslash\r\t\u{0}\u{1B}[31mred\u{1B}]0;title\u{07}\u{7F}\u{2028}é🙂"
        let finding = Support.finding(
            environment: hostile, address: "aws_vpc.this[\"\(hostile)\"]", message: hostile, remediation: hostile,
            subject: hostile)
        let result = Support.result(findings: [finding], costs: [hostile: 1.005])
        let text = JSONReporter.report(result)
        for raw in ["\u{0}", "\u{1B}", "\u{07}", "\u{7F}", "\u{2028}", "\r", "\t"] {
            #expect(!text.contains(raw), "raw \(raw.unicodeScalars.first?.value ?? 0) in the output")
        }
        #expect(text.contains("\\u0000") && text.contains("\\u001b") && text.contains("\\u2028"))
        let json = try parse(result)
        let parsed = try #require((json["findings"] as? [[String: Any]])?.first)
        for key in ["environment", "message", "remediation", "subject"] {
            #expect(parsed[key] as? String == hostile, "\(key)")
        }
        #expect(parsed["address"] as? String == "aws_vpc.this[\"\(hostile)\"]")
        let costs = (json["summary"] as? [String: Any])?["endpoint_cost_by_environment"] as? [String: Double]
        #expect(costs?[hostile] != nil)
    }

    @Test("money is rounded to cents and converted into the report currency")
    func currency() throws {
        let pricing = Pricing(hoursPerMonth: 720, currency: "JPY", exchangeRate: 150)
        let result = Support.result(
            findings: [Support.finding(savings: MonthlyCost(usd: 161.28, formula: "f"))], pricing: pricing,
            costs: ["dev": 80.64, "prd": 80.64, "stg": 80.64])
        let summary = try #require(try parse(result)["summary"] as? [String: Any])
        #expect(summary["monthly_endpoint_cost_usd"] as? Double == 241.92)
        #expect(summary["currency"] as? String == "JPY")
        #expect(summary["exchange_rate"] as? Double == 150)
        #expect(summary["monthly_endpoint_cost"] as? Double == 36288)
        #expect(summary["monthly_savings"] as? Double == 24192)
    }
}
