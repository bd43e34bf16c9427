import LintCore
import NetworkModel

/// VPCE007: a hub's service zone that a spoke is not associated with.
public struct ZoneNotAssociatedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE007", name: "zone-not-associated",
        summary: "A hub's private hosted zone for an endpoint service is not associated with a spoke",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            For every spoke of a hub and every service the hub's endpoints serve, resolves the name clients call \
            (`Rules/data/services.json`, in the endpoint's Region) inside the spoke with the same engine as \
            `vpcelint trace`. When no private hosted zone associated with the spoke answers, the spoke's own \
            endpoint does not either, and the spoke's own hub has a private hosted zone for the name (associated \
            with the hub VPC or declared in the hub's environment; another hub's zone of the same name is never \
            proposed), that zone must be associated with the spoke (inline `vpc` blocks, \
            `aws_route53_zone_association`, or a Route 53 Profile that carries the zone and is associated with the \
            spoke; the spoke's own settings win over its profile's; for a spoke the inputs show only as a data \
            source, whose association with the profile would be in its own root, a zone the profile carries is an \
            unknown). A spoke that keeps its own private-DNS endpoint for the service \
            resolves through it and needs no association. One finding per zone and spoke; when more than five \
            spokes miss one zone, their findings share a group that the JSON report lists once. When a plan \
            leaves the associations of one zone unknown for the same reason across more than 10 spokes of one \
            hub (their VPC read through a `local`, say), that is one unknown with the count and a few of the \
            spokes named.
            """,
        whyItMatters: """
            A private hosted zone answers only in the VPCs it is associated with. An unassociated spoke resolves \
            the public service name and sends the traffic out through its NAT gateway (paying for NAT data \
            processing, bypassing the endpoint policy) or, with no NAT, fails: `CannotPullContainerError ... \
            i/o timeout`, `Unable to locate credentials` from SSM.
            """,
        howToFix: """
            Associate the zone with the spoke: `resource "aws_route53_zone_association" "dev" { zone_id = \
            aws_route53_zone.ecr_dkr.zone_id vpc_id = data.aws_vpc.dev.id }` (across accounts, authorise it \
            first with `aws_route53_vpc_association_authorization`). Where spokes take the hub's zones from a \
            Route 53 Profile, the fix says which: add the zone to the profile the spoke uses \
            (`aws_route53profiles_resource_association`), or associate the profile that carries it with the spoke \
            (`aws_route53profiles_association`).
            """,
        references: [
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profiles.html",
        ],
        triggeringExamples: [
            // The hub leaves its logs zone unassociated with stg.
            .fixture("hub-spoke-more-broken", flags: [#"module.hub.aws_route53_zone.endpoint["logs"]"#])
        ],
        nonTriggeringExamples: [
            // The zones are not associated with the tools VPC, which is no spoke of the hub.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        // The spokes' DNS hops from the path engine: a spoke whose own endpoint answers needs no association.
        var findings = [Finding]()
        // A zone whose associations a plan leaves unknown says so once past ten spokes (``SpokeUnknowns``).
        var unknowns = SpokeUnknowns()
        let paths = PathEngine(model: model).spokeDNSHops()
        // By index: a spoke and its hop are copied only for the hops that make a finding (few of thousands).
        for index in paths.indices {
            let fix = { (zone: Origin) in
                "associate `\(zone.address)` with the spoke VPC (`aws_route53_zone_association`)"
            }
            switch paths[index].hop.reason {
            case .zoneNotAssociated(_, let zone, let zoneName):
                let path = paths[index]
                let (spoke, subject) = Self.spoke(path)
                let profile = Self.profileFix(model, zone: zone, spoke: spoke)
                findings.append(
                    finding(
                        at: zone,
                        message:
                            "private hosted zone `\(zone.address)` (\(zoneName)) is not associated with spoke \(Describe.vpc(spoke)), which resolves the public name instead",
                        fix: profile?.fix ?? fix(zone), subject: subject,
                        related: [spoke.origin, path.endpoint.origin] + (profile?.related ?? [])))
            case .zoneAssociationUnknown(_, let zone, let zoneName, let association, let problem):
                let (spoke, subject) = Self.spoke(paths[index])
                unknowns.add(
                    finding(
                        at: zone,
                        message:
                            "whether private hosted zone `\(zone.address)` (\(zoneName)) is associated with spoke \(Describe.vpc(spoke)) is unknown: `\(association.address)` may associate it, but its \(problem.attribute) is \(problem.reason)",
                        fix: fix(zone), subject: subject, related: [association], status: .unknown),
                    spoke: spoke,
                    kind: [zone.environment, zone.address, problem.attribute, problem.reason].joined(separator: "|"))
            default: continue
            }
        }
        // One zone many spokes miss: the spokes are listed once, in the zone's group.
        let grouped = findings.grouped(
            rule: "VPCE007",
            by: { $0.status == .violation ? $0.location.environment + "|" + $0.location.address : nil },
            member: { $0.related.first ?? $0.location },
            summary: { "\($0.count) spokes are not associated with private hosted zone `\($0[0].location.address)`" })
        return grouped + unknowns.findings
            + outsideHubUnknowns(model) {
                "whether the hub's private hosted zones are associated with spoke \(Describe.vpc($0))"
            }
    }

    /// Where the spoke takes zones from a Route 53 Profile, or other spokes take this zone from one, the fix
    /// that keeps to it: the spoke's profile lacks the zone (add it to the profile), or the spoke uses no
    /// profile and one carries the zone (associate that profile with the spoke). `nil` otherwise.
    static func profileFix(_ model: NetworkModel, zone: Origin, spoke: VPC) -> (fix: String, related: [Origin])? {
        guard !model.profileAssociations.isEmpty || !model.profileResources.isEmpty,
            let zoneKey = model.zones.first(where: { $0.origin == zone })?.key
        else { return nil }
        let used = model.profileAssociations(of: spoke.key)
        let carriers = model.profileResources(carrying: zoneKey)
        if let profile = used.first {
            guard !carriers.contains(where: { carrier in used.contains { $0.profileKey == carrier.profileKey } })
            else { return nil }
            return (
                "add the zone to Route 53 Profile \(model.profileName(profile.profileKey)), which the spoke VPC uses (`aws_route53profiles_resource_association` with `resource_arn` the zone's ARN), or associate `\(zone.address)` with the spoke VPC itself (`aws_route53_zone_association`)",
                [profile.origin]
            )
        }
        guard let carrier = carriers.first else { return nil }
        return (
            "associate Route 53 Profile \(model.profileName(carrier.profileKey)), which carries the zone, with the spoke VPC (`aws_route53profiles_association` with `resource_id` the VPC), or associate `\(zone.address)` with it (`aws_route53_zone_association`)",
            [carrier.origin]
        )
    }

    /// The spoke VPC of `path`, and the subject its findings share.
    private static func spoke(_ path: SpokeDNSHop) -> (vpc: VPC, subject: String) {
        let spoke = path.spoke.vpc
        return (spoke, "spoke:" + spoke.origin.environment + ":" + spoke.origin.address)
    }
}
