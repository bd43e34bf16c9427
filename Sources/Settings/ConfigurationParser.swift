import LintCore
import Yams

/// Walks the YAML tree of `.vpcelint.yml` into a ``Configuration``. The schema is README.md's
/// "Configuration file"; anything else is an error naming the key and its line.
struct ConfigurationParser {
    var reader: YAMLReader

    static let topLevelKeys = [
        "hubs", "region", "currency", "exchange_rate", "hours_per_month", "rules", "environments", "ignore", "source",
        "exclude",
    ]

    func parse(_ text: String) throws(CheckError) -> Configuration {
        var configuration = Configuration()
        guard let root = try reader.compose(text) else { return configuration }
        if case .scalar(let scalar) = root, scalar.string.isEmpty || root.tagName == .null { return configuration }
        let pairs = try reader.pairs(root, "")
        try reader.checkKeys(pairs, allowed: Self.topLevelKeys, in: "")
        for (key, _, value) in pairs {
            if let place = reader.place(value) { configuration.places[key] = place }
            switch key {
            case "hubs": configuration.hubs = try reader.strings(value, key)
            case "region": configuration.region = try reader.string(value, key)
            case "currency": configuration.currency = try currency(value)
            case "exchange_rate": configuration.exchangeRate = try exchangeRate(value, root: pairs)
            case "hours_per_month":
                let hours = try reader.number(value, key)
                if let problem = SettingLimits.hoursProblem(hours) { throw reader.error(value, key, problem) }
                configuration.hoursPerMonth = hours
            case "rules": configuration.rules = try rules(value)
            case "environments": try environments(value, into: &configuration)
            case "source":
                if case .scalar = value {
                    configuration.sources = [try reader.string(value, key)]
                } else {
                    configuration.sources = try reader.strings(value, key)
                }
            case "exclude":
                configuration.excludes = try reader.strings(value, key)
                if let empty = configuration.excludes.first(where: \.isEmpty) {
                    throw reader.error(value, key, "`\(empty)`: an empty pattern")
                }
            default: configuration.ignores = try ignores(value)
            }
        }
        return configuration
    }

    private func currency(_ node: Node) throws(CheckError) -> String {
        let code = try reader.string(node, "currency")
        if let problem = SettingLimits.currencyProblem(code) { throw reader.error(node, "currency", problem) }
        return code
    }

    /// A rate of the file's `currency:` (USD when it names none) per USD.
    private func exchangeRate(
        _ node: Node, root: [(key: String, keyNode: Node, value: Node)]
    ) throws(CheckError) -> Double {
        let rate = try reader.number(node, "exchange_rate")
        let currency = root.first { $0.key == "currency" }.flatMap { pair -> String? in
            guard case .scalar(let scalar) = pair.value else { return nil }
            return scalar.string.uppercased()
        }
        if let problem = SettingLimits.exchangeRateProblem(rate, currency: currency ?? "USD") {
            throw reader.error(node, "exchange_rate", problem)
        }
        return rate
    }

    private func place(_ node: Node) -> String {
        node.mark.map { "\(reader.path):\($0.line)" } ?? reader.path
    }

    private func rules(_ node: Node) throws(CheckError) -> [RuleSetting] {
        var settings = [RuleSetting]()
        for (rule, keyNode, value) in try reader.pairs(node, "rules") {
            let key = "rules.\(rule)"
            var setting = RuleSetting(rule: rule, place: place(keyNode))
            if case .mapping = value {
                let pairs = try reader.pairs(value, key)
                try reader.checkKeys(pairs, allowed: ["enabled", "severity"], in: key)
                for (name, _, item) in pairs {
                    if name == "enabled" {
                        setting.enabled = try reader.bool(item, "\(key).enabled")
                    } else {
                        setting.severity = try severity(item, "\(key).severity")
                    }
                }
            } else if value.tagName == .bool, case .scalar(let scalar) = value, scalar.style == .plain {
                setting.enabled = try reader.bool(value, key)
            } else {
                setting.severity = try severity(value, key)
            }
            settings.append(setting)
        }
        return settings
    }

    private func severity(_ node: Node, _ key: String) throws(CheckError) -> Severity {
        let text = try reader.string(node, key)
        guard let severity = Severity(rawValue: text) else {
            throw reader.error(node, key, "`\(text)` is not a severity; expected error, warning or note")
        }
        return severity
    }

    private func environments(_ node: Node, into configuration: inout Configuration) throws(CheckError) {
        let pairs = try reader.pairs(node, "environments")
        try reader.checkKeys(pairs, allowed: ["files", "by_tag", "workspace_key_prefix"], in: "environments")
        for (key, _, value) in pairs {
            if key == "workspace_key_prefix" {
                let prefix = try reader.string(value, "environments.workspace_key_prefix")
                guard prefix.split(separator: "/").isEmpty == false else {
                    throw reader.error(
                        value, "environments.workspace_key_prefix", "expected the backend's prefix, e.g. `workspaces`")
                }
                configuration.workspaceKeyPrefix = prefix
                continue
            }
            if key == "by_tag" {
                configuration.environmentTag = try reader.string(value, "environments.by_tag")
                if let place = reader.place(value) { configuration.places["environments.by_tag"] = place }
                continue
            }
            for (glob, globNode, name) in try reader.pairs(value, "environments.files") {
                if let place = reader.place(globNode) { configuration.places["environments.files." + glob] = place }
                let environment = try reader.string(name, "environments.files.\(glob)")
                guard !environment.isEmpty else {
                    throw reader.error(name, "environments.files.\(glob)", "the environment name is empty")
                }
                configuration.environmentFiles.append((glob, environment))
            }
        }
    }

    private func ignores(_ node: Node) throws(CheckError) -> [IgnoreEntry] {
        var entries = [IgnoreEntry]()
        for (index, item) in try reader.sequence(node, "ignore").enumerated() {
            entries.append(try ignore(item, key: "ignore[\(index)]"))
        }
        return entries
    }

    private func ignore(_ node: Node, key: String) throws(CheckError) -> IgnoreEntry {
        let pairs = try reader.pairs(node, key)
        try reader.checkKeys(pairs, allowed: ["rule", "environment", "address", "reason", "until"], in: key)
        var values = [String: String]()
        for (name, _, value) in pairs { values[name] = try reader.string(value, "\(key).\(name)") }
        for required in ["rule", "address", "reason"] where (values[required] ?? "").allSatisfy(\.isWhitespace) {
            throw reader.error(node, "\(key).\(required)", "required (a suppression must say what, where and why)")
        }
        if let until = values["until"], !SettingLimits.isDate(until) {
            let valueNode = pairs.first { $0.key == "until" }?.value ?? node
            throw reader.error(valueNode, "\(key).until", "`\(until)` is not a date YYYY-MM-DD of the calendar")
        }
        return IgnoreEntry(
            rule: values["rule"] ?? "", environment: values["environment"], address: values["address"] ?? "",
            reason: values["reason"] ?? "", until: values["until"], place: place(node))
    }
}
