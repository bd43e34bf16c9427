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
            Compares every CIDR (primary and secondary, IPv4 and IPv6) of a hub and its spokes pairwise, \
            exactly, and reports each pair that shares an address. Spokes of a hub outside the inputs are \
            compared with each other.
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
            for (offset, first) in members.enumerated() {
                for second in members[(offset + 1)...] {
                    guard let (a, b) = overlap(first, second) else { continue }
                    // Report on the later VPC of the pair, once.
                    let (kept, other) = first.origin < second.origin ? (second, first) : (first, second)
                    guard seen.insert(kept.key + "|" + other.key).inserted else { continue }
                    let role = other.key == hubKey ? "hub" : "spoke"
                    findings.append(
                        finding(
                            at: kept.origin,
                            message:
                                "VPC `\(kept.origin.address)` (\(kept.origin.environment)) \(kept.key == first.key ? a : b) overlaps \(role) \(Describe.vpc(other)) \(kept.key == first.key ? b : a)",
                            fix:
                                "renumber `\(kept.origin.address)` or \(other.origin.environment) so that their CIDRs are disjoint",
                            subject: "overlap:" + other.origin.environment + ":" + other.origin.address,
                            related: [other.origin]))
                }
            }
        }
        return findings
    }

    private func overlap(_ first: VPC, _ second: VPC) -> (CIDR, CIDR)? {
        for a in first.cidrs {
            for b in second.cidrs where a.overlaps(b) { return (a, b) }
        }
        return nil
    }
}
