import Foundation
import LintCore
import Reporters
import Yams

/// A baseline file (`--write-baseline`, `--baseline`): the findings a team has accepted, keyed by fingerprint
/// (rule, environment, address, subject), never by AWS IDs, which change when resources are replaced.
public struct Baseline: Sendable, Equatable {
    public static let version = 1
    public var created: String
    public var entries: [BaselineEntry]

    public init(created: String, entries: [BaselineEntry]) {
        self.created = created
        self.entries = entries
    }

    /// The baseline of `findings`; messages lose any AWS ID so the file stays stable across replacements.
    public init(findings: [Finding], created: String) {
        let unique = Dictionary(findings.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        self.created = created
        self.entries = unique.values.sorted(by: Finding.ordered).map {
            BaselineEntry(
                ruleID: $0.ruleID, environment: $0.location.environment, address: $0.location.address,
                subject: $0.subject, message: Self.withoutAWSIDs($0.message),
                members: $0.summarizesGroup
                    ? $0.group.map { group in
                        group.members.map { Self.memberKey(environment: $0.environment, address: $0.address) }
                    } : nil)
        }
    }

    /// A group member as a baseline records it.
    static func memberKey(environment: String, address: String) -> String {
        environment + "|" + address
    }

    /// Splits `findings` into new ones and those the baseline lists; also the entries nothing matches. A finding
    /// that stands for its group is new, with its message saying why, when the group has a member its entry
    /// does not list (a copy added since).
    public func partition(_ findings: [Finding]) -> (new: [Finding], baselined: [Finding], stale: [BaselineEntry]) {
        let known = Dictionary(entries.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        let found = Set(findings.map(\.fingerprint))
        var new = [Finding]()
        var baselined = [Finding]()
        for finding in findings {
            guard let entry = known[finding.fingerprint] else {
                new.append(finding)
                continue
            }
            guard finding.summarizesGroup, let recorded = entry.members, let group = finding.group else {
                baselined.append(finding)
                continue
            }
            let members = Set(recorded)
            let added = group.members.filter {
                !members.contains(Self.memberKey(environment: $0.environment, address: $0.address))
            }
            guard !added.isEmpty else {
                baselined.append(finding)
                continue
            }
            var changed = finding
            changed.message +=
                "; \(added.count) of them \(added.count == 1 ? "is" : "are") not in the baseline: "
                + added.prefix(3).map { "`\($0.address)` (\($0.environment))" }.joined(separator: ", ")
                + (added.count > 3 ? " and \(added.count - 3) more" : "")
            new.append(changed)
        }
        return (new, baselined, entries.filter { !found.contains($0.fingerprint) })
    }

    /// The file's JSON text; `check --write-baseline` writes it with the run's reports, in one `OutputTransaction`.
    public func serialized() -> String {
        let rows = entries.map { JSONReporter.baselineEntry($0, withMembers: true) }
        let document = JSONNode.object([
            ("version", .int(Self.version)),
            ("tool", .string("vpcelint \(VPCELint.version)")),
            ("created", .string(created)),
            ("findings", .array(rows)),
        ])
        return document.serialized() + "\n"
    }

    /// Reads a baseline; a malformed file is an error naming the place and key.
    public static func load(path: String) throws(CheckError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw CheckError("--baseline \(path): cannot read this file") }
        return try parse(text, path: path)
    }

    /// A baseline's text (of the file at `path`, for messages).
    public static func parse(_ text: String, path: String) throws(CheckError) -> Baseline {
        let reader = YAMLReader(path: path)
        guard let root = try reader.compose(text) else { throw CheckError("\(path): empty baseline file") }
        let pairs = try reader.pairs(root, "")
        try reader.checkKeys(pairs, allowed: ["version", "tool", "created", "findings"], in: "")
        var baseline = Baseline(created: "", entries: [])
        for (key, _, value) in pairs {
            switch key {
            case "version":
                guard try reader.number(value, key) == Double(version) else {
                    throw reader.error(value, key, "unsupported baseline version; this vpcelint writes \(version)")
                }
            case "created": baseline.created = try reader.string(value, key)
            case "findings": baseline.entries = try entries(value, reader)
            default: _ = try reader.string(value, key)
            }
        }
        return baseline
    }

    private static func entries(_ node: Node, _ reader: YAMLReader) throws(CheckError) -> [BaselineEntry] {
        var entries = [BaselineEntry]()
        let fields = ["fingerprint", "rule_id", "environment", "address", "subject", "message", "members"]
        for (index, item) in try reader.sequence(node, "findings").enumerated() {
            let key = "findings[\(index)]"
            let pairs = try reader.pairs(item, key)
            try reader.checkKeys(pairs, allowed: fields, in: key)
            var values = [String: String]()
            var members: [String]?
            for (name, _, value) in pairs {
                if name == "members" {
                    var list = [String]()
                    for (offset, member) in try reader.sequence(value, "\(key).members").enumerated() {
                        list.append(try reader.string(member, "\(key).members[\(offset)]"))
                    }
                    members = list
                } else {
                    values[name] = try reader.string(value, "\(key).\(name)")
                }
            }
            for required in ["rule_id", "environment", "address"] where values[required] == nil {
                throw reader.error(item, "\(key).\(required)", "required")
            }
            entries.append(
                BaselineEntry(
                    ruleID: values["rule_id"] ?? "", environment: values["environment"] ?? "",
                    address: values["address"] ?? "", subject: values["subject"] ?? "",
                    message: values["message"] ?? "", members: members))
        }
        return entries
    }

    /// `vpc-0a1b…`, `pcx-…`, Route 53 zone ids and the like replaced by `<id>`.
    static func withoutAWSIDs(_ message: String) -> String {
        let patterns = [
            #"\b(vpc|subnet|rtb|pcx|vpce|sg|sgr|tgw|tgw-attach|eni|pl|igw|nat|acl)-[0-9a-f]{8,17}\b"#,
            #"\bZ[0-9A-Z]{9,31}\b"#,
        ]
        var text = message
        for pattern in patterns {
            text = text.replacingOccurrences(of: pattern, with: "<id>", options: .regularExpression)
        }
        return text
    }
}
