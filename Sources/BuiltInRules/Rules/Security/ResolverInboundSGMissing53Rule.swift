import LintCore
import NetworkModel

/// VPCE015: an inbound Resolver endpoint whose security groups do not let DNS in from the outbound endpoints
/// that forward to it.
public struct ResolverInboundSGMissing53Rule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE015", name: "resolver-inbound-sg-missing-53",
        summary:
            "An inbound Resolver endpoint's security groups do not allow TCP and UDP 53 from the outbound endpoints that forward to it",
        category: .security, defaultSeverity: .error,
        whatItDoes: """
            For every inbound Route 53 Resolver endpoint that a FORWARD rule targets, takes the outbound \
            endpoint of each such rule and the subnets its addresses sit in (their CIDRs; the addresses \
            themselves where a subnet is not in the inputs), and checks that the inbound endpoint's security \
            groups allow both UDP 53 and TCP 53 from each: a rule from a CIDR or prefix list that covers it, or \
            from a security group of the outbound endpoint.
            """,
        whyItMatters: """
            DNS uses UDP and falls back to TCP for answers over 512 bytes (and some resolvers use TCP first). \
            With UDP 53 closed every forwarded lookup times out; with TCP 53 closed large answers fail, and so \
            do clients that retry over TCP.
            """,
        howToFix: """
            Add ingress rules for UDP 53 and TCP 53 from the outbound endpoint's subnets (or its security group) \
            to the inbound endpoint's security group.
            """,
        references: [
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-security-groups.html"
        ],
        triggeringExamples: [
            // UDP 53 is open only to stg; dev's outbound subnets have TCP 53 alone.
            .fixture("resolver-forwarding-broken", flags: [#"aws_security_group.resolver_inbound"#])
        ],
        nonTriggeringExamples: [.fixture("resolver-forwarding"), .fixture("hub-spoke-ok")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        let engine = PathEngine(model: model)
        for inbound in model.resolverEndpoints where inbound.isManaged && inbound.direction == .inbound {
            var seen = Set<String>()
            let outbounds = model.resolverRules.filter { rule in
                rule.kind == .forward && rule.targetIPs.contains { ip in inbound.addresses.contains { $0.ip == ip } }
            }.compactMap { rule in model.resolverEndpoints.first { $0.key == rule.outboundEndpointKey } }
            for outbound in outbounds where seen.insert(outbound.key).inserted {
                // The same verdict the path engine's DNS hop gives a query this endpoint forwards.
                let ingress = engine.dnsIngress(inbound, from: outbound)
                guard let group = ingress.first?.group else { continue }
                var closed = [String]()
                var unknown = [String]()
                for name in ["UDP", "TCP"] {
                    let failing = ingress.filter { $0.proto == name && $0.status == .fail }.map(\.source.description)
                    let undecided = ingress.filter { $0.proto == name && $0.status == .unknown }.map(
                        \.source.description)
                    if !failing.isEmpty { closed.append("\(name) 53 from \(Describe.list(failing))") }
                    if !undecided.isEmpty { unknown.append("\(name) 53 from \(Describe.list(undecided))") }
                }
                guard !closed.isEmpty || !unknown.isEmpty else { continue }
                let who = "\(outbound.origin.environment)'s outbound endpoint `\(outbound.origin.address)`"
                let what = "security group `\(group.address)` of inbound Resolver endpoint `\(inbound.origin.address)`"
                findings.append(
                    finding(
                        at: group,
                        message: closed.isEmpty
                            ? "whether \(what) allows \(Describe.list(unknown)) (\(who)) is unknown: a rule's source or ports are unknown until apply or cannot be read"
                            : "\(what) does not allow \(Describe.list(closed)) (the subnets of \(who))",
                        fix:
                            "add ingress rules for \(Describe.list(closed + unknown)) (or from the outbound endpoint's security group) to `\(group.address)`",
                        subject: "dns:" + outbound.origin.environment + ":" + outbound.origin.address,
                        related: [inbound.origin, outbound.origin], status: closed.isEmpty ? .unknown : .violation))
            }
        }
        return findings
    }
}
