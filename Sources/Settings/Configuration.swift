import Foundation
import LintCore

/// `.vpcelint.yml`: the settings of a project. Every field is optional; command-line flags override it.
public struct Configuration: Sendable, Equatable {
    /// `hubs:`, as `--hub`: environment names, VPC ids or Name tags (or, with `environments.by_tag`, tag values).
    public var hubs: [String] = []
    /// `region:` the price region for endpoints whose own region has no price in the table.
    public var region: String?
    public var currency: String?
    public var exchangeRate: Double?
    public var hoursPerMonth: Double?
    /// `rules:` per rule id or name.
    public var rules: [RuleSetting] = []
    /// `environments.files:` glob -> environment name, first match wins.
    public var environmentFiles: [(glob: String, name: String)] = []
    /// `environments.by_tag:` the VPC tag whose value names a resource's environment.
    public var environmentTag: String?
    /// `environments.workspace_key_prefix:` the backend's `workspace_key_prefix` when it is not `env:`
    /// (``BackendLayout``).
    public var workspaceKeyPrefix: String?
    /// `exclude:` globs of paths left out of the inputs, relative to the file's directory (``ExcludePattern``).
    public var excludes: [String] = []
    /// `ignore:` suppressions with accountability.
    public var ignores: [IgnoreEntry] = []
    /// `source:` one `[ENV=]DIR` or a list, relative to the file's directory (as `--source`).
    public var sources: [String] = []
    /// The file it was read from.
    public var path: String?
    /// `FILE:LINE:COLUMN` of the value of `currency`, `exchange_rate`, `hours_per_month` and
    /// `environments.by_tag`, for messages that judge them against other settings or the inputs.
    public var places: [String: String] = [:]

    public init() {}

    public static func == (lhs: Configuration, rhs: Configuration) -> Bool {
        lhs.hubs == rhs.hubs && lhs.region == rhs.region && lhs.currency == rhs.currency
            && lhs.exchangeRate == rhs.exchangeRate && lhs.hoursPerMonth == rhs.hoursPerMonth && lhs.rules == rhs.rules
            && lhs.environmentFiles.map(\.glob) == rhs.environmentFiles.map(\.glob)
            && lhs.environmentFiles.map(\.name) == rhs.environmentFiles.map(\.name)
            && lhs.environmentTag == rhs.environmentTag && lhs.ignores == rhs.ignores && lhs.path == rhs.path
            && lhs.sources == rhs.sources
            && lhs.workspaceKeyPrefix == rhs.workspaceKeyPrefix && lhs.excludes == rhs.excludes
    }

    /// The name looked for in the current directory and its parents when `--config` is not given.
    public static let defaultFileName = ".vpcelint.yml"

    /// `--config FILE`, else the first `.vpcelint.yml` of ``searchedDirectories(from:)``, else the empty
    /// configuration (its `path` is `nil`).
    public static func resolve(explicit: String?, directory: String = ".") throws(CheckError) -> Configuration {
        if let explicit { return try load(path: explicit) }
        for candidate in searchedDirectories(from: directory).map({ $0 + "/" + defaultFileName }) {
            let path = candidate.hasPrefix("./") ? String(candidate.dropFirst(2)) : candidate
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        return Configuration()
    }

    /// Where `.vpcelint.yml` is looked for, as `.swiftlint.yml` and `.tflint.hcl` are: `directory`, then each
    /// parent up to and including the repository root (the first with a `.git` entry, file or directory),
    /// never above it. Outside a repository only `directory` itself. Parents are written relative to
    /// `directory` (`../..`), so messages name the file as a user in `directory` would reach it.
    public static func searchedDirectories(from directory: String = ".") -> [String] {
        var absolute = URL(fileURLWithPath: directory).standardizedFileURL
        var relative = directory
        var directories = [String]()
        while true {
            directories.append(relative)
            if FileManager.default.fileExists(atPath: absolute.appendingPathComponent(".git").path) {
                return directories
            }
            let parent = absolute.deletingLastPathComponent().standardizedFileURL
            guard parent.path != absolute.path else { return [directory] }
            absolute = parent
            relative = relative == "." ? ".." : relative + "/.."
        }
    }

    /// Reads and validates one file; unknown keys and wrong types name the key, line and column.
    public static func load(path: String) throws(CheckError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckError("--config \(path): cannot read this file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CheckError("\(path): not UTF-8 text")
        }
        var configuration = try parse(text, path: path)
        configuration.path = path
        return configuration
    }

    /// Parses the text of a configuration file named `path` (for messages).
    public static func parse(_ text: String, path: String) throws(CheckError) -> Configuration {
        try ConfigurationParser(reader: YAMLReader(path: path)).parse(text)
    }
}

/// `rules: {RULE: {enabled, severity}}` (or `RULE: false`, or `RULE: warning`).
public struct RuleSetting: Sendable, Equatable {
    /// Id or name as written.
    public var rule: String
    public var enabled: Bool?
    public var severity: Severity?
    /// `FILE:LINE` of the entry, for messages.
    public var place: String

    public init(rule: String, enabled: Bool? = nil, severity: Severity? = nil, place: String) {
        self.rule = rule
        self.enabled = enabled
        self.severity = severity
        self.place = place
    }
}

/// One `ignore:` entry: which findings it suppresses, why and until when.
public struct IgnoreEntry: Sendable, Equatable {
    /// Id or name.
    public var rule: String
    public var environment: String?
    /// A glob over the Terraform address: `*` any run of characters, `?` one, all else literal.
    public var address: String
    public var reason: String
    /// `YYYY-MM-DD`: the last day the entry holds.
    public var until: String?
    /// `FILE:LINE` of the entry.
    public var place: String

    public init(
        rule: String, environment: String? = nil, address: String, reason: String, until: String? = nil,
        place: String
    ) {
        self.rule = rule
        self.environment = environment
        self.address = address
        self.reason = reason
        self.until = until
        self.place = place
    }
}
