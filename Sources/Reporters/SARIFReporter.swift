import LintCore
import NetworkModel

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
/// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
///
/// One run; `tool.driver.rules` holds every rule that ran (and any rule a finding names that did not), with
/// `helpUri` to its document. Each result's physical location is the `.tf` line of its resource block when
/// `--source` mapped it, else the input file at line 1 (SARIF's minimum), as a URI relative to `%SRCROOT%`,
/// the repository root (``SARIFLocation``); the Terraform address is a
/// logical location of kind `resource`, the environment in `properties`, and `Finding.fingerprint` as the
/// `vpcelintFingerprint/v1` partial fingerprint. Unknown checks are results of `kind: "review"`, which SARIF
/// (section 3.27.9) requires to have `level: "none"`, with `properties.status = "unknown"`. The run's
/// properties count suppressed and baselined findings and carry the inferred topology and the run's notices
/// (as in the JSON report); with `--show-suppressed` they follow as results with
/// `suppressions` (kind `inSource` for a `vpcelint:ignore` tag, `external` for the configuration file or the
/// baseline), and with `--baseline` every result has a `baselineState` (`new`, or `unchanged` if baselined).
public enum SARIFReporter: Reporter {
    public static let identifier = "sarif"
    public static let description = "SARIF 2.1.0 for GitHub code scanning (upload with codeql-action/upload-sarif)"

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let fingerprintKey = "vpcelintFingerprint/v1"

    public static func report(_ result: LintResult) -> String {
        let rules = descriptors(result)
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        // With a baseline, what is reported is new; with --show-suppressed, suppressed and baselined
        // findings follow as results carrying `suppressions` (SARIF 3.27.23), so viewers show them closed.
        let baseline: String? = result.staleBaseline == nil ? nil : "new"
        var results = (result.findings + result.unknowns).map {
            self.result($0, index, result, baselineState: baseline)
        }
        if result.listsSuppressed {
            results += result.suppressed.map { item in
                self.result(
                    item.finding, index, result, baselineState: baseline,
                    suppression: suppression(item))
            }
            results += result.baselined.map { finding in
                self.result(
                    finding, index, result, baselineState: "unchanged",
                    suppression: .object([
                        ("kind", .string("external")), ("status", .string("accepted")),
                        ("justification", .string("listed in the baseline (--baseline)")),
                    ]))
            }
        }
        let run = JSONNode.object([
            ("tool", .object([("driver", driver(result, rules))])),
            ("originalUriBaseIds", SARIFLocation.baseIDs(result.locations)),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
            ("properties", runProperties(result)),
        ])
        let log = JSONNode.object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.serialized(appending: "\n")
    }

    /// A rule as SARIF needs it; a finding's rule that is not among `result.rules` gets a minimal one.
    struct Descriptor {
        var id: String
        var name: String
        var description: RuleDescription?
        var level: String
    }

