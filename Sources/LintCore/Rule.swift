import NetworkModel

/// How bad a finding is. Ordered: `note` < `warning` < `error`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The area a rule belongs to; a field, not part of the id.
public enum RuleCategory: String, Sendable, Codable, CaseIterable {
    case cost
    case routing
    case dns
    case security
    /// Sets of endpoints a workload needs together.
    case coverage
}

/// A real fixture scenario and exactly what a rule must flag in it (SwiftLint's `↓`, checkov's `fail:`).
public struct RuleExample: Sendable, Hashable {
    /// Scenario folder under `fixtures/`, e.g. `hub-spoke-broken`.
    public var scenario: String
    /// Addresses this rule must flag there (empty for a non-triggering example).
    public var flags: [String]

    /// A scenario in which this rule flags exactly `flags`.
    public static func fixture(_ scenario: String, flags: [String] = []) -> RuleExample {
        RuleExample(scenario: scenario, flags: flags)
    }
}

/// A rule's static description: used for documentation, `vpcelint rules|explain`, and testing.
public struct RuleDescription: Sendable {
    /// `VPCE` + three digits, never reused.
    public var id: String
    /// Kebab-case name of the problem, e.g. `missing-reverse-route`.
    public var name: String
    /// One line.
    public var summary: String
    public var category: RuleCategory
    public var defaultSeverity: Severity
    /// Markdown.
    public var whatItDoes: String
    /// Markdown: the symptom a user sees.
    public var whyItMatters: String
    /// Markdown.
    public var howToFix: String
    /// Markdown paragraph on how savings are counted, or `nil` when the rule has none.
    public var savings: String?
    /// URLs.
    public var references: [String]
    public var triggeringExamples: [RuleExample]
    public var nonTriggeringExamples: [RuleExample]

    public init(
        id: String, name: String, summary: String, category: RuleCategory, defaultSeverity: Severity,
        whatItDoes: String, whyItMatters: String, howToFix: String, savings: String? = nil, references: [String],
        triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample]
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.whatItDoes = whatItDoes
        self.whyItMatters = whyItMatters
        self.howToFix = howToFix
        self.savings = savings
        self.references = references
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }
}

/// What rules may read besides the model: prices and run settings.
public struct RuleContext: Sendable {
    public var pricing: Pricing

    public init(pricing: Pricing) {
        self.pricing = pricing
    }
}

/// A check over the joined network model.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// Pure: reads the joined model, returns findings. No I/O, no printing, no global state.
    func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding]
}

extension Rule {
    /// A finding of this rule at its default severity.
    public func finding(
        at origin: Origin, message: String, fix: String, subject: String = "", related: [Origin] = [],
        savings: MonthlyCost? = nil, status: FindingStatus = .violation, relatedTotal: Int? = nil,
        group: FindingGroup? = nil, summarizesGroup: Bool = false
    ) -> Finding {
        let description = Self.description
        return Finding(
            ruleID: description.id, ruleName: description.name, severity: description.defaultSeverity,
            location: origin, message: message, remediation: fix, subject: subject, related: related,
            savings: savings, status: status, relatedTotal: relatedTotal, group: group,
            summarizesGroup: summarizesGroup)
    }
}

/// Finding rules by what users type.
public enum RuleLookup {
    /// The rule whose id (any case) or name is `name`.
    public static func find(_ name: String, in rules: [any Rule.Type]) -> (any Rule.Type)? {
        rules.first { $0.description.id.lowercased() == name.lowercased() || $0.description.name == name }
    }
}
