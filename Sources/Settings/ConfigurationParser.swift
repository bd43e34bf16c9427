import LintCore
import Yams

/// Walks the YAML tree of `.vpcelint.yml` into a ``Configuration``. The schema is README.md's
/// "Configuration file"; anything else is an error naming the key and its line.
struct ConfigurationParser {
    var reader: YAMLReader

    static let topLevelKeys = [
        "hubs", "region", "currency", "exchange_rate", "hours_per_month", "rules", "environments", "ignore",
    ]

    func parse(_ text: String) throws(CheckError) -> Configuration {
        var configuration = Configuration()
        guard let root = try reader.compose(text) else { return configuration }
        if case .scalar(let scalar) = root, scalar.string.isEmpty || root.tagName == .null { return configuration }
        let pairs = try reader.pairs(root, "")
        try reader.checkKeys(pairs, allowed: Self.topLevelKeys, in: "")
        for (key, _, value) in pairs {
            switch key {
            case "hubs": configuration.hubs = try reader.strings(value, key)
            case "region": configuration.region = try reader.string(value, key)
            case "currency": configuration.currency = try reader.string(value, key)
            case "exchange_rate": configuration.exchangeRate = try reader.number(value, key)
            case "hours_per_month": configuration.hoursPerMonth = try reader.number(value, key)
            case "rules": configuration.rules = try rules(value)
            case "environments": try environments(value, into: &configuration)
            default: configuration.ignores = try ignores(value)
            }
        }
        return configuration
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
        try reader.checkKeys(pairs, allowed: ["files", "by_tag"], in: "environments")
        for (key, _, value) in pairs {
            if key == "by_tag" {
                configuration.environmentTag = try reader.string(value, "environments.by_tag")
                continue
            }
            for (glob, _, name) in try reader.pairs(value, "environments.files") {
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
        if let until = values["until"], !Self.isDate(until) {
            let valueNode = pairs.first { $0.key == "until" }?.value ?? node
            throw reader.error(valueNode, "\(key).until", "`\(until)` is not a date YYYY-MM-DD")
        }
        return IgnoreEntry(
            rule: values["rule"] ?? "", environment: values["environment"], address: values["address"] ?? "",
            reason: values["reason"] ?? "", until: values["until"], place: place(node))
    }

    /// `YYYY-MM-DD` with a real month and day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