    static func descriptors(_ result: LintResult) -> [Descriptor] {
        var byID = [String: Descriptor]()
        for description in result.rules {
            byID[description.id] = Descriptor(
                id: description.id, name: description.name, description: description,
                level: description.defaultSeverity.rawValue)
        }
        for finding in result.findings + result.unknowns where byID[finding.ruleID] == nil {
            byID[finding.ruleID] = Descriptor(
                id: finding.ruleID, name: finding.ruleName, description: nil, level: finding.severity.rawValue)
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    private static func driver(_ result: LintResult, _ rules: [Descriptor]) -> JSONNode {
        .object([
            ("name", .string(result.toolName)),
            ("version", .string(result.toolVersion)),
            ("semanticVersion", .string(result.toolVersion)),
            ("informationUri", .string(ReportLinks.project)),
            ("rules", .array(rules.map(rule))),
        ])
    }

    private static func rule(_ rule: Descriptor) -> JSONNode {
        let summary = rule.description?.summary ?? rule.name
        let full = rule.description.map { trimmed($0.whatItDoes) } ?? summary
        let text = rule.description.map { helpText($0) } ?? summary
        let helpMarkdown = rule.description.map { RuleDocumentation.markdown(for: $0, example: nil) } ?? summary
        var properties: [(String, JSONNode)] = []
        if let description = rule.description {
            properties.append(("category", .string(description.category.rawValue)))
            properties.append(("tags", .array([.string("terraform"), .string(description.category.rawValue)])))
        }
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(summary))])),
            ("fullDescription", .object([("text", .string(full))])),
            ("helpUri", .string(ReportLinks.ruleDocument(rule.name))),
            ("help", .object([("text", .string(text)), ("markdown", .string(helpMarkdown))])),
            ("defaultConfiguration", .object([("level", .string(rule.level))])),
            ("properties", .object(properties)),
        ])
    }

    private static func helpText(_ description: RuleDescription) -> String {
        [
            trimmed(description.whatItDoes), "Why it matters: " + trimmed(description.whyItMatters),
            "How to fix: " + trimmed(description.howToFix), "Document: " + ReportLinks.ruleDocument(description.name),
        ].joined(separator: "\n\n")
    }

    /// A `vpcelint:ignore` tag lives with the resource (`inSource`); an `ignore:` entry in the configuration
    /// file outside it (`external`).
    private static func suppression(_ item: SuppressedFinding) -> JSONNode {
        var properties: [(String, JSONNode)] = [("source", .string(item.source))]
        if let until = item.until { properties.append(("until", .string(until))) }
        return .object([
            ("kind", .string(item.source.hasPrefix("tag ") ? "inSource" : "external")),
            ("status", .string("accepted")),
            ("justification", .string(item.reason)),
            ("properties", .object(properties)),
        ])
    }

    private static func result(
        _ finding: Finding, _ index: [String: Int], _ result: LintResult, baselineState: String? = nil,
        suppression: JSONNode? = nil
    ) -> JSONNode {
        let unknown = finding.status == .unknown
        var members: [(String, JSONNode)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex = index[finding.ruleID] { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("kind", .string(unknown ? "review" : "fail")),
            ("level", .string(unknown ? "none" : finding.severity.rawValue)),
            ("message", .object([("text", .string(messageText(finding, result)))])),
            ("locations", .array([location(finding.location, result.locations, message: nil)])),
            ("partialFingerprints", .object([(fingerprintKey, .string(finding.fingerprint))])),
        ]
        if !finding.related.isEmpty {
            let related = finding.related.enumerated().map { offset, origin in
                location(origin, result.locations, message: origin.address, id: offset)
            }
            members.append(("relatedLocations", .array(related)))
        }
        if let suppression { members.append(("suppressions", .array([suppression]))) }
        if let baselineState { members.append(("baselineState", .string(baselineState))) }
        members.append(("properties", resultProperties(finding)))
        return .object(members)
    }

    /// The message, its fix and its saving: what a reviewer needs in the alert itself.
    private static func messageText(_ finding: Finding, _ result: LintResult) -> String {
        var text = finding.message
        if finding.status == .unknown, !finding.subject.isEmpty { text += " (unknown: \(finding.subject))" }
        text += ". Fix: " + finding.remediation
        if let money = result.savings(of: finding).map(MoneyText.format) {
            text += " Saves \(money)/month."
        }
        return text
    }

    private static func location(
        _ origin: Origin, _ locations: ReportLocations, message: String?, id: Int? = nil
    ) -> JSONNode {
        var members: [(String, JSONNode)] = []
        if let id { members.append(("id", .int(id))) }
        members.append(("physicalLocation", SARIFLocation.physical(origin, locations)))
        members.append(
            (
                "logicalLocations",
                .array([
                    .object([
                        ("name", .string(resourceName(origin.address))),
                        ("fullyQualifiedName", .string(origin.address)),
                        ("kind", .string("resource")),
                    ])
                ])
            ))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        members.append(("properties", .object([("environment", .string(origin.environment))])))
        return .object(members)
    }

    private static func resultProperties(_ finding: Finding) -> JSONNode {
        var members: [(String, JSONNode)] = [
            ("environment", .string(finding.location.environment)),
            ("address", .string(finding.location.address)),
            ("status", .string(finding.status.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("subject", .string(finding.subject)),
            ("remediation", .string(finding.remediation)),
        ]
        if let savings = finding.savings {
            members.append(("monthly_savings_usd", .money(savings.usd)))
            members.append(("savings_formula", .string(savings.formula)))
        }
        // The group's id and size, never its members: a result stays bounded (the JSON report lists them).
        if let group = finding.group {
            members.append(("group", .string(group.id)))
            members.append(("group_count", .int(group.members.count)))
        }
        if finding.relatedTotal > finding.related.count {
            members.append(("related_total", .int(finding.relatedTotal)))
        }
        return .object(members)
    }

    private static func runProperties(_ result: LintResult) -> JSONNode {
        let pricing = result.pricing
        return .object([
            ("environments", .array(Set(result.inputs.map(\.environment)).sorted().map(JSONNode.string))),
            ("findings", .int(result.findings.count)),
            ("unknowns", .int(result.unknowns.count)),
            ("suppressed", .int(result.suppressed.count)),
            ("baselined", .int(result.baselined.count)),
            ("monthly_endpoint_cost_usd", .money(result.monthlyEndpointCostUSD)),
            ("monthly_savings_usd", .money(result.monthlySavingsUSD)),
            ("currency", .string(pricing.currency)),
            ("exchange_rate", .number(pricing.exchangeRate)),
            ("monthly_savings", .money(result.monthlySavings.amount)),
            (
                "pricing",
                .object([
                    ("source", .string(priceTableSource)),
                    ("updated_at", .string(pricing.table.updatedAt)),
                    ("hours_per_month", .number(pricing.hoursPerMonth)),
                ])
            ),
            ("topology", JSONReporter.topology(result.topology)),
            ("notices", .array(result.notices.map(JSONNode.string))),
            ("configuration", .optionalString(result.configurationPath)),
        ])
    }

    /// The last segment of an address, e.g. `private` of `module.hub.aws_route_table.private`.
    private static func resourceName(_ address: String) -> String {
        address.split(separator: ".").last.map(String.init) ?? address
    }

    private static func trimmed(_ text: String) -> String {
        var characters = Substring(text)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }
}
