import LintCore
import NetworkModel

/// VPCE013: in the Resolver forwarding design, a spoke whose VPC no rule forwards a hub service name for.
public struct ResolverRuleNotAssociatedRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE013", name: "resolver-rule-not-associated",
        summary: "A Resolver rule that forwards a hub's service names is not associated with a spoke that uses the hub",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            For every hub that other VPCs forward DNS queries to (an inbound Route 53 Resolver endpoint targeted \
            by FORWARD rules) and every spoke of that hub, takes each service name the hub's interface endpoints \
            answer with private DNS on, and finds the Resolver rule that decides the spoke's query for it. When \
            no rule associated with the spoke forwards the name to the hub, while a rule that does exists in the \
            inputs, it reports that rule (preferring one of the spoke's own environment) and the spoke. A spoke \
            that answers the name itself (its own endpoint with private DNS, or an associated private hosted \
            zone) is left alone.
            """,
        whyItMatters: """
            A rule forwards only the queries of the VPCs it is associated with. Without the association the \
            spoke's resolver answers the public name: traffic leaves through NAT (paying NAT processing, \
            bypassing endpoint policies) or, without NAT, `ssm`, `ecr` and `logs` calls time out.
            """,
        howToFix: """
            Add an `aws_route53_resolver_rule_association` of the rule with the spoke VPC (in another account, \
            share the rule through AWS RAM first).
            """,
        references: [
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-rules-managing.html",
            "https://docs.aws.amazon.com/whitepapers/latest/hybrid-cloud-dns-options-for-vpc/route-53-resolver-endpoints-and-forwarding-rules.html",
        ],
        triggeringExamples: [
            // stg's FORWARD rule for amazonaws.com has no association with stg's VPC.
            .fixture("resolver-forwarding-broken", flags: [#"aws_route53_resolver_rule.forward["amazonaws"]"#])
        ],
        nonTriggeringExamples: [.fixture("resolver-forwarding"), .fixture("hub-spoke-ok")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        // The path engine's DNS hops from every spoke decide it, as `vpcelint trace` shows them.
        var names = [String: [String]]()
        var first = [String: SpokeDNSHop]()
        var order = [String]()
        let paths = PathEngine(model: model).spokeDNSHops()
        // By index: only the hops a Resolver rule decides are copied.
        for index in paths.indices {
            let key: String
            switch paths[index].hop.reason {
            case .resolverRuleNotAssociated(_, let rule), .resolverAssociationUnknown(_, let rule, _, _):
                key = rule.address + "|" + rule.path + "|" + paths[index].spoke.vpc.key
            default: continue
            }
            if first[key] == nil {
                first[key] = paths[index]
                order.append(key)
            }
            names[key, default: []].append(paths[index].host)
        }
        return order.compactMap { key in
            guard let path = first[key], let origin = path.hop.origin else { return nil }
            let spoke = path.spoke.vpc
            let hosts = Describe.list(names[key] ?? [])
            let subject = "spoke:" + spoke.origin.environment + ":" + spoke.origin.address
            switch path.hop.reason {
            case .resolverAssociationUnknown(_, let rule, let association, let problem):
                return finding(
                    at: origin,
                    message:
                        "whether `\(association.address)` associates Resolver rule `\(rule.address)` with spoke \(Describe.vpc(spoke)) is unknown: its \(problem.attribute) is \(problem.reason); without it the spoke resolves the public \(hosts)",
                    fix: "associate `\(rule.address)` with `\(spoke.origin.address)`", subject: subject,
                    related: [rule, spoke.origin], status: .unknown)
            default:
                return finding(
                    at: origin,
                    message:
                        "Resolver rule `\(origin.address)` forwards to hub \(Describe.vpc(path.hub.vpc))'s inbound endpoint but is not associated with spoke \(Describe.vpc(spoke)), which resolves the public \(hosts)",
                    fix:
                        "associate `\(origin.address)` with `\(spoke.origin.address)` (`aws_route53_resolver_rule_association`)",
                    subject: subject, related: [spoke.origin])
            }
        }
    }
}
