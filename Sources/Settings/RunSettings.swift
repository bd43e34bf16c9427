import Foundation
import LintCore
import NetworkModel

/// The flags every command shares (`check`, `trace` and `consolidate` take them through one `@OptionGroup`):
/// `--config`, `--env`, `--exclude`, `--hub`, `--hours-per-month`, `--currency`, `--exchange-rate`, `--source`.
/// `nil` means "not given", so a flag equal to its default still beats the configuration file.
public struct SharedFlags: Sendable, Equatable {
    /// `--config FILE`.
    public var configPath: String?
    /// Without `--config`, read the first `.vpcelint.yml` of the current directory and its parents up to the
    /// repository root (``Configuration/searchedDirectories(from:)``; the CLI does; library callers choose).
    public var searchesForConfiguration: Bool
    /// `--env NAME=PATH`, as typed.
    public var environments: [String]
    /// `--hub SELECTOR`: environment names, VPC ids or Name tags.
    public var hubs: [String]
    public var hoursPerMonth: Double?
    /// `--currency CODE`.
    public var currency: String?
    /// `--exchange-rate N`: units of the report currency per USD.
    public var exchangeRate: Double?
    /// `--source [ENV=]DIR` (repeatable): the Terraform root modules findings point into.
    public var sources: [String] = []
    /// `--exclude GLOB`: paths left out of the inputs, relative to the current directory.
    public var excludes: [String] = []

    public init(
        configPath: String? = nil, searchesForConfiguration: Bool = false, environments: [String] = [],
        hubs: [String] = [], hoursPerMonth: Double? = nil, currency: String? = nil, exchangeRate: Double? = nil,
        sources: [String] = [], excludes: [String] = []
    ) {
        self.sources = sources
        self.excludes = excludes
        self.configPath = configPath
        self.searchesForConfiguration = searchesForConfiguration
        self.environments = environments
        self.hubs = hubs
        self.hoursPerMonth = hoursPerMonth
        self.currency = currency
        self.exchangeRate = exchangeRate
    }
}

/// A hub selector and where it was written, so a selector that matches nothing can be named with its source.
public struct HubSelector: Sendable, Hashable {
    public var value: String
    /// `--hub`, or `FILE: hubs`.
    public var source: String

    public init(value: String, source: String) {
        self.value = value
        self.source = source
    }
}

/// Everything a run is configured with, built once for every command from the flags, the configuration
/// file and the inputs: the inputs with their environment names, the hub selectors, the prices and report
/// currency, and the rules with their severities. A flag beats the file; a name that matches nothing (a
/// rule, an environment glob, a hub selector) is a usage error naming it.
public struct RunSettings: Sendable {
    public var configuration: Configuration
    /// Every input, in argument order, named by `--env`, else `environments.files`, else its file name (or
    /// its place in a backend layout).
    public var inputs: [LintInput]
    /// Files of directory inputs left out as not Terraform output.
    public var skipped: [SkippedInput] = []
    /// What the user must be told about the inputs (skipped files, folders not read, excludes that matched
    /// nothing, inputs joined into one environment by the backend layout), one sentence each for stderr.
    public var notices: [String] = []
    public var hubSelectors: [HubSelector]
    public var pricing: Pricing
    /// The registry minus the rules turned off by `--disable` or `rules: {RULE: false}`.
    public var rules: [any Rule.Type]
    /// Severity per rule id from `rules:`.
    public var severities: [String: Severity]
    /// Environment -> its Terraform root module (`--source`, else `source:`); empty without either.
    public var sourceRoots: [String: String] = [:]

    /// Reads the configuration and checks every setting; throws ``CheckError`` with one line per problem.
    /// `registry` is every rule the run could use; `disabledRules` are `--disable` values.
    public init(
        paths: [String], flags: SharedFlags, registry: [any Rule.Type], disabledRules: [String] = []
    ) throws(CheckError) {
        let configuration =
            flags.configPath != nil || flags.searchesForConfiguration
            ? try Configuration.resolve(explicit: flags.configPath) : Configuration()
        try self.init(
            configuration: configuration, paths: paths, flags: flags, registry: registry, disabledRules: disabledRules)
    }

