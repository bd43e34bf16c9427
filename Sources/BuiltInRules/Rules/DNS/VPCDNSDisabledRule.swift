import LintCore
import NetworkModel

/// VPCE008: DNS support or DNS hostnames off in a VPC that must resolve private hosted zones.
public struct VPCDNSDisabledRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE008", name: "vpc-dns-disabled",
        summary: "DNS support or DNS hostnames is off in a VPC that must resolve private hosted zones",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            Checks `enable_dns_support` and `enable_dns_hostnames` of every hub and spoke VPC, of every VPC a \
            private hosted zone is associated with, and of every VPC with an interface endpoint that has \
            private DNS on.
            """,
        whyItMatters: """
            Route 53 private hosted zones and endpoint private DNS resolve only in VPCs with both attributes \
            true. With either off, the Amazon-provided resolver ignores the zones and clients get the public \
            addresses. New VPCs are created with DNS hostnames off.
            """,
        howToFix: "Set `enable_dns_support = true` and `enable_dns_hostnames = true` on the `aws_vpc`.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support"],
        triggeringExamples: [
            // Spoke dev has enable_dns_hostnames = false.
            .fixture("hub-spoke-more-broken", flags: [#"module.spoke.aws_vpc.this"#])
        ],
        nonTriggeringExamples: [
            // The tools VPC has DNS hostnames off, but no zone, spoke role or private DNS endpoint needs them.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var mustResolve = Set<String>()
        for hub in model.hubs {
            mustResolve.insert(hub.vpc.key)
            for spoke in hub.spokes { mustResolve.insert(spoke.vpc.key) }
        }
        for zone in model.zones where zone.isPrivate { mustResolve.formUnion(zone.vpcKeys) }
        for endpoint in model.endpoints where endpoint.privateDNSEnabled == true {
            if let key = endpoint.vpcKey { mustResolve.insert(key) }
        }
        // The path engine's vpc-dns hop, the first hop of every trace.
        let engine = PathEngine(model: model)
        var findings = [Finding]()
        for vpc in model.vpcs where vpc.isManaged && mustResolve.contains(vpc.key) {
            // An attribute the input does not carry gets no finding; the trace shows that hop unknown.
            switch engine.vpcDNSHop(vpc).reason {
            case .vpcDNSOff(let support, let hostnames):
                for (attribute, off) in [("enable_dns_support", support), ("enable_dns_hostnames", hostnames)] where off
                {
                    findings.append(
                        finding(
                            at: vpc.origin,
                            message:
                                "VPC `\(vpc.origin.address)` has \(attribute) = false, so private hosted zones and endpoint private DNS do not resolve in it",
                            fix: "set `\(attribute) = true` on `\(vpc.origin.address)`", subject: attribute))
                }
            default: continue
            }
        }
        return findings
    }
}
