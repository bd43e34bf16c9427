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
            For every hub endpoint with private DNS off, finds the private hosted zones named after its \
            service (`Rules/data/services.json`) and checks that one of them is associated with every spoke \
            VPC (inline `vpc` blocks or `aws_route53_zone_association`).
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
            first with `aws_route53_vpc_association_authorization`).
            """,
        references: [
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html",
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
        var findings = [Finding]()
        let catalog = ServiceCatalog.builtIn
        for hub in model.hubs where !hub.spokes.isEmpty {
            var seen = Set<String>()
            for endpoint in model.hubEndpoints(hub) where endpoint.privateDNSEnabled == false {
                guard let region = endpoint.region else { continue }
                let zoneName = catalog.dns(for: endpoint.service).zoneName(region: region)
                let zones = model.privateZones(named: zoneName)
                guard let zone = zones.first(where: \.isManaged) ?? zones.first, seen.insert(zoneName).inserted else {
                    continue
                }
                for spoke in hub.spokes where !zones.contains(where: { $0.vpcKeys.contains(spoke.vpc.key) }) {
                    if let maybe = model.unplacedZoneAssociations.first(where: { candidate in
                        zones.contains { candidate.mayAssociate(zone: $0.key, vpc: spoke.vpc.key) }
                    }) {
                        findings.append(
                            finding(
                                at: zone.origin,
                                message:
                                    "whether private hosted zone `\(zone.origin.address)` (\(zoneName)) is associated with spoke \(Describe.vpc(spoke.vpc)) is unknown: `\(maybe.origin.address)` may associate it, but its \(maybe.problem.attribute) is \(maybe.problem.reason)",
                                fix:
                                    "associate `\(zone.origin.address)` with the spoke VPC (`aws_route53_zone_association`)",
                                subject: "spoke:" + spoke.vpc.origin.environment + ":" + spoke.vpc.origin.address,
                                related: [maybe.origin], status: .unknown))
                        continue
                    }
                    findings.append(
                        finding(
                            at: zone.origin,
                            message:
                                "private hosted zone `\(zone.origin.address)` (\(zoneName)) is not associated with spoke \(Describe.vpc(spoke.vpc)), which resolves the public name instead",
                            fix:
                                "associate `\(zone.origin.address)` with the spoke VPC (`aws_route53_zone_association`)",
                            subject: "spoke:" + spoke.vpc.origin.environment + ":" + spoke.vpc.origin.address,
                            related: [spoke.vpc.origin, endpoint.origin]))
                }
            }
        }
        return findings
            + outsideHubUnknowns(model) {
                "whether the hub's private hosted zones are associated with spoke \(Describe.vpc($0))"
            }
    }
}
