/// A finding kept out of the findings by a suppression, and which suppression.
public struct SuppressedFinding: Sendable, Hashable {
    public var finding: Finding
    /// Why, as the suppression states it.
    public var reason: String
    /// Where the suppression is: `config .vpcelint.yml:12` or `tag vpcelint:ignore`.
    public var source: String
    /// `YYYY-MM-DD`, the last day a config entry holds.
    public var until: String?

    public init(finding: Finding, reason: String, source: String, until: String? = nil) {
        self.finding = finding
        self.reason = reason
        self.source = source
        self.until = until
    }
}

/// One finding as a baseline file records it: its fingerprint's parts and, for people, its message.
public struct BaselineEntry: Sendable, Hashable {
    public var ruleID: String
    public var environment: String
    public var address: String
    public var subject: String
    public var message: String
    /// For a finding that stands for its whole group (``Finding/summarizesGroup``): the group's members as
    /// `environment|address`, so a member added later makes the finding new again.
    public var members: [String]?

    public init(
        ruleID: String, environment: String, address: String, subject: String, message: String,
        members: [String]? = nil
    ) {
        self.ruleID = ruleID
        self.environment = environment
        self.address = address
        self.subject = subject
        self.message = message
        self.members = members
    }

    /// The same key as ``Finding/fingerprint``.
    public var fingerprint: String { [ruleID, environment, address, subject].joined(separator: "|") }
}
