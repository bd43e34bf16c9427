import LintCore
import Reporters
import Testing

@Suite("Text reporter")
struct TextReporterTests {
    @Test("findings grouped by environment, each with severity, rule, address, message, fix and saving")
    func content() {
        let result = Support.result(
            findings: [
                Support.finding(
                    "VPCE001", severity: .warning, environment: "stg", address: "aws_vpc_endpoint.ssm",
                    message: "endpoint `aws_vpc_endpoint.ssm` duplicates the hub's", remediation: "delete it",
                    savings: MonthlyCost(usd: 10.22, formula: "1 endpoint, 1 endpoint-AZ x 0.014 USD/h x 730 h")),
                Support.finding("VPCE002", environment: "shared"),
            ],
            unknowns: [Support.finding("VPCE005", environment: "shared", subject: "ingress", status: .unknown)])
        let text = TextReporter.report(result)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "vpcelint 0.1.0: 2 inputs, 2 findings, 1 unknown")
        let shared = lines.firstIndex(of: "shared")
        let stg = lines.firstIndex(of: "stg")
        #expect(shared != nil && stg != nil && shared! < stg!, "environments in name order")
        #expect(text.contains("  warning VPCE001 rule-vpce001  aws_vpc_endpoint.ssm\n"))
        #expect(text.contains("          endpoint `aws_vpc_endpoint.ssm` duplicates the hub's\n"))
        #expect(text.contains("          fix: delete it\n"))
        #expect(text.contains("          saves: USD 10.22/month (1 endpoint, 1 endpoint-AZ x 0.014 USD/h x 730 h)\n"))
        #expect(text.contains("  error   VPCE002 rule-vpce002  aws_route_table.private\n"))
        #expect(text.contains("Unknown (the inputs do not decide these checks; each says why): 1\n"))
        #expect(text.contains("          unknown: ingress\n"))
        #expect(!text.contains("\u{1B}"), "no colour unless asked")
    }

    @Test("the savings table comes last: cost per environment, total, savings, hours and price date")
    func savingsTable() {
        let pricing = Pricing(hoursPerMonth: 720, currency: "JPY", exchangeRate: 150)
        let result = Support.result(
            findings: [Support.finding(environment: "prd", savings: MonthlyCost(usd: 161.28, formula: "f"))],
            pricing: pricing, costs: ["dev": 80.64, "prd": 80.64, "stg": 80.64])
        let text = TextReporter.report(result)
        let table = text[text.range(of: "Monthly interface endpoint cost (JPY)")!.lowerBound...]
        #expect(table.contains("720 h/month; prices of \(PriceTable.builtIn.updatedAt)"))
        #expect(table.contains("150 JPY/USD"))
        #expect(table.contains("  dev                 12,096        0\n"))
        #expect(table.contains("  prd                 12,096   24,192\n"))
        #expect(table.hasSuffix("  total               36,288   24,192\n"))
    }

    @Test("terminal control characters from the input are escaped visibly; colour only when asked")
    func controlCharacters() {
        let hostile = "evil\u{1B}[2J\u{1B}]0;pwned\u{07}\u{9B}31m\u{0}\u{202E}txt\nnext"
        let result = Support.result(
            findings: [Support.finding(environment: hostile, address: hostile, message: hostile, remediation: hostile)],
            unknowns: [Support.finding(address: hostile, subject: hostile, status: .unknown)],
            costs: [hostile: 1])
        let plain = TextReporter.report(result)
        for scalar in plain.unicodeScalars where scalar != "\n" {
            #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && scalar != "\u{202E}")
        }
        #expect(plain.contains(#"evil\x1b[2J\x1b]0;pwned\x07\x9b31m\x00\u202etxt\nnext"#))
        let coloured = TextReporter.report(result, colour: true)
        #expect(coloured.contains("\u{1B}[1;31merror  \u{1B}[0m"))
        #expect(!coloured.contains("\u{1B}[2J") && !coloured.contains("\u{1B}]0;"))
    }

    @Test("no findings says so and still shows the cost")
    func clean() {
        let text = TextReporter.report(Support.result())
        #expect(text.contains("\nNo findings.\n"))
        #expect(text.contains("  total                96.36     0.00\n"))
    }
}
