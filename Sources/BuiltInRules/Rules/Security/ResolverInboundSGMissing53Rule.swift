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
        for inbound in model.resolverEndpoints where inbound.isManaged && inbound.direction == .inbound {
            let groups = inbound.securityGroupKeys.compactMap { model.securityGroup($0) }
            guard let reported = groups.first else { continue }
            var seen = Set<String>()
            let outbounds = model.resolverRules.filter { rule in
                rule.kind == .forward && rule.targetIPs.contains { ip in inbound.addresses.contains { $0.ip == ip } }
            }.compactMap { rule in model.resolverEndpoints.first { $0.key == rule.outboundEndpointKey } }
            for outbound in outbounds where seen.insert(outbound.key).inserted {
                var sources = [CIDR]()
                for address in outbound.addresses {
                    let cidr = model.subnet(address.subnetKey)?.cidr ?? CIDR(address.ip + "/32")
                    if let cidr, !sources.contains(cidr) { sources.append(cidr) }
                }
                // Per protocol, the sources it is closed (or unknown) for: one finding per outbound endpoint.
                var closed = [String]()
                var unknown = [String]()
                for (name, udp) in [("UDP", true), ("TCP", false)] {
                    let verdicts = sources.map { Self.verdict(groups, udp: udp, from: $0, outbound: outbound, model) }
                    let failing = zip(sources, verdicts).filter { $0.1 == .fail }.map(\.0.description)
                    let undecided = zip(sources, verdicts).filter { $0.1 == .unknown }.map(\.0.description)
                    if !failing.isEmpty { closed.append("\(name) 53 from \(Describe.list(failing))") }
                    if !undecided.isEmpty { unknown.append("\(name) 53 from \(Describe.list(undecided))") }
                }
                guard !closed.isEmpty || !unknown.isEmpty else { continue }
                let who = "\(outbound.origin.environment)'s outbound endpoint `\(outbound.origin.address)`"
                let what =
                    "security group `\(reported.origin.address)` of inbound Resolver endpoint `\(inbound.origin.address)`"
                findings.append(
                    finding(
                        at: reported.origin,
                        message: closed.isEmpty
                            ? "whether \(what) allows \(Describe.list(unknown)) (\(who)) is unknown: a rule's source is unknown until apply"
                            : "\(what) does not allow \(Describe.list(closed)) (the subnets of \(who))",
                        fix:
                            "add ingress rules for \(Describe.list(closed + unknown)) (or from the outbound endpoint's security group) to `\(reported.origin.address)`",
                        subject: "dns:" + outbound.origin.environment + ":" + outbound.origin.address,
                        related: [inbound.origin, outbound.origin], status: closed.isEmpty ? .unknown : .violation))
            }
        }
        return findings
    }

    /// Do `groups` let UDP (or TCP) 53 in from `source`? A rule from a CIDR or prefix list covering it, or from a
    /// security group of the outbound endpoint, counts.
    static func verdict(
        _ groups: [SecurityGroup], udp: Bool, from source: CIDR, outbound: ResolverEndpoint, _ model: NetworkModel
    ) -> HopStatus {
        var unknown = false
        for group in groups {
            for rule in group.rules where rule.isIngress && (udp ? rule.allowsUDP(53) : rule.allowsTCP(53)) {
                switch rule.source {
                case .cidr, .prefixList:
                    if model.cidrs(of: rule.source).contains(where: { $0.contains(source) }) { return .pass }
                case .securityGroup(let key):
                    if outbound.securityGroupKeys.contains(key) { return .pass }
                case .unresolved:
                    unknown = true
                case .selfGroup:
                    continue
                }
            }
        }
        return unknown ? .unknown : .fail
    }
}
