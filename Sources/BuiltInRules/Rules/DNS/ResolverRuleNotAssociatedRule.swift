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
            zone) is left alone. A spoke associated with a rule that no input holds (a rule shared by its ID from \
            another account, or one a Route 53 Profile carries) is reported as unknown: the rule's domain, which \
            the inputs do not give, may take any of those names. So is a spoke known only from a data source of a \
            root that associates the rule with no VPC it looks up: its association would be in its own root.
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
            case .resolverRuleOutsideInputs:
                // Every rule outside the inputs the spoke is associated with is said, each at its association.
                key = "outside|" + paths[index].spoke.vpc.key
            default: continue
            }
            if first[key] == nil {
                first[key] = paths[index]
                order.append(key)
            }
            names[key, default: []].append(paths[index].host)
        }
        // A rule outside the inputs that many spokes use (an on-premises rule shared with every account) is one
        // group: the spokes are listed once, in the group.
        var outsideRule = [Origin: String]()
        let found = order.flatMap { key -> [Finding] in
            guard let path = first[key], let origin = path.hop.origin else { return [] }
            let spoke = path.spoke.vpc
            let hosts = Describe.list(names[key] ?? [])
            let subject = "spoke:" + spoke.origin.environment + ":" + spoke.origin.address
            switch path.hop.reason {
            case .resolverRuleOutsideInputs:
                return model.outsideResolverRules(of: spoke.key).map { outside in
                    let shown = ModelKey.shown(outside.ruleKey)
                    outsideRule[outside.origin] = outside.ruleKey
                    return finding(
                        at: outside.origin,
                        message:
                            "spoke \(Describe.vpc(spoke)) is associated with Resolver rule \(shown), which no input holds (`\(outside.origin.address)`): whether it forwards \(hosts), and where, is unknown",
                        fix:
                            "add the rule to the inputs: the state or plan of the root that owns it, or `data \"aws_route53_resolver_rule\"` with `resolver_rule_id = \"\(shown)\"` in this root (its `domain_name` says which names it takes)",
                        subject: subject, related: outside.related + [spoke.origin], status: .unknown)
                }
            default:
                return [one(path, origin: origin, spoke: spoke, hosts: hosts, subject: subject)]
            }
        }
        return found.grouped(
            rule: "VPCE013", by: { outsideRule[$0.location].map { "outside|" + $0 } },
            member: { $0.related.last ?? $0.location },
            summary: { members in
                let rule = members.first.flatMap { outsideRule[$0.location] }.map(ModelKey.shown) ?? ""
                return "\(members.count) spokes are associated with Resolver rule \(rule), which no input holds"
            })
    }

    private func one(_ path: SpokeDNSHop, origin: Origin, spoke: VPC, hosts: String, subject: String) -> Finding {
        switch path.hop.reason {
        case .resolverAssociationUnknown(_, let rule, let association, _) where association == spoke.origin:
            return finding(
                at: origin,
                message:
                    "whether Resolver rule `\(rule.address)` is associated with spoke \(Describe.vpc(spoke)) is unknown: the spoke is in the inputs only as a data source (`\(spoke.origin.address)`), and its association would be in its own root; without it the spoke resolves the public \(hosts)",
                fix:
                    "check the spoke's own root with the hub's (its state or plan among the inputs), or associate `\(rule.address)` with it (`aws_route53_resolver_rule_association`)",
                subject: subject, related: [spoke.origin], status: .unknown)
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
