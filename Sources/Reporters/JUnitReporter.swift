import LintCore

/// JUnit XML for GitLab (`artifacts: reports: junit:`), Jenkins and other CI test views, valid against the
/// Ant JUnit schema (windyroad/JUnit-Schema).
///
/// One `testsuite` per environment, one `testcase` per rule that ran in it (`classname` `vpcelint.<env>`,
/// name `<id> <name>`): a rule with findings there fails, and its one `failure` lists every finding; a rule
/// with only unknown checks is `skipped` and lists them. Every finding fails its test case, whatever
/// `--fail-on` says; the exit status is what gates. Each suite's properties carry the topology in one line.
/// The schema requires a timestamp and a host name; reports are deterministic, so these are fixed
/// (`1970-01-01T00:00:00`, `vpcelint`) and times are 0.
public enum JUnitReporter: Reporter {
    public static let identifier = "junit"
    public static let description = "JUnit XML, one test case per rule per environment (GitLab, Jenkins)"

    public static func report(_ result: LintResult) -> String {
        let environments = Set(result.inputs.map(\.environment))
            .union(result.findings.map(\.location.environment))
            .union(result.unknowns.map(\.location.environment)).sorted()
        let suites = environments.enumerated().map { suite(result, environment: $1, id: $0) }
        // The Ant schema allows no attributes on `testsuites`; totals are on each suite.
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#, "<testsuites>"]
        for suite in suites { lines += suite }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func suite(_ result: LintResult, environment: String, id: Int) -> [String] {
        let findings = result.findings.filter { $0.location.environment == environment }
        let unknowns = result.unknowns.filter { $0.location.environment == environment }
        let rules = SARIFReporter.descriptors(result)
        var cases = [String]()
        var failures = 0
        var skipped = 0
        for rule in rules {
            let failing = findings.filter { $0.ruleID == rule.id }
            let undecided = unknowns.filter { $0.ruleID == rule.id }
            let name = "classname=\"vpcelint.\(x(environment))\" name=\"\(x(rule.id + " " + rule.name))\" time=\"0\""
            if !failing.isEmpty {
                failures += 1
                let worst = failing.map(\.severity).max() ?? .error
                let message =
                    count(failing.count, "finding")
                    + (undecided.isEmpty ? "" : ", " + count(undecided.count, "unknown"))
                cases.append("    <testcase \(name)>")
                cases.append(
                    "      <failure message=\"\(x(message))\" type=\"\(worst.rawValue)\">"
                        + content(body(failing + undecided, result)) + "</failure>")
                cases.append("    </testcase>")
            } else if !undecided.isEmpty {
                skipped += 1
                cases.append("    <testcase \(name)>")
                cases.append(
                    "      <skipped message=\"\(x(count(undecided.count, "unknown check")))\">"
                        + content(body(undecided, result)) + "</skipped>")
                cases.append("    </testcase>")
            } else {
                cases.append("    <testcase \(name)/>")
            }
        }
        let paths = result.inputs.filter { $0.environment == environment }.map(\.path)
        var lines = [
            "  <testsuite name=\"\(x(environment))\" package=\"\(x(result.toolName))\" id=\"\(id)\""
                + " timestamp=\"1970-01-01T00:00:00\" hostname=\"\(x(result.toolName))\" tests=\"\(rules.count)\""
                + " failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">",
            "    <properties>",
        ]
        for path in paths { lines.append("      <property name=\"input\" value=\"\(x(path))\"/>") }
        // Suppressed and baselined findings pass; they are counted here and, with --show-suppressed, listed.
        let suppressed = result.suppressed.filter { $0.finding.location.environment == environment }
        let baselined = result.baselined.filter { $0.location.environment == environment }
        lines += [
            "      <property name=\"price_table\" value=\"\(x(PriceTableCitation.line(result.pricing)))\"/>",
            "      <property name=\"topology\" value=\"\(x(TopologyText.oneLine(result.topology)))\"/>",
            "      <property name=\"suppressed\" value=\"\(suppressed.count)\"/>",
            "      <property name=\"baselined\" value=\"\(baselined.count)\"/>",
            "      <property name=\"configuration\" value=\"\(x(result.configurationPath ?? "none"))\"/>",
            "    </properties>",
        ]
        lines += cases
        let listed =
            result.listsSuppressed
            ? suppressed.map { item in
                "suppressed: \(item.finding.ruleID) \(item.finding.location.address): \(item.reason) (\(item.source)"
                    + (item.until.map { ", until \($0)" } ?? "") + ")"
            } + baselined.map { "in the baseline: \($0.ruleID) \($0.location.address)" } : []
        lines += [
            "    <system-out>\(content(listed))</system-out>", "    <system-err></system-err>",
            "  </testsuite>",
        ]
        return lines
    }

    /// One paragraph per finding: severity, address, message, fix, saving, file.
    private static func body(_ findings: [Finding], _ result: LintResult) -> [String] {
        findings.map { finding in
            var lines = [
                "\(finding.status == .unknown ? "unknown" : finding.severity.rawValue): "
                    + "\(finding.location.address): \(finding.message)"
            ]
            if finding.status == .unknown, !finding.subject.isEmpty { lines.append("unknown: " + finding.subject) }
            lines.append("fix: " + finding.remediation)
            if let savings = finding.savings, let money = result.savings(of: finding).map(MoneyText.format) {
                lines.append("saves: \(money)/month (\(savings.formula))")
            }
            lines.append("in: " + finding.location.path)
            return lines
        }.joined(separator: [""]).map { $0 }
    }

    /// An attribute value.
    private static func x(_ text: String) -> String { XMLText.escape(text) }

    /// Element content: one line per item, a line break inside an item (from the inputs) as a reference, so
    /// the XML shown in a CI log cannot start a line of its own (a forged workflow command).
    private static func content(_ lines: [String]) -> String {
        lines.map(XMLText.escape).joined(separator: "\n")
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
