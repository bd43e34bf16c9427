import LintCore
import NetworkModel

/// VPCE014: a FORWARD rule for AWS service names whose targets are not an inbound endpoint's IPs.
public struct ResolverRuleWrongTargetRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE014", name: "resolver-rule-wrong-target",
        summary: "A Resolver rule forwards AWS service names to IPs that are not an inbound endpoint's",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            Checks every FORWARD Route 53 Resolver rule whose domain is `amazonaws.com` or a name under it: each \
            target IP must be an IP of an inbound Resolver endpoint in the inputs. Rules for other domains (an \
            on-premises zone) and SYSTEM rules, which have no targets, are not checked. When the inputs hold no \
            inbound endpoint, or its IPs are unknown in a plan, the check is reported unknown.
            """,
        whyItMatters: """
            Resolver sends each query to one of the targets. A target that is no DNS server drops the queries \
            sent to it: lookups of `ssm`, `ecr` or `logs` time out or fail intermittently, which shows up as \
            slow task starts and `context deadline exceeded` in Session Manager.
            """,
        howToFix: """
            Set `target_ip` to the inbound endpoint's addresses, best read from the endpoint (a data source \
            `aws_route53_resolver_endpoint` and its `ip_addresses`) instead of literals.
            """,
        references: [
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html"
        ],
        triggeringExamples: [
            // dev's rule for logs targets 10.255.1.35, a typo of the inbound endpoint's 10.255.1.53.
            .fixture("resolver-forwarding-broken", flags: [#"aws_route53_resolver_rule.forward["logs"]"#])
        ],
        nonTriggeringExamples: [.fixture("resolver-forwarding"), .fixture("hub-spoke-ok")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        let inbound = model.resolverEndpoints.filter { $0.direction == .inbound }
        let known = Set(inbound.flatMap { $0.addresses.map(\.ip) })
        for rule in model.resolverRules
        where rule.isManaged && rule.kind == .forward
            && (rule.covers("amazonaws.com") || rule.domain.hasSuffix(".amazonaws.com"))
        {
            guard !rule.targetIPs.isEmpty else { continue }
            let wrong = rule.targetIPs.filter { !known.contains($0) }
            guard !wrong.isEmpty else { continue }
            guard !inbound.isEmpty, !inbound.contains(where: { $0.addresses.isEmpty }) else {
                findings.append(
                    finding(
                        at: rule.origin,
                        message:
                            "whether the targets \(wrong.joined(separator: ", ")) of Resolver rule `\(rule.origin.address)` (\(rule.domain)) are an inbound endpoint's IPs is unknown: \(inbound.isEmpty ? "no inbound Resolver endpoint is in the inputs" : "an inbound endpoint's IPs are unknown until apply")",
                        fix: "give vpcelint the hub's state too, or read `target_ip` from the inbound endpoint",
                        subject: "targets", status: .unknown))
                continue
            }
            let expected = inbound.map { endpoint in
                "`\(endpoint.origin.address)` (\(endpoint.addresses.map(\.ip).joined(separator: ", ")))"
            }
            findings.append(
                finding(
                    at: rule.origin,
                    message:
                        "Resolver rule `\(rule.origin.address)` (\(rule.domain)) forwards to \(wrong.joined(separator: ", ")), which \(wrong.count == 1 ? "is" : "are") no inbound Resolver endpoint's IP; inbound endpoints: \(Describe.list(expected))",
                    fix:
                        "set `target_ip` of `\(rule.origin.address)` to the inbound endpoint's IPs (read them from the endpoint, not as literals)",
                    subject: "targets", related: inbound.map(\.origin)))
        }
        return findings
    }
}
