import LintCore
import NetworkModel

/// A result whose input-derived text tries to break every format: line breaks that start a workflow
/// command, `|` and backticks that break a Markdown table, HTML, XML markup and control characters.
enum Hostile {
    static let address =
        "aws_vpc.x[\"a|b`<img src=x onerror=alert(1)>\n::error::forged\r\n::warning title=x::y %0A,:\"]"
    static let environment = "dev\n::error file=evil::forged"
    static let path = "states/e,v:i%l\n.json"

    static var result: LintResult {
        var result = Canned.result
        let origin = Origin(environment: environment, path: path, address: address)
        result.findings = [
            Finding(
                ruleID: "VPCE002", ruleName: "missing-reverse-route", severity: .error, location: origin,
                message: "route table `\(address)` has no route | <b>bold</b> ] ( [link](http://evil) \u{1B}[31m",
                remediation: "add ``a route`` to `\(address)` & </failure>", subject: "s\u{01}ubject",
                related: [origin])
        ]
        result.unknowns = [
            Finding(
                ruleID: "VPCE003", ruleName: "private-dns-misconfigured", severity: .warning, location: origin,
                message: "unknown\n::error::forged", remediation: "wait", subject: "a|b", status: .unknown)
        ]
        result.inputs[0].environment = environment
        result.inputs[0].path = path
        // The configuration file's path and a skipped file's are input bytes too.
        result.configurationPath = "cfg/`x|y<b>\n::error::forged\u{1B}[31m&.yml"
        result.skippedInputs = [
            SkippedInput(path: path + "<b>|`\u{1B}]0;t\u{07}", reason: "a report, not Terraform output")
        ]
        return result
    }
}
