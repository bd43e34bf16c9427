import Foundation
import LintCore

extension CheckOptions {
    /// These options with the configuration file's settings filled in where no flag gave them: `--hub`
    /// replaces `hubs:`, `--currency`/`--exchange-rate` replace `currency:`/`exchange_rate:`,
    /// `--hours-per-month` replaces `hours_per_month:`, and `--disable` adds to the rules turned off.
    public func merging(_ configuration: Configuration) -> CheckOptions {
        var options = self
        if options.hubSelectors.isEmpty { options.hubSelectors = configuration.hubs }
        if options.currency.uppercased() == "USD", options.exchangeRate == nil, let currency = configuration.currency {
            options.currency = currency
            options.exchangeRate = configuration.exchangeRate
        } else if options.exchangeRate == nil, configuration.currency == nil {
            options.exchangeRate = configuration.exchangeRate
        }
        if options.hoursPerMonth == nil { options.hoursPerMonth = configuration.hoursPerMonth }
        options.disabledRules += configuration.rules.filter { $0.enabled == false }.map(\.rule)
        return options
    }
}

extension Pipeline {
    /// The configuration these options name or find; the empty one when there is none.
    func configuration(_ options: CheckOptions) throws(CheckError) -> Configuration {
        let adoption = options.adoption
        guard adoption.configPath != nil || adoption.searchesForConfiguration else { return Configuration() }
        return try Configuration.resolve(explicit: adoption.configPath)
    }

    /// Prices with the configuration's fallback region, which must have a price.
    func pricing(_ options: CheckOptions, _ configuration: Configuration) throws(CheckError) -> Pricing {
        var pricing = try options.pricing()
        if let region = configuration.region {
            guard pricing.table.regions[region] != nil else {
                let known = pricing.table.regions.keys.sorted().joined(separator: ", ")
                throw CheckError(
                    "\(configuration.path ?? ".vpcelint.yml"): region: no price for `\(region)`; known: \(known)")
            }
            pricing.fallbackRegion = region
        }
        return pricing
    }

    /// Severity per rule id from `rules:`; a rule the registry lacks is an error naming its place.
    func severityOverrides(_ configuration: Configuration) throws(CheckError) -> [String: Severity] {
        var overrides = [String: Severity]()
        var errors = [String]()
        for setting in configuration.rules {
            guard let rule = RuleCatalog.find(setting.rule, in: rules) else {
                errors.append("\(setting.place): rules.\(setting.rule): no such rule; `vpcelint rules` lists them")
                continue
            }
            if let severity = setting.severity { overrides[rule.description.id] = severity }
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        return overrides
    }

    /// Inputs named by `environments.files` globs (first match) unless `--env` named them.
    func naming(_ inputs: [LintInput], _ options: CheckOptions, _ configuration: Configuration) -> [LintInput] {
        guard !configuration.environmentFiles.isEmpty else { return inputs }
        let explicit = Set(options.environments.map { Self.standardized($0.path) })
        return inputs.map { input in
            let path = Self.standardized(input.path)
            guard input.path != "-", !explicit.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else {
                return input
            }
            let name = (input.path as NSString).lastPathComponent
            let match = configuration.environmentFiles.first { entry in
                Glob(pattern: entry.glob).matches(entry.glob.contains("/") ? input.path : name)
            }
            guard let match else { return input }
            return LintInput(path: input.path, environment: match.name)
        }
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Today as `YYYY-MM-DD` in UTC, the day `until:` dates are compared with.
    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// Now as ISO 8601 in UTC, for a baseline's `created`.
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
