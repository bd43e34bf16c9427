import LintCore
import NetworkModel

/// VPCE005: hub endpoint security groups that do not let a spoke in on TCP 443.
public struct EndpointSGMissing443Rule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE005", name: "endpoint-sg-missing-443",
        summary: "A hub endpoint's security groups do not allow TCP 443 from a spoke CIDR",
        category: .security, defaultSeverity: .error,
        whatItDoes: """
            For every hub interface endpoint and every spoke CIDR, looks for an ingress rule in the endpoint's \
            security groups (inline `ingress`, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`) \
            that allows TCP 443 (protocol `tcp`, `6` or `-1`, a port range covering 443) from a CIDR or prefix \
            list containing the spoke CIDR, or from a security group in that spoke. Endpoints that share one \
            security group are reported once, on the group; endpoints with several (or none) each on the \
            endpoint, where `vpcelint trace` places its security-group hop. When more than five spoke CIDRs \
            fail at one place, their findings share a group that the JSON report lists once.
            """,
        whyItMatters: """
            Every AWS API call through an interface endpoint is HTTPS to the endpoint's network interfaces. When \
            the security group drops the spoke's packets, the name resolves and the route exists, yet every call \
            times out: `CannotPullContainerError ... i/o timeout`, Session Manager `context deadline exceeded`.
            """,
        howToFix: """
            Add an ingress rule for TCP 443 from the spoke CIDR to the endpoint security group, e.g. \
            `resource "aws_vpc_security_group_ingress_rule" "dev" { security_group_id = aws_security_group.endpoints.id \
            cidr_ipv4 = "10.2.0.0/16" ip_protocol = "tcp" from_port = 443 to_port = 443 }`.
            """,
        references: [
            "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
        ],
        triggeringExamples: [
            // The endpoint security group does not open 443 to dev (10.2.0.0/16).
            .fixture("hub-spoke-broken", flags: [#"module.hub.aws_security_group.endpoints"#])
        ],
        nonTriggeringExamples: [.fixture("hub-spoke-ok"), .fixture("hub-module-foreach")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        for hub in model.hubs where !hub.spokes.isEmpty {
            let groups = Dictionary(grouping: model.hubEndpoints(hub)) { $0.securityGroupKeys.sorted() }
            for groupKeys in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let endpoints = groups[groupKeys]!.sorted { $0.origin < $1.origin }
                // One security group many spokes cannot pass: the spokes are listed once, in its group.
                findings += check(groupKeys, endpoints: endpoints, hub: hub, model: model).grouped(
                    rule: "VPCE005",
                    by: { $0.status == .violation ? $0.location.environment + "|" + $0.location.address : nil },
                    member: { $0.related.first ?? $0.location },
                    summary: { "\($0.count) spoke networks cannot reach `\($0[0].location.address)` on TCP 443" })
            }
            findings += unreadableSpokeCIDRs(hub, model: model) { spoke, problem in
                "spoke \(Describe.vpc(spoke.vpc)): its \(problem.attribute) cannot be read (\(problem.reason)), so "
                    + "whether the hub's endpoint security groups allow TCP 443 from it is unknown"
            }
        }
        return findings
            + outsideHubUnknowns(model) {
                "whether the hub's endpoint security groups allow TCP 443 from spoke \(Describe.vpc($0)) \(Describe.cidrs($0.cidrs))"
            }
    }

    private func check(_ groupKeys: [String], endpoints: [Endpoint], hub: Hub, model: NetworkModel) -> [Finding] {
        let engine = PathEngine(model: model)
        let groups = groupKeys.compactMap { model.securityGroup($0) }
        if groups.count < groupKeys.count
            || endpoints.contains(where: { $0.unresolved.contains { $0.attribute == "security_group_ids" } })
        {
            // The path engine decides this at each endpoint (its security-group hop is unknown there).
            let missing = groupKeys.filter { model.securityGroup($0) == nil }
            return endpoints.map { endpoint in
                finding(
                    at: endpoint.origin,
                    message:
                        "the security groups of hub endpoint `\(endpoint.service)` cannot be checked: \(missing.isEmpty ? "security_group_ids is unknown until apply" : "\(missing.joined(separator: ", ")) is not in the inputs")",
                    fix: "lint the state or plan that holds the endpoint security groups together with this one",
                    subject: "security_group_ids", related: [endpoint.origin], status: .unknown)
            }
        }
        // Where the path engine decides it, and so where the fix goes: the one security group the endpoints
        // share, else each endpoint.
        let places =
            groups.count == 1
            ? [(groups[0].origin, endpoints)] : endpoints.map { ($0.origin, [$0]) }
        var findings = [Finding]()
        // Sites already reported, looked up in a set: a scan of the findings per spoke would be quadratic.
        var reported = Set<SiteKey>()
        for (location, endpoints) in places {
            let services = Describe.list(endpoints.map { "`\($0.service)`" })
            let target =
                groups.count == 1
                ? "security group `\(groups[0].origin.address)` of hub endpoints \(services)"
                : groups.isEmpty
                    ? "hub endpoints \(services) (no security group given: the VPC default group applies)"
                    : "the security groups of hub endpoints \(services)"
            for spoke in hub.spokes {
                for cidr in model.sourceCIDRs(of: spoke.vpc, toward: hub.vpc) {
                    let decision = engine.securityGroupDecision(
                        groups, port: 443, from: cidr, sourceVPC: spoke.vpc.key)
                    let verdict = decision.status
                    guard verdict != .pass else { continue }
                    // Where the change goes when it is not the group (the path engine's security-group hop
                    // names the same resource): the prefix list that stands for the spoke, a rule resource meant
                    // for it, or the association that attached the wrong group.
                    if verdict == .fail {
                        let sites = Set(
                            endpoints.compactMap {
                                engine.securityGroupChangeSite(groups, of: $0, port: 443, from: cidr, source: spoke.vpc)
                            })
                        if !sites.isEmpty {
                            for site in sites.sorted(by: { $0.origin < $1.origin })
                            where reported.insert(SiteKey(origin: site.origin, subject: cidr.description)).inserted {
                                let (message, fix) = Self.wording(site, spoke: spoke, cidr: cidr, services: services)
                                findings.append(
                                    finding(
                                        at: site.origin, message: message, fix: fix, subject: cidr.description,
                                        related: [spoke.vpc.origin] + groups.map(\.origin)))
                            }
                            continue
                        }
                    }
                    findings.append(
                        finding(
                            at: location,
                            message: verdict == .unknown
                                ? "whether \(target) allow TCP 443 from spoke \(Describe.vpc(spoke.vpc)) \(cidr) is unknown "
                                    + (decision.unreadable.map {
                                        "(rule `\($0.rule.address)` cannot be read: \($0.problem))"
                                    } ?? "until apply")
                                : "\(target) \(groups.count == 1 ? "does" : "do") not allow TCP 443 from spoke \(Describe.vpc(spoke.vpc)) \(cidr)",
                            fix:
                                "add an ingress rule for TCP 443 from \(cidr) to \(groups.count == 1 ? "`\(groups[0].origin.address)`" : "the endpoints' security group")",
                            subject: groups.isEmpty ? "default-sg:" + cidr.description : cidr.description,
                            related: [spoke.vpc.origin] + endpoints.map(\.origin),
                            status: verdict == .unknown ? .unknown : .violation))
                }
            }
        }
        return findings
    }

    /// A change site and the spoke CIDR it is reported for.
    private struct SiteKey: Hashable {
        var origin: Origin
        var subject: String
    }

    /// The finding's sentence and fix when the change goes elsewhere than the group.
    static func wording(_ site: ChangeSite, spoke: Spoke, cidr: CIDR, services: String) -> (String, String) {
        let spokeName = "spoke \(Describe.vpc(spoke.vpc)) \(cidr)"
        switch site {
        case .prefixList(let list):
            return (
                "prefix list `\(list.address)`, the source of the TCP 443 rule for spoke \(Describe.vpc(spoke.vpc)) on hub endpoints \(services), does not contain \(cidr)",
                "add an entry for \(cidr) to `\(list.address)`"
            )
        case .ruleResource(let rule, let group, let shape):
            return (
                "security group rule `\(rule.address)` of `\(group.address)` names \(spokeName) but \(shape == "egress" ? "is an egress rule" : "opens \(shape), not TCP 443")",
                "make `\(rule.address)` an ingress rule for TCP 443 (`type = \"ingress\"`, from_port = to_port = 443)"
            )
        case .association(let association, let attached, let meant):
            let groups = Describe.list(attached.map { "`\($0.address)`" })
            return (
                "`\(association.address)` attaches \(groups) to hub endpoint \(services), which does not allow TCP 443 from \(spokeName) (the other hub endpoints' `\(meant.address)` does)",
                "attach `\(meant.address)` in `\(association.address)` instead of \(groups)"
            )
        }
    }
}
