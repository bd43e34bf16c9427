import NetworkModel

/// Where the findings of a run land on the topology: on the links between two VPCs they name, else on the VPCs.
struct GraphPlacement {
    /// Two VPC keys, sorted.
    struct Pair: Hashable, Comparable {
        var first: String
        var second: String

        init(_ one: String, _ other: String) {
            (first, second) = one < other ? (one, other) : (other, one)
        }

        static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
    }

    static let pathKinds: Set<String> = ["peering", "transit-gateway"]
    static let dnsKinds: Set<String> = ["private-zone", "resolver-rule"]

    /// The links of each pair, by kind, in the topology's order.
    var links: [Pair: [String: [TopologySummary.Link]]] = [:]
    var linkKinds: [Pair: [String]] = [:]
    var members: [String: TopologySummary.Member] = [:]
    /// The VPCs of each CIDR, sorted: a finding's subject names a spoke by its CIDR.
    var vpcsByCIDR: [String: [String]] = [:]
    var nodeMarks: [String: TopologyGraph.Marks] = [:]
    var edgeMarks: [Pair: [String: TopologyGraph.Marks]] = [:]
    var unplaced = TopologyGraph.Marks()

    init(_ topology: TopologySummary) {
        for hub in topology.hubs + topology.hubsOutsideInputs {
            members[hub.vpc.id] = hub.vpc
            for spoke in hub.spokes {
                members[spoke.vpc.id] = spoke.vpc
                for link in spoke.links { add(link, Pair(hub.vpc.id, spoke.vpc.id)) }
            }
        }
        for vpc in topology.vpcsOutsideHubs { members[vpc.id] = vpc }
        for member in members.values {
            for cidr in member.cidrs { vpcsByCIDR[cidr, default: []].append(member.id) }
        }
        for cidr in vpcsByCIDR.keys { vpcsByCIDR[cidr]?.sort() }
        for link in topology.links where link.ends.count == 2 && link.ends[0] != link.ends[1] {
            guard members[link.ends[0]] != nil, members[link.ends[1]] != nil else { continue }
            add(link, Pair(link.ends[0], link.ends[1]))
        }
    }

    private mutating func add(_ link: TopologySummary.Link, _ pair: Pair) {
        let known = links[pair, default: [:]][link.kind, default: []]
        guard !known.contains(where: { $0.id == link.id }) else { return }
        if known.isEmpty { linkKinds[pair, default: []].append(link.kind) }
        links[pair, default: [:]][link.kind, default: []].append(link)
    }

    /// Marks `finding` on the links between the VPCs it names, else on those VPCs, else as unplaced. A cost or
    /// coverage finding is about its own resource, so only that resource's VPC is read.
    mutating func place(_ finding: Finding, category: RuleCategory?, owners: ResourceOwners) {
        let unknown = finding.status == .unknown
        let vpcs = named(by: finding, ownResourceOnly: category == .cost || category == .coverage, owners: owners)
        var pairs = [Pair]()
        for (offset, one) in vpcs.enumerated() {
            for other in vpcs[(offset + 1)...] where links[Pair(one, other)] != nil { pairs.append(Pair(one, other)) }
        }
        guard !pairs.isEmpty else {
            if vpcs.isEmpty { unplaced.add(finding.ruleID, unknown: unknown) }
            for vpc in vpcs { nodeMarks[vpc, default: .init()].add(finding.ruleID, unknown: unknown) }
            return
        }
        for pair in pairs {
            for kind in kinds(pair, category) {
                edgeMarks[pair, default: [:]][kind, default: .init()].add(finding.ruleID, unknown: unknown)
            }
        }
    }

    /// The VPCs of the picture a finding names: its resource's, its related resources', a VPC whose CIDR is
    /// its subject (a spoke a route or rule is missing for).
    private func named(by finding: Finding, ownResourceOnly: Bool, owners: ResourceOwners) -> [String] {
        var keys = owners.vpcs(of: finding.location)
        if !ownResourceOnly {
            for origin in finding.related { keys += owners.vpcs(of: origin) }
            keys += vpcsByCIDR[finding.subject] ?? []
        }
        var seen = Set<String>()
        return keys.filter { members[$0] != nil && seen.insert($0).inserted }
    }

    /// The kinds of link a finding of `category` breaks between two VPCs: a DNS finding the zones and
    /// Resolver rules when they link the two, any other the peering or transit gateway; all kinds when the
    /// pair has none of those.
    private func kinds(_ pair: Pair, _ category: RuleCategory?) -> [String] {
        let present = linkKinds[pair] ?? []
        let preferred = category == .dns ? Self.dnsKinds : Self.pathKinds
        let chosen = present.filter { preferred.contains($0) }
        if !chosen.isEmpty { return chosen }
        let paths = present.filter { Self.pathKinds.contains($0) }
        return paths.isEmpty ? present : paths
    }

    /// The VPCs a finding marks, on themselves or on a link of theirs.
    var brokenVPCs: Set<String> {
        var result = Set(nodeMarks.filter { !$0.value.isEmpty }.keys)
        for (pair, marks) in edgeMarks where marks.values.contains(where: { !$0.isEmpty }) {
            result.insert(pair.first)
            result.insert(pair.second)
        }
        return result
    }
}