    /// The same with a configuration already read (the fuzzer's, parsed from memory); `flags.configPath` is not
    /// looked at.
    public init(
        configuration: Configuration, paths: [String], flags: SharedFlags, registry: [any Rule.Type],
        disabledRules: [String] = []
    ) throws(CheckError) {
        self.configuration = configuration
        var errors = [String]()
        func collect<T>(_ step: () throws(CheckError) -> T) -> T? {
            do { return try step() } catch { errors += error.lines }
            return nil
        }
        pricing = collect { () throws(CheckError) in try Self.pricing(flags, configuration) } ?? Pricing()
        let ruleSettings = collect { () throws(CheckError) in
            try Self.rules(registry, disabled: disabledRules, configuration)
        }
        rules = ruleSettings?.enabled ?? []
        severities = ruleSettings?.severities ?? [:]
        hubSelectors =
            flags.hubs.isEmpty
            ? configuration.hubs.map { HubSelector(value: $0, source: "\(configuration.displayPath): hubs") }
            : flags.hubs.map { HubSelector(value: $0, source: "--hub") }
        let expanded = collect { () throws(CheckError) in
            let assignments = try EnvironmentAssignment.parse(flags.environments)
            var expanded = try InputExpansion.expand(
                paths: paths, environments: assignments, excludes: Self.excludes(flags, configuration),
                workspaceKeyPrefix: configuration.workspaceKeyPrefix ?? BackendLayout.defaultPrefix)
            expanded.inputs = try Self.naming(expanded.inputs, assignments, configuration)
            return expanded
        }
        inputs = expanded?.inputs ?? []
        skipped = expanded?.skipped ?? []
        notices = (expanded?.notices ?? []) + Self.joinedEnvironments(inputs)
        if errors.isEmpty {
            let entries = Self.sourceEntries(flags, configuration)
            let named = inputs
            sourceRoots = collect { () throws(CheckError) in try SourceRoots.resolve(entries, inputs: named) } ?? [:]
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
    }

    /// `--source` values, else the file's `source:` entries relative to the file's directory.
    static func sourceEntries(_ flags: SharedFlags, _ configuration: Configuration) -> [SourceRoots.Entry] {
        guard flags.sources.isEmpty else {
            return flags.sources.map { SourceRoots.Entry(value: $0, label: "--source") }
        }
        let label = "\(configuration.places["source"] ?? configuration.displayPath): source"
        let base = configuration.path.map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "." : $0 }
        return configuration.sources.map { SourceRoots.Entry(value: $0, label: label, base: base ?? ".") }
    }

    /// The hub selectors' values, as ``NetworkModel`` takes them.
    public var hubSelectorValues: [String] { hubSelectors.map(\.value) }

