import NetworkModel

/// Whether a check failed, or could not be decided because a value it needs is unknown in a plan.
public enum FindingStatus: String, Sendable, Codable {
    case violation
    /// The value a rule needs is unknown (plan) and no reference or ID resolves it; `subject` says which.
    case unknown
}

/// An estimated monthly cost, with the inputs of its formula so a reader can check it.
public struct MonthlyCost: Sendable, Hashable, Codable {
    public var usd: Double
    /// e.g. `2 endpoints x 1 AZ x 0.014 USD/h x 730 h`.
    public var formula: String

    public init(usd: Double, formula: String) {
        self.usd = usd
        self.formula = formula
    }
}

/// One problem: what (`message`), where (`location`), the fix (`remediation`) and what it costs (`savings`).
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    /// The resource to change.
    public var location: Origin
    /// One sentence, no trailing period, resources in backticks.
    public var message: String
    /// The fix for this case.
    public var remediation: String
    /// What distinguishes findings of one rule on one resource (a spoke CIDR, a service, `wildcard`);
    /// part of the fingerprint. For unknowns: the attribute that could not be resolved.
    public var subject: String
    /// Other resources involved: at most ``Finding/relatedLimit``, the closest first (a finding's size never
    /// grows with the estate; ``relatedTotal`` counts them all and ``group`` lists them).
    public var related: [Origin]
    public var savings: MonthlyCost?
    public var status: FindingStatus
    /// How many resources are involved besides the finding's own: `related.count` unless the list was cut.
    public var relatedTotal: Int
    /// The group this finding belongs to (the copies of one service, the VPCs that overlap one range): many
    /// findings share it, and reports list its members once.
    public var group: FindingGroup?
    /// Whether this finding is its group's only one, standing for every member (the copies of a service an
    /// estate-wide audit finds, reported once): a baseline then records the members, and a member it does not
    /// know makes the finding new.
    public var summarizesGroup: Bool

    /// The most related resources a finding names.
    public static let relatedLimit = 5

    public init(
        ruleID: String, ruleName: String, severity: Severity, location: Origin, message: String, remediation: String,
        subject: String = "", related: [Origin] = [], savings: MonthlyCost? = nil, status: FindingStatus = .violation,
        relatedTotal: Int? = nil, group: FindingGroup? = nil, summarizesGroup: Bool = false
    ) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.location = location
        self.message = message
        self.remediation = remediation
        self.subject = subject
        self.related = Array(related.prefix(Self.relatedLimit))
        self.savings = savings
        self.status = status
        self.relatedTotal = max(relatedTotal ?? related.count, self.related.count)
        self.group = group
        self.summarizesGroup = summarizesGroup && group != nil
    }

    /// Stable identity across runs: rule, environment, address and subject; never AWS IDs.
    public var fingerprint: String {
        [ruleID, location.environment, location.address, subject].joined(separator: "|")
    }

    /// Findings sort by rule id, environment, address, then subject.
    public static func ordered(_ lhs: Finding, _ rhs: Finding) -> Bool {
        (lhs.ruleID, lhs.location.environment, lhs.location.address, lhs.subject)
            < (rhs.ruleID, rhs.location.environment, rhs.location.address, rhs.subject)
    }
}

/// Findings about one thing (the copies of one service in a Region, the VPCs of a hub that overlap one range),
/// summarised once: reports name its id on each finding and list its members once, as data.
public struct FindingGroup: Sendable, Hashable {
    /// Stable across runs: the rule id and what the group is about, e.g. `VPCE001|ap-northeast-1|logs`.
    public var id: String
    /// One line, e.g. ``700 copies of `logs` in ap-northeast-1``.
    public var summary: String
    /// Every resource of the group, sorted.
    public var members: [Origin]

    public init(id: String, summary: String, members: [Origin]) {
        self.id = id
        self.summary = summary
        self.members = members.sorted()
    }

    // A group is identified by its id: comparing or hashing thousands of shared members per finding would
    // make sets of findings quadratic.
    public static func == (lhs: FindingGroup, rhs: FindingGroup) -> Bool {
        lhs.id == rhs.id && lhs.members.count == rhs.members.count
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(members.count)
    }
}
