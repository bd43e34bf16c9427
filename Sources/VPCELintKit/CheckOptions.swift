import LintCore
import Reporters

/// The tool's version, as `--version` and every report state it.
public enum VPCELint {
    public static let version = "0.1.0"
}

/// The lowest severity that fails a run (`--fail-on`); `never` fails on nothing.
public enum FailThreshold: String, CaseIterable, Sendable {
    case error
    case warning
    case note
    case never

    /// The lowest failing severity, or `nil` for `never`.
    public var minimumSeverity: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .note: return .note
        case .never: return nil
        }
    }
}

/// The process exit status (ruff's convention).
public enum ExitStatus: Int32, Sendable {
    /// Nothing at or above `--fail-on`.
    case clean = 0
    /// A finding at or above `--fail-on`, or with `--fail-on-unknown` an unknown.
    case findings = 1
    /// Bad input, bad usage or an internal error.
    case error = 2

    /// The status of a finished run. Unknowns fail only with `failOnUnknown`, and then whatever their severity.
    public static func of(_ result: LintResult, failOn: FailThreshold, failOnUnknown: Bool) -> ExitStatus {
        if failOnUnknown, !result.unknowns.isEmpty { return .findings }
        guard let minimum = failOn.minimumSeverity else { return .clean }
        return result.findings.contains { $0.severity >= minimum } ? .findings : .clean
    }
}

/// `--env NAME=PATH`: the environment name of one input (a file, a directory's files, or `-`).
public struct EnvironmentAssignment: Sendable, Hashable {
    public var name: String
    public var path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// Every `--env NAME=PATH` argument of a command, or a usage error naming the first malformed one.
    public static func parse(_ arguments: [String]) throws(CheckError) -> [EnvironmentAssignment] {
        var assignments = [EnvironmentAssignment]()
        for argument in arguments {
            guard let assignment = EnvironmentAssignment(argument: argument) else {
                throw CheckError("--env \(argument): expected NAME=PATH, e.g. --env prd=states/prod.json")
            }
            assignments.append(assignment)
        }
        return assignments
    }

    /// Parses `NAME=PATH`, splitting at the first `=`; `nil` when either side is empty.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard !name.isEmpty, !path.isEmpty, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            return nil
        }
        self.init(name: name, path: path)
    }
}

/// Everything `vpcelint check` takes.
public struct CheckOptions: Sendable {
    /// Files, directories or `-`; when empty, the paths of `environments`.
    public var paths: [String]
    public var environments: [EnvironmentAssignment]
    public var format: OutputFormat
    /// Colour the text report (the caller knows whether stdout is a terminal).
    public var colour: Bool
    public var failOn: FailThreshold
    public var failOnUnknown: Bool
    /// `--hub`: environment names, VPC ids or Name tags of the hub VPCs; empty means inferred.
    public var hubSelectors: [String]
    /// `--disable`: rule ids or names.
    public var disabledRules: [String]
    public var hoursPerMonth: Double?
    public var currency: String
    /// Units of `currency` per USD; required when `currency` is not USD.
    public var exchangeRate: Double?
    /// Configuration file, suppressions, baselines and `--new-only`.
    public var adoption = AdoptionOptions()

    public init(
        paths: [String], environments: [EnvironmentAssignment] = [], format: OutputFormat = .text,
        colour: Bool = false, failOn: FailThreshold = .error, failOnUnknown: Bool = false,
        hubSelectors: [String] = [], disabledRules: [String] = [], hoursPerMonth: Double? = nil,
        currency: String = "USD", exchangeRate: Double? = nil
    ) {
        self.paths = paths
        self.environments = environments
        self.format = format
        self.colour = colour
        self.failOn = failOn
        self.failOnUnknown = failOnUnknown
        self.hubSelectors = hubSelectors
        self.disabledRules = disabledRules
        self.hoursPerMonth = hoursPerMonth
        self.currency = currency
        self.exchangeRate = exchangeRate
    }

    /// The prices and report currency these options ask for, or the usage error.
    public func pricing() throws(CheckError) -> Pricing {
        let code = currency.uppercased()
        guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw CheckError("--currency '\(currency)' is not a three-letter ISO 4217 code such as USD or JPY")
        }
        if let hoursPerMonth, !(hoursPerMonth > 0 && hoursPerMonth <= 744) {
            throw CheckError("--hours-per-month \(hoursPerMonth) is outside 0 < N <= 744 (31 days x 24 h)")
        }
        if let exchangeRate, !(exchangeRate > 0 && exchangeRate.isFinite) {
            throw CheckError("--exchange-rate \(exchangeRate) must be a positive number of \(code) per USD")
        }
        if code != "USD", exchangeRate == nil {
            throw CheckError("--currency \(code) needs --exchange-rate N (\(code) per USD)")
        }
        if code == "USD", let exchangeRate, exchangeRate != 1 {
            throw CheckError("--exchange-rate applies only with a --currency other than USD")
        }
        return Pricing(hoursPerMonth: hoursPerMonth, currency: code, exchangeRate: exchangeRate ?? 1)
    }
}

/// A usage or input error: one line per problem, each naming the input or option at fault. Exit status 2.
public struct CheckError: Error, Sendable, Equatable, CustomStringConvertible {
    public var lines: [String]

    public init(_ line: String) {
        self.lines = [line]
    }

    public init(lines: [String]) {
        self.lines = lines
    }

    public var description: String { lines.joined(separator: "\n") }
}
