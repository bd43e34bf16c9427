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
        var findings = [Finding]()
        let catalog = ServiceCatalog.builtIn
        let engine = PathEngine(model: model)
        for hub in model.hubs {
            let forwarding = model.forwardingRules(into: hub.vpc.key)
            guard !forwarding.isEmpty else { continue }
            for spoke in hub.spokes {
                // Services per candidate rule, for one finding per rule and spoke.
                var missing = [String: (rule: ResolverRule, names: [String])]()
                var unknown = [String: (association: UnplacedAssociation, names: [String])]()
                for endpoint in model.hubEndpoints(hub) where endpoint.privateDNSEnabled == true {
                    guard let region = endpoint.region else { continue }
                    let name = catalog.dns(for: endpoint.service).zoneName(region: region)
                    if let rule = model.resolverRule(for: name, in: spoke.vpc.key),
                        forwarding.contains(where: { $0.key == rule.key })
                    {
                        continue
                    }
                    switch engine.resolve(name, in: spoke.vpc, service: endpoint.service) {
                    case .publicDNS: break
                    default: continue  // the spoke answers the name itself
                    }
                    let candidates = forwarding.filter { $0.covers(name) }
                    guard
                        let rule = candidates.first(where: { $0.origin.environment == spoke.vpc.origin.environment })
                            ?? candidates.first(where: { $0.origin.environment == hub.vpc.origin.environment })
                            ?? candidates.first
                    else { continue }  // no rule forwards the name at all: private-dns-misconfigured says so
                    if let maybe = model.unplacedResolverAssociations.first(where: {
                        $0.mayAssociate(zone: rule.key, vpc: spoke.vpc.key)
                    }) {
                        unknown[maybe.origin.address, default: (maybe, [])].names.append(name)
                        continue
                    }
                    missing[rule.key, default: (rule, [])].names.append(name)
                }
                let subject = "spoke:" + spoke.vpc.origin.environment + ":" + spoke.vpc.origin.address
                for (rule, names) in missing.values.sorted(by: { $0.rule.origin < $1.rule.origin }) {
                    findings.append(
                        finding(
                            at: rule.origin,
                            message:
                                "Resolver rule `\(rule.origin.address)` (\(rule.domain)) forwards to hub \(Describe.vpc(hub.vpc))'s inbound endpoint but is not associated with spoke \(Describe.vpc(spoke.vpc)), which resolves the public \(Describe.list(names))",
                            fix:
                                "associate `\(rule.origin.address)` with `\(spoke.vpc.origin.address)` (`aws_route53_resolver_rule_association`)",
                            subject: subject, related: [spoke.vpc.origin]))
                }
                for (association, names) in unknown.values.sorted(by: { $0.association.origin < $1.association.origin })
                {
                    findings.append(
                        finding(
                            at: association.origin,
                            message:
                                "whether `\(association.origin.address)` associates a rule forwarding \(Describe.list(names)) to hub \(Describe.vpc(hub.vpc)) with spoke \(Describe.vpc(spoke.vpc)) is unknown: its \(association.problem.attribute) is \(association.problem.reason)",
                            fix: "associate the forwarding rule with `\(spoke.vpc.origin.address)`",
                            subject: subject, related: [spoke.vpc.origin], status: .unknown))
                }
            }
        }
        return findings
    }
}
