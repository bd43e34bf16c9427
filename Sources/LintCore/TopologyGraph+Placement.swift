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
    static let dnsKinds: Set<String> = ["private-zone", "resolver-rule", "route53-profile"]

    /// The links of each pair, by kind, in the topology's order.
    var links: [Pair: [String: [TopologySummary.Link]]] = [:]
    var linkKinds: [Pair: [String]] = [:]
    /// The VPCs each VPC shares a pair of ``links`` with, each once: a finding's pairs are found among them.
    var neighbours: [String: [String]] = [:]
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
        if links[pair] == nil, pair.first != pair.second {
            neighbours[pair.first, default: []].append(pair.second)
            neighbours[pair.second, default: []].append(pair.first)
        }
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
        let pairs = linkedPairs(among: vpcs)
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

    /// The pairs of `vpcs` (distinct keys) that ``links`` holds, in the order of `vpcs` (first VPC, then second).
    /// Each VPC asks the fewer of its neighbours and the VPCs after it: asking every pair made a summary
    /// finding about a CIDR that 8,000 spokes share (it names them all) 32 million lookups, and a hub's
    /// thousands of neighbours are not walked for a finding that names it and one spoke.
    func linkedPairs(among vpcs: [String]) -> [Pair] {
        var position = [String: Int](minimumCapacity: vpcs.count)
        for (offset, vpc) in vpcs.enumerated() { position[vpc] = offset }
        var found = [(one: Int, other: Int)]()
        for (offset, one) in vpcs.enumerated() {
            let near = neighbours[one] ?? []
            if near.count < vpcs.count - offset - 1 {
                for other in near {
                    if let later = position[other], later > offset { found.append((offset, later)) }
                }
            } else {
                for later in (offset + 1)..<vpcs.count where links[Pair(one, vpcs[later])] != nil {
                    found.append((offset, later))
                }
            }
        }
        found.sort { $0.one != $1.one ? $0.one < $1.one : $0.other < $1.other }
        return found.map { Pair(vpcs[$0.one], vpcs[$0.other]) }
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
