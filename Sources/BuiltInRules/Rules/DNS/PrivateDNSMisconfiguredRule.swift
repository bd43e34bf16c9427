import LintCore
import NetworkModel

/// VPCE003: private DNS on where spokes need a shared zone, or off with no zone to replace it.
public struct PrivateDNSMisconfiguredRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE003", name: "private-dns-misconfigured",
        summary: "An endpoint's private DNS setting breaks name resolution for the spokes",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            Checks `private_dns_enabled` (or `aws_vpc_endpoint_private_dns`) of interface endpoints in a \
            hub-and-spoke design: a hub endpoint with private DNS on (unless spokes forward its name to the \
            hub's inbound Route 53 Resolver endpoint, where private DNS on is right); a spoke endpoint with private DNS on for a \
            name that a hub private hosted zone associated with that spoke also claims; a hub endpoint with \
            private DNS off and no private hosted zone for its service name.
            """,
        whyItMatters: """
            With private DNS on, AWS creates a managed zone that answers only inside the endpoint's own VPC: \
            spokes keep resolving the public name and go out through NAT (or fail with \
            `CannotPullContainerError ... i/o timeout` where there is none). A spoke endpoint with private DNS \
            and a hub zone of the same name make the zone association fail with `ConflictingDomainExists`. \
            With private DNS off and no zone of its own, nothing resolves to the hub endpoint at all.
            """,
        howToFix: """
            Set `private_dns_enabled = false` on hub endpoints and create one private hosted zone per service \
            (e.g. `ssm.ap-northeast-1.amazonaws.com`) with an alias A record to the endpoint's `dns_entry[0]`, \
            associated with the hub and every spoke. In spokes, delete endpoints the hub serves.
            """,
        references: [
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html",
        ],
        triggeringExamples: [
            // ssm has private DNS on in the hub and no zone; stg's own logs endpoint has private DNS on
            // while the hub's logs zone is associated with stg (ConflictingDomainExists).
            .fixture(
                "hub-spoke-broken",
                flags: [
                    #"module.hub.aws_vpc_endpoint.interface["ssm"]"#,
                    #"module.spoke.aws_vpc_endpoint.interface["logs"]"#,
                ])
        ],
        nonTriggeringExamples: [.fixture("hub-spoke-ok"), .fixture("hub-module-foreach")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        let catalog = ServiceCatalog.builtIn
        for hub in model.hubs where !hub.spokes.isEmpty {
            let spokeNames = Describe.list(hub.spokes.map { Describe.vpc($0.vpc) })
            for endpoint in model.hubEndpoints(hub) {
                guard let region = endpoint.region else { continue }
                let zoneName = catalog.dns(for: endpoint.service).zoneName(region: region)
                let forwarding = model.forwardingRules(into: hub.vpc.key)
                switch endpoint.privateDNSEnabled {
                case true? where forwarding.contains(where: { $0.covers(zoneName) }):
                    // The forwarding design: spokes send this name to the hub's inbound Resolver endpoint, where
                    // the endpoint's private DNS answers (gaps per spoke: resolver-rule-not-associated).
                    continue
                case true? where !forwarding.isEmpty:
                    findings.append(
                        finding(
                            at: endpoint.origin,
                            message:
                                "hub endpoint `\(endpoint.origin.address)` for `\(endpoint.service)` has private DNS on, but no Resolver rule forwards \(zoneName) to the hub's inbound endpoint: spokes \(spokeNames) resolve the public name",
                            fix:
                                "add a FORWARD `aws_route53_resolver_rule` for \(zoneName) (or a parent such as amazonaws.com) targeting the hub's inbound endpoint IPs, and associate it with every spoke",
                            subject: "private-dns-on"))
                case true?:
                    findings.append(
                        finding(
                            at: endpoint.origin,
                            message:
                                "hub endpoint `\(endpoint.origin.address)` for `\(endpoint.service)` has private_dns_enabled = true, which only the hub VPC can see; spokes \(spokeNames) resolve the public \(zoneName)",
                            fix:
                                "set `private_dns_enabled = false` and serve \(zoneName) from a private hosted zone with an alias A record to this endpoint, associated with the hub and every spoke",
                            subject: "private-dns-on"))
                case false?:
                    if model.privateZones(named: zoneName).isEmpty {
                        findings.append(
                            finding(
                                at: endpoint.origin,
                                message:
                                    "hub endpoint `\(endpoint.origin.address)` has private DNS off and no private hosted zone \(zoneName) exists, so nothing resolves to it",
                                fix:
                                    "create a private hosted zone \(zoneName) with an alias A record to this endpoint and associate it with the hub and every spoke",
                                subject: "no-zone"))
                    }
                case nil:
                    findings.append(
                        finding(
                            at: endpoint.origin,
                            message:
                                "private_dns_enabled of hub endpoint `\(endpoint.origin.address)` is unknown until apply",
                            fix: "set `private_dns_enabled = false` explicitly", subject: "private_dns_enabled",
                            status: .unknown))
                }
            }
        }
        findings += spokeConflicts(model, catalog)
        return findings
    }

    /// Spoke endpoints with private DNS whose name a hub zone associated with the spoke also claims.
    private func spokeConflicts(_ model: NetworkModel, _ catalog: ServiceCatalog) -> [Finding] {
        var findings = [Finding]()
        let hubKeys = Set(model.hubs.map(\.vpc.key))
        for endpoint in model.endpoints
        where endpoint.type == .interface && endpoint.isManaged && endpoint.privateDNSEnabled == true {
            guard let vpcKey = endpoint.vpcKey, !hubKeys.contains(vpcKey), let region = endpoint.region else {
                continue
            }
            let zoneName = catalog.dns(for: endpoint.service).zoneName(region: region)
            let zones = model.privateZones(named: zoneName)
            guard let zone = zones.first(where: { $0.vpcKeys.contains(vpcKey) }) else {
                // A plan may associate the zone through an association whose zone or VPC is unknown.
                if let maybe = model.unplacedZoneAssociations.first(where: { candidate in
                    zones.contains { candidate.mayAssociate(zone: $0.key, vpc: vpcKey) }
                }) {
                    findings.append(
                        finding(
                            at: endpoint.origin,
                            message:
                                "spoke endpoint `\(endpoint.origin.address)` has private DNS on for \(zoneName); whether `\(maybe.origin.address)` associates the hub zone of that name with this VPC (ConflictingDomainExists) is unknown: its \(maybe.problem.attribute) is \(maybe.problem.reason)",
                            fix:
                                "delete this endpoint (the hub serves `\(endpoint.service)`) or set `private_dns_enabled = false` on it",
                            subject: "conflict:" + zoneName, related: [maybe.origin], status: .unknown))
                }
                continue
            }
            findings.append(
                finding(
                    at: endpoint.origin,
                    message:
                        "spoke endpoint `\(endpoint.origin.address)` has private DNS on for \(zoneName), which private hosted zone `\(zone.origin.address)` associated with this VPC also claims (ConflictingDomainExists)",
                    fix:
                        "delete this endpoint (the hub serves `\(endpoint.service)`) or set `private_dns_enabled = false` on it",
                    subject: "conflict:" + zoneName, related: [zone.origin]))
        }
        return findings
    }
}
