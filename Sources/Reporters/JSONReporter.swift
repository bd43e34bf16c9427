import LintCore
import NetworkModel

/// The JSON report: the contract of issue 3 (`tool`, `inputs`, `findings`, `summary`), plus `unknowns`,
/// `pricing` and extra per-finding fields. Named fields are never renamed or dropped; money is USD rounded to
/// cents unless a key says otherwise.
public enum JSONReporter: Reporter {
    public static let identifier = "json"
    public static let description = "machine-readable JSON (the report contract in README.md)"

    public static func report(_ result: LintResult) -> String {
        document(result).serialized(appending: "\n")
    }

    static func document(_ result: LintResult) -> JSONNode {
        .object([
            ("tool", .object([("name", .string(result.toolName)), ("version", .string(result.toolVersion))])),
            ("inputs", .array(result.inputs.map(input))),
            ("configuration", .optionalString(result.configurationPath)),
            ("skipped_inputs", .array(result.skippedInputs.map(skipped))),
            ("findings", .array(result.findings.map { finding($0, withStatus: false, result.locations) })),
            ("unknowns", .array(result.unknowns.map { finding($0, withStatus: true, result.locations) })),
            ("summary", summary(result)),
            ("pricing", pricing(result.pricing)),
            ("topology", topology(result.topology)),
            ("notices", .array(result.notices.map(JSONNode.string))),
            ("groups", groups(result)),
        ]).appending(adoptionMembers(result))
    }

    /// Every group a listed finding names, once, keyed by id: its members as data (the findings carry only
    /// the id, so the report stays linear in the number of findings).
    private static func groups(_ result: LintResult) -> JSONNode {
        var listed = result.findings + result.unknowns
        if result.listsSuppressed { listed += result.suppressed.map(\.finding) }
        if result.staleBaseline != nil { listed += result.baselined }
        listed += result.fixedByPlan ?? []
        var seen = Set<String>()
        return .object(
            listed.compactMap { finding in
                guard let group = finding.group, seen.insert(group.id).inserted else { return nil }
                return (
                    group.id,
                    .object([
                        ("rule_id", .string(finding.ruleID)),
                        ("summary", .string(group.summary)),
                        ("count", .int(group.members.count)),
                        ("members", .array(group.members.map(origin))),
                    ])
                )
            })
    }

    private static func input(_ input: InputSummary) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("path", .string(input.path)),
            ("environment", .string(input.environment)),
            ("kind", .string(input.kind)),
            ("format_version", .optionalString(input.formatVersion)),
            ("terraform_version", .optionalString(input.terraformVersion)),
            ("resources", .int(input.resources)),
        ]
        if input.supersededResources > 0 {
            members.append(("superseded_resources", .int(input.supersededResources)))
            members.append(("superseded_by", .array(input.supersededBy.map(JSONNode.string))))
        }
        return .object(members)
    }

    private static func skipped(_ input: SkippedInput) -> JSONNode {
        .object([("path", .string(input.path)), ("status", .string("skipped")), ("reason", .string(input.reason))])
    }

    static func finding(_ finding: Finding, withStatus: Bool, _ locations: ReportLocations = ReportLocations())
        -> JSONNode
    {
        var members: [(String, JSONNode)] = [
            ("rule_id", .string(finding.ruleID)),
            ("rule", .string(finding.ruleName)),
            ("severity", .string(finding.severity.rawValue)),
            ("environment", .string(finding.location.environment)),
            ("path", .string(finding.location.path)),
            ("address", .string(finding.location.address)),
            ("message", .string(finding.message)),
            ("remediation", .string(finding.remediation)),
        ]
        if let savings = finding.savings {
            members.append(("monthly_savings_usd", .money(savings.usd)))
            members.append(("savings_formula", .string(savings.formula)))
        }
        if withStatus { members.append(("status", .string(finding.status.rawValue))) }
        members.append(("subject", .string(finding.subject)))
        members.append(("fingerprint", .string(finding.fingerprint)))
        members.append(("related", .array(finding.related.map(origin))))
        if finding.relatedTotal > finding.related.count {
            members.append(("related_total", .int(finding.relatedTotal)))
        }
        if let group = finding.group { members.append(("group", .string(group.id))) }
        if let source = locations.sources[finding.location] {
            members.append(("source_location", .object([("file", .string(source.file)), ("line", .int(source.line))])))
        }
        return .object(members)
    }

    static func origin(_ origin: Origin) -> JSONNode {
        .object([
            ("environment", .string(origin.environment)),
            ("path", .string(origin.path)),
            ("address", .string(origin.address)),
        ])
    }

    private static func summary(_ result: LintResult) -> JSONNode {
        let rate = result.pricing.exchangeRate
        let costs = result.endpointCostByEnvironment.sorted { $0.key < $1.key }
        return .object([
            ("findings", .int(result.findings.count)),
            ("unknowns", .int(result.unknowns.count)),
            ("monthly_endpoint_cost_usd", .money(result.monthlyEndpointCostUSD)),
            ("monthly_savings_usd", .money(result.monthlySavingsUSD)),
            ("endpoint_cost_by_environment", .object(costs.map { ($0.key, .money($0.value)) })),
            ("currency", .string(result.pricing.currency)),
            ("exchange_rate", .number(rate)),
            ("monthly_endpoint_cost", .money(result.monthlyEndpointCost.amount)),
            ("monthly_savings", .money(result.monthlySavings.amount)),
            ("empty_input", .bool(result.isEmptyInput)),
        ]).appending(adoptionCounts(result))
    }

    private static func pricing(_ pricing: Pricing) -> JSONNode {
        .object([
            ("source", .string(priceTableSource)),
            ("updated_at", .string(pricing.table.updatedAt)),
            ("hours_per_month", .number(pricing.hoursPerMonth)),
        ])
    }
}

/// Where the price table comes from; the only table so far is the built-in one.
let priceTableSource = "Rules/data/prices.json"
