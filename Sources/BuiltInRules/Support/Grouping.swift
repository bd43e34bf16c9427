import LintCore
import NetworkModel

extension [Finding] {
    /// Findings about one thing (one zone many spokes miss, one security group many spokes cannot pass): when
    /// more share a key than a finding names, each gets the one group that lists `member` of all of them.
    /// `key` is nil for a finding of no group; `summary` gets the key's findings.
    func grouped(
        rule: String, by key: (Finding) -> String?, member: (Finding) -> Origin, summary: ([Finding]) -> String
    ) -> [Finding] {
        var byKey = [String: [Int]]()
        for (offset, finding) in enumerated() {
            if let key = key(finding) { byKey[key, default: []].append(offset) }
        }
        var result = self
        for (key, offsets) in byKey where offsets.count > Finding.relatedLimit {
            let members = offsets.map { self[$0] }
            let group = FindingGroup(id: rule + "|" + key, summary: summary(members), members: members.map(member))
            for offset in offsets { result[offset].group = group }
        }
        return result
    }
}
