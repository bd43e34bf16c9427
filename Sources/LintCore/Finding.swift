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
    /// Other resources involved.
    public var related: [Origin]
    public var savings: MonthlyCost?
    public var status: FindingStatus

    public init(
        ruleID: String, ruleName: String, severity: Severity, location: Origin, message: String, remediation: String,
        subject: String = "", related: [Origin] = [], savings: MonthlyCost? = nil, status: FindingStatus = .violation
    ) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.location = location
        self.message = message
        self.remediation = remediation
        self.subject = subject
        self.related = related
        self.savings = savings
        self.status = status
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
