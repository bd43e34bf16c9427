import LintCore
import NetworkModel

/// VPCE009: overlapping CIDRs between a hub and its spokes, or between spokes of one hub.
public struct OverlappingCIDRRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE009", name: "overlapping-cidrs",
        summary: "A hub and a spoke, or two spokes of one hub, have overlapping CIDRs",
        category: .routing, defaultSeverity: .error,
        whatItDoes: """
            Compares every CIDR (primary and secondary, IPv4 and IPv6) of a hub and its spokes exactly: VPCs \
            that can exchange traffic through the hub. VPCs in no hub together are never compared. Each VPC that \
            shares an address with a VPC sorting before it (by environment, then address) is reported once, with \
            the count of every VPC of the hub it overlaps and the closest few named (the earliest, the hub, its \
            own environment's); the JSON report lists all VPCs of one overlapping range once, in its group \
            (`groups`, keyed `VPCE009|HUB|RANGE`). Spokes of a hub outside the inputs are compared with each \
            other. The VPCs are found through an index of their networks, not by comparing every pair.
            """,
        whyItMatters: """
            A peering connection between overlapping VPCs fails (`failed` status), a transit gateway does not \
            propagate overlapping routes, and the hub cannot route replies to two spokes that use the same \
            addresses: one of them loses its endpoints.
            """,
        howToFix: "Renumber one VPC (or the secondary CIDR) so that hub and spoke ranges are disjoint.",
        references: ["https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations"],
        triggeringExamples: [
            // Spoke qa (10.2.128.0/20) lies inside spoke dev (10.2.0.0/16); both peer with the hub.
            .fixture("hub-spoke-more-broken", flags: [#"module.spoke.aws_vpc.this"#])
        ],
        nonTriggeringExamples: [
            // The tools VPC repeats dev's 10.2.0.0/16 but is not connected to the hub.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        var seen = Set<String>()
        // Spokes of a hub outside the inputs are compared with each other: that needs nothing of the hub.
        let groups =
            model.hubs.map { (hub: $0.vpc.key, members: [$0.vpc] + $0.spokes.map(\.vpc)) }
            + model.topology.outsideHubs.map { (hub: $0.key, members: $0.spokes) }
        for (hubKey, members) in groups {
            // A network that cannot be read may be the one that overlaps: unknown, at its VPC, once.
            for vpc in members where members.count > 1 {
                for problem in vpc.unreadableCIDRs where seen.insert(vpc.key + "|" + problem.attribute).inserted {
                    findings.append(
                        finding(
                            at: vpc.origin,
                            message:
                                "whether VPC `\(vpc.origin.address)` (\(vpc.origin.environment)) overlaps another VPC of hub \(hubKey) is unknown: its \(problem.attribute) cannot be read (\(problem.reason))",
                            fix: "write \(problem.attribute) as a network AWS accepts (ADDRESS/PREFIX, no spaces)",
                            subject: problem.attribute, related: [], status: .unknown))
                }
            }
            for found in HubOverlaps(hub: hubKey, members: members).findings(self)
            where seen.insert(found.location.address + "|" + found.location.environment + "|" + found.subject).inserted
            {
                findings.append(found)
            }
        }
        return findings
    }
}

/// The overlaps among one hub and its spokes, found through a ``CIDRIndex`` (so 2,000 spokes that share one
/// CIDR cost O(n log n), not the 2 million pairs). A VPC is reported once, when it overlaps a VPC that sorts
/// before it: the pair's later VPC, as before, and each VPC with the count of every VPC it overlaps.
private struct HubOverlaps {
    let hub: String
    let members: [VPC]
    /// Member offsets by network.
    let index: CIDRIndex<Int>
    /// The networks of members with several: the only ones an overlap count could see twice.
    let multiple: CIDRIndex<Int>
    /// The hub's member offset; nil for a hub outside the inputs.
    let hubOffset: Int?

    init(hub: String, members: [VPC]) {
        self.hub = hub
        // A VPC listed twice is one member; sorted, so that each network's values are in origin order.
        var keys = Set<String>()
        let unique = members.filter { keys.insert($0.key).inserted }.sorted { $0.origin < $1.origin }
        let entries = unique.enumerated().flatMap { offset, vpc in vpc.cidrs.map { (cidr: $0, value: offset) } }
        self.members = unique
        index = CIDRIndex(entries)
        multiple = CIDRIndex(entries.filter { unique[$0.value].cidrs.count > 1 })
        hubOffset = unique.firstIndex { $0.key == hub }
    }

    func findings(_ rule: OverlappingCIDRRule) -> [Finding] {
        var clusters = [CIDR: FindingGroup]()
        return members.indices.compactMap { offset in
            let vpc = members[offset]
            let (count, others) = overlaps(of: offset)
            guard let earliest = others.first, earliest.origin < vpc.origin else { return nil }
            let root = vpc.cidrs.compactMap(index.root).min()!
            if clusters[root] == nil { clusters[root] = group(root) }
            return finding(rule, vpc, count: count, others: others, group: clusters[root]!)
        }
    }

    /// How many members share an address with member `offset`, and the first few of them: the one that sorts
    /// first, then the hub, then its own environment's, then by address (among the first of each network).
    private func overlaps(of offset: Int) -> (count: Int, closest: [VPC]) {
        let vpc = members[offset]
        var total = 0
        var seen = [Int: Int]()
        var candidates = Set<Int>()
        for cidr in vpc.cidrs {
            for (_, values) in index.overlapping(cidr) {
                total += values.count
                for value in values.prefix(Finding.relatedLimit + 2) where value != offset { candidates.insert(value) }
            }
            for value in multiple.overlapping(cidr).flatMap(\.values) { seen[value, default: 0] += 1 }
        }
        if vpc.cidrs.count == 1 { total -= 1 }
        for (value, occurrences) in seen { total -= value == offset ? occurrences : occurrences - 1 }
        if let hubOffset, hubOffset != offset,
            vpc.cidrs.contains(where: { mine in members[hubOffset].cidrs.contains { mine.overlaps($0) } })
        {
            candidates.insert(hubOffset)
        }
        let sorted = candidates.map { members[$0] }.sorted { $0.origin < $1.origin }
        guard let first = sorted.first else { return (0, []) }
        let rest = sorted.dropFirst().sorted {
            ($0.key == hub ? 0 : 1, $0.origin.environment == vpc.origin.environment ? 0 : 1, $0.origin)
                < ($1.key == hub ? 0 : 1, $1.origin.environment == vpc.origin.environment ? 0 : 1, $1.origin)
        }
        return (total, [first] + rest.prefix(Finding.relatedLimit - 1))
    }

    /// Every member with a network within `root`, listed once for all the findings of that range.
    private func group(_ root: CIDR) -> FindingGroup {
        var offsets = Set(index.within(root).flatMap(\.values))
        offsets.formUnion(index.containing(root).flatMap(\.values))
        return FindingGroup(
            id: "VPCE009|\(hub)|\(root)", summary: "\(offsets.count) VPCs of hub \(hub) overlap within \(root)",
            members: offsets.map { members[$0].origin })
    }

    private func finding(_ rule: OverlappingCIDRRule, _ vpc: VPC, count: Int, others: [VPC], group: FindingGroup)
        -> Finding
    {
        let earliest = others[0]
        let described = others.map { other -> String in
            let (mine, theirs) = pair(vpc, other)
            return
                "\(other.key == hub ? "hub" : "spoke") \(Describe.vpc(other)) \(theirs)\(count == 1 ? "" : " (\(mine))")"
        }
        let own = count == 1 ? "\(pair(vpc, earliest).0) " : "\(Describe.cidrs(vpc.cidrs)) "
        let message =
            count == 1
            ? "VPC `\(vpc.origin.address)` (\(vpc.origin.environment)) \(own)overlaps \(described[0])"
            : "VPC `\(vpc.origin.address)` (\(vpc.origin.environment)) \(own)overlaps \(count) VPCs of hub \(hub): \(Describe.list(described, of: count, more: "VPCs"))"
        let fix =
            count == 1
            ? "renumber `\(vpc.origin.address)` or \(earliest.origin.environment) so that their CIDRs are disjoint"
            : "renumber `\(vpc.origin.address)` (or the \(count) VPCs it overlaps, listed in group `\(group.id)`) so that the CIDRs of hub \(hub) and its spokes are disjoint"
        return rule.finding(
            at: vpc.origin, message: message, fix: fix,
            subject: "overlap:" + earliest.origin.environment + ":" + earliest.origin.address,
            related: others.map(\.origin), relatedTotal: count, group: group)
    }

    /// The first networks of the two VPCs that share an address.
    private func pair(_ first: VPC, _ second: VPC) -> (CIDR, CIDR) {
        for a in first.cidrs {
            for b in second.cidrs where a.overlaps(b) { return (a, b) }
        }
        return (first.cidrs[0], second.cidrs[0])
    }
}
