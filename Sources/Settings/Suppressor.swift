import LintCore
import NetworkModel
import TerraformShow

/// Applies suppressions: `ignore:` entries of the configuration and `vpcelint:ignore` tags on the flagged
/// resource (`tags` or `tags_all`, so a tag set through the provider's `default_tags` counts too).
/// An entry past its `until` date no longer suppresses: the finding stays and its message says so.
public struct Suppressor: Sendable {
    /// The tag key, and the tag that may carry the reason.
    // Under the prefix the loader keeps on every type (``LoadOptions/toolTagPrefix``).
    static let tagKey = LoadOptions.toolTagPrefix + "ignore"
    static let reasonTagKey = LoadOptions.toolTagPrefix + "reason"
    /// Where the two tags are in a resource's values, in `tags` then `tags_all` (the keys hold no dot).
    private static let tagPaths = ["tags", "tags_all"].map {
        (ignore: "\($0).\(tagKey)", reason: "\($0).\(reasonTagKey)")
    }

    /// An `ignore:` entry with its rule resolved to an id.
    struct Entry {
        var ruleID: String
        var entry: IgnoreEntry
        var address: Glob
    }

    var entries: [Entry]
    /// Rule ids a tag names, by `path|address` of the tagged resource, with the reason tag's value.
    var tagged: [String: (rules: Set<String>, reason: String?)]
    /// `YYYY-MM-DD`; an entry holds through its `until` day.
    var today: String

    /// Resolves the entries' rules (unknown ones are errors naming their place) and reads the tags.
    public init(
        ignores: [IgnoreEntry], documents: [TerraformDocument], rules: [any Rule.Type], today: String
    ) throws(CheckError) {
        var entries = [Entry]()
        var errors = [String]()
        for ignore in ignores {
            guard let rule = RuleLookup.find(ignore.rule, in: rules) else {
                errors.append("\(ignore.place): ignore: no rule `\(ignore.rule)`; `vpcelint rules` lists them")
                continue
            }
            entries.append(Entry(ruleID: rule.description.id, entry: ignore, address: Glob(pattern: ignore.address)))
        }
        guard errors.isEmpty else { throw CheckError(lines: errors) }
        self.entries = entries
        self.today = today
        self.tagged = Self.readTags(documents, rules: rules)
    }

    /// Findings that stay (expired suppressions noted in the message) and those suppressed.
    public func apply(_ findings: [Finding]) -> (kept: [Finding], suppressed: [SuppressedFinding]) {
        var kept = [Finding]()
        var suppressed = [SuppressedFinding]()
        for finding in findings {
            let key = finding.location.path + "|" + finding.location.address
            if let tag = tagged[key], tag.rules.contains(finding.ruleID) {
                let reason = tag.reason ?? "no reason given (set the tag \(Self.reasonTagKey))"
                suppressed.append(
                    SuppressedFinding(finding: finding, reason: reason, source: "tag \(Self.tagKey)"))
                continue
            }
            let matching = entries.filter { matches($0, finding) }
            if let active = matching.first(where: { ($0.entry.until ?? "9999-12-31") >= today }) {
                suppressed.append(
                    SuppressedFinding(
                        finding: finding, reason: active.entry.reason, source: "config \(active.entry.place)",
                        until: active.entry.until))
            } else if let expired = matching.first, let until = expired.entry.until {
                var noted = finding
                noted.message +=
                    "; its suppression (\(expired.entry.place): \(expired.entry.reason)) expired on \(until)"
                kept.append(noted)
            } else {
                kept.append(finding)
            }
        }
        return (kept, suppressed)
    }

    private func matches(_ entry: Entry, _ finding: Finding) -> Bool {
        entry.ruleID == finding.ruleID && (entry.entry.environment.map { $0 == finding.location.environment } ?? true)
            && entry.address.matches(finding.location.address)
    }

    private static func readTags(
        _ documents: [TerraformDocument], rules: [any Rule.Type]
    ) -> [String: (rules: Set<String>, reason: String?)] {
        var tagged = [String: (rules: Set<String>, reason: String?)]()
        for document in documents {
            // By index: a record without values (types the model does not read) is passed over uncopied.
            for index in document.resources.indices {
                guard !document.resources[index].packedValues.isEmptyObject else { continue }
                // The two tags looked up by their paths: the tag maps (all of a VPC's tags) are not decoded.
                let values = document.resources[index].packedValues
                let ignores = tagPaths.compactMap { values.value(at: $0.ignore)?.string }
                guard !ignores.isEmpty else { continue }
                let names = ignores.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }) }
                let ids = names.compactMap { RuleLookup.find(String($0), in: rules)?.description.id }
                let reason = tagPaths.lazy.compactMap { values.value(at: $0.reason)?.string }.first
                tagged[document.path + "|" + document.resources[index].address] = (Set(ids), reason)
            }
        }
        return tagged
    }
}
