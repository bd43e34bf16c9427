import LintCore

/// The JSON report's parts for suppressions, baselines and `--new-only`; added to the contract, never renamed.
extension JSONReporter {
    /// `summary` counts: `suppressed` always, `baselined` and `stale_baseline` always (0 without a baseline).
    static func adoptionCounts(_ result: LintResult) -> [(String, JSONNode)] {
        [
            ("suppressed", .int(result.suppressed.count)),
            ("baselined", .int(result.baselined.count)),
            ("stale_baseline", .int(result.staleBaseline?.count ?? 0)),
        ]
    }

    /// Top-level members: `suppressed` with `--show-suppressed`, `baseline` with `--baseline`, `fixed_by_plan`
    /// with `--new-only`.
    static func adoptionMembers(_ result: LintResult) -> [(String, JSONNode)] {
        var members = [(String, JSONNode)]()
        if result.listsSuppressed {
            members.append(("suppressed", .array(result.suppressed.map(suppressed))))
        }
        if let stale = result.staleBaseline {
            members.append(
                (
                    "baseline",
                    .object([
                        (
                            "baselined",
                            .array(result.baselined.map { finding($0, withStatus: false, result.locations) })
                        ),
                        ("stale", .array(stale.map { baselineEntry($0) })),
                    ])
                ))
        }
        if let fixed = result.fixedByPlan {
            members.append(("fixed_by_plan", .array(fixed.map { finding($0, withStatus: false) })))
        }
        return members
    }

    private static func suppressed(_ item: SuppressedFinding) -> JSONNode {
        guard case .object(var members) = finding(item.finding, withStatus: true) else { return .null }
        members.append(("reason", .string(item.reason)))
        members.append(("source", .string(item.source)))
        if let until = item.until { members.append(("until", .string(until))) }
        return .object(members)
    }

    /// A baseline entry: as the report lists a stale one, or with its group's members as the file keeps it.
    package static func baselineEntry(_ entry: BaselineEntry, withMembers: Bool = false) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("fingerprint", .string(entry.fingerprint)),
            ("rule_id", .string(entry.ruleID)),
            ("environment", .string(entry.environment)),
            ("address", .string(entry.address)),
            ("subject", .string(entry.subject)),
            ("message", .string(entry.message)),
        ]
        if withMembers, let group = entry.members { members.append(("members", .array(group.map(JSONNode.string)))) }
        return .object(members)
    }
}

extension JSONNode {
    /// An object with `members` added at its end; any other node unchanged.
    func appending(_ members: [(String, JSONNode)]) -> JSONNode {
        guard case .object(let existing) = self else { return self }
        return .object(existing + members)
    }
}
