import LintCore

/// The text report's sections for suppressions, baselines and `--new-only`.
extension TextReporter {
    static func adoptionLines(_ result: LintResult, _ style: Style) -> [String] {
        var lines = [String]()
        if let fixed = result.fixedByPlan {
            lines += ["", style.bold("Fixed by the plan: \(fixed.count)")]
            lines += fixed.map {
                "  \($0.ruleID) \($0.ruleName)  \(clean($0.location.environment)) \(clean($0.location.address))"
            }
        }
        if !result.suppressed.isEmpty {
            lines += ["", style.bold("Suppressed: \(result.suppressed.count)")]
            if result.listsSuppressed {
                for item in result.suppressed {
                    let finding = item.finding
                    let until = item.until.map { " until \($0)" } ?? ""
                    lines.append(
                        "  \(finding.ruleID) \(finding.ruleName)  \(clean(finding.location.environment)) "
                            + clean(finding.location.address))
                    lines.append("          \(clean(item.source))\(until): \(clean(item.reason))")
                }
            } else {
                lines.append(style.dim("  --show-suppressed lists them"))
            }
        }
        if let stale = result.staleBaseline {
            lines += ["", style.bold("Baseline: \(result.baselined.count) known, \(stale.count) stale")]
            for entry in stale {
                lines.append(
                    "  stale: \(entry.ruleID)  \(clean(entry.environment)) \(clean(entry.address))"
                        + (entry.subject.isEmpty ? "" : " (\(clean(entry.subject)))"))
            }
        }
        return lines
    }
}