    /// The selectors the model is built with: each selector, plus the keys of the VPCs whose
    /// `environments.by_tag` tag equals one. A selector that matches no VPC of `model` (by environment, id,
    /// Name tag or environment tag) is a usage error naming it and its source.
    public func resolvedHubSelectors(in model: NetworkModel) throws(CheckError) -> [String] {
        var errors = [String]()
        var resolved = hubSelectorValues
        for selector in hubSelectors {
            let byTag = configuration.environmentTag.map { tag in
                model.vpcs.filter { $0.tags[tag] == selector.value }.map(\.key)
            }
            let matches = model.vpcs.contains { model.matches(selector.value, $0) } || byTag?.isEmpty == false
            if let byTag { resolved += byTag.filter { !resolved.contains($0) }.sorted() }
            guard !matches else { continue }
            let known = Set(model.vpcs.map(\.origin.environment)).sorted().joined(separator: ", ")
            errors.append(
                "\(selector.source) \(selector.value): matches no VPC of the inputs (no environment, VPC id or Name tag "
                    + "\(configuration.environmentTag.map { "or \($0) tag " } ?? "")by that name; environments with "
                    + "VPCs: \(known.isEmpty ? "none" : known)); check the spelling, or add the hub's state to the inputs"
            )
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return resolved
    }

    /// `environments.by_tag` names a tag that at least one VPC of `model` carries: a misspelt tag would
    /// otherwise leave every resource in its file's environment without a word.
    public func checkEnvironmentTag(in model: NetworkModel) throws(CheckError) {
        guard let tag = configuration.environmentTag, !model.vpcs.isEmpty,
            !model.vpcs.contains(where: { $0.tags[tag]?.isEmpty == false })
        else { return }
        let place = configuration.places["environments.by_tag"] ?? configuration.displayPath
        let known = Set(model.vpcs.flatMap(\.tags.keys)).sorted().joined(separator: ", ")
        throw CheckError(
            "\(place): environments.by_tag: no VPC of the inputs has the tag `\(tag)` (their tags: "
                + "\(known.isEmpty ? "none" : known)); check its spelling")
    }

    /// Inputs named by `environments.files` globs (first match) unless `--env` named them; a glob that
    /// matches no input is an error.
    static func naming(
        _ inputs: [LintInput], _ assignments: [EnvironmentAssignment], _ configuration: Configuration
    ) throws(CheckError) -> [LintInput] {
        guard !configuration.environmentFiles.isEmpty else { return inputs }
        let explicit = Set(assignments.map { standardized($0.path) })
        var used = Set<Int>()
        let named = inputs.map { input in
            let name = (input.path as NSString).lastPathComponent
            let match = configuration.environmentFiles.indices.first { index in
                let glob = configuration.environmentFiles[index].glob
                return input.path != "-" && Glob(pattern: glob).matches(glob.contains("/") ? input.path : name)
            }
            guard let match else { return input }
            used.insert(match)
            let path = standardized(input.path)
            guard !explicit.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return input }
            return LintInput(path: input.path, environment: configuration.environmentFiles[match].name)
        }
        let unused = configuration.environmentFiles.indices.filter { !used.contains($0) }
        guard unused.isEmpty else {
            let files = inputs.map(\.path).joined(separator: ", ")
            throw CheckError(
                lines: unused.map {
                    let entry = configuration.environmentFiles[$0]
                    let place = configuration.places["environments.files." + entry.glob] ?? configuration.displayPath
                    return "\(place): environments.files: `\(entry.glob)` (\(entry.name)) "
                        + "matches no input (inputs: \(files))"
                })
        }
        return named
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The enabled rules and the severities of `rules:`; `--disable` or `rules:` naming no rule is an error.
    static func rules(
        _ registry: [any Rule.Type], disabled: [String], _ configuration: Configuration
    ) throws(CheckError) -> (enabled: [any Rule.Type], severities: [String: Severity]) {
        var off = Set<String>()
        var severities = [String: Severity]()
        var errors = [String]()
        for name in disabled {
            guard let rule = RuleLookup.find(name, in: registry) else {
                errors.append("--disable \(name): no such rule; `vpcelint rules` lists them")
                continue
            }
            off.insert(rule.description.id)
        }
        for setting in configuration.rules {
            guard let rule = RuleLookup.find(setting.rule, in: registry) else {
                errors.append("\(setting.place): rules.\(setting.rule): no such rule; `vpcelint rules` lists them")
                continue
            }
            if setting.enabled == false { off.insert(rule.description.id) }
            if let severity = setting.severity { severities[rule.description.id] = severity }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return (registry.filter { !off.contains($0.description.id) }, severities)
    }

    /// Prices and the report currency. Each value comes from its flag when given, else from the file, else
    /// the default; an exchange rate belongs to the currency it was given with, so `--currency USD` against a
    /// file's `currency: JPY` / `exchange_rate: 150` reports in USD at 1.
    public static func pricing(_ flags: SharedFlags, _ configuration: Configuration) throws(CheckError) -> Pricing {
        let file = configuration.displayPath
        /// `FILE:LINE:COLUMN: KEY` of a file's value (its numbers and code were checked when it was read).
        func source(_ key: String) -> String { "\(configuration.places[key] ?? file): \(key)" }
        let currency: (code: String, source: String)
        var rate: (value: Double, source: String)?
        let flagRate = flags.exchangeRate.map { (value: $0, source: "--exchange-rate") }
        let fileRate = configuration.exchangeRate.map { (value: $0, source: source("exchange_rate")) }
        if let code = flags.currency {
            currency = (code, "--currency")
            let sameAsFile = configuration.currency?.uppercased() == code.uppercased()
            rate = flagRate ?? (sameAsFile ? fileRate : nil)
        } else if let code = configuration.currency {
            currency = (code, source("currency"))
            rate = flagRate ?? fileRate
        } else {
            currency = ("USD", "--currency")
            rate = flagRate ?? fileRate
        }
        if let problem = SettingLimits.currencyProblem(currency.code) {
            throw CheckError("\(currency.source) \(problem)")
        }
        let code = currency.code.uppercased()
        let hours =
            flags.hoursPerMonth.map { (value: $0, source: "--hours-per-month") }
            ?? configuration.hoursPerMonth.map { (value: $0, source: source("hours_per_month")) }
        if let hours, let problem = SettingLimits.hoursProblem(hours.value) {
            throw CheckError("\(hours.source) \(problem)")
        }
        if let rate, let problem = SettingLimits.exchangeRateProblem(rate.value, currency: code) {
            throw CheckError("\(rate.source) \(problem)")
        }
        if code != "USD", rate == nil {
            throw CheckError("\(currency.source) \(code) needs --exchange-rate N (\(code) per USD)")
        }
        if code == "USD", let rate, rate.value != 1 {
            throw CheckError("\(rate.source) applies only with a --currency other than USD")
        }
        var pricing = Pricing(hoursPerMonth: hours?.value, currency: code, exchangeRate: rate?.value ?? 1)
        if let region = configuration.region {
            guard pricing.table.regions[region] != nil else {
                let known = pricing.table.regions.keys.sorted().joined(separator: ", ")
                throw CheckError("\(source("region")): no price for `\(region)`; known: \(known)")
            }
            pricing.fallbackRegion = region
        }
        return pricing
    }
}

extension Configuration {
    /// The file's path for messages (`.vpcelint.yml` when it was not read from a file).
    public var displayPath: String { path ?? Configuration.defaultFileName }
}
