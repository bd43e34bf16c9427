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
            list containing the spoke CIDR, or from a security group in that spoke. Endpoints that share the same \
            security groups are reported once, on the group.
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
                findings += check(groupKeys, endpoints: endpoints, hub: hub, model: model)
            }
        }
        return findings
            + outsideHubUnknowns(model) {
                "whether the hub's endpoint security groups allow TCP 443 from spoke \(Describe.vpc($0)) \(Describe.cidrs($0.cidrs))"
            }
    }

    private func check(_ groupKeys: [String], endpoints: [Endpoint], hub: Hub, model: NetworkModel) -> [Finding] {
        let groups = groupKeys.compactMap { model.securityGroup($0) }
        let services = Describe.list(endpoints.map { "`\($0.service)`" })
        // Where the fix goes: the one security group, else the first endpoint.
        let location = groups.count == 1 ? groups[0].origin : endpoints[0].origin
        if groups.count < groupKeys.count
            || endpoints.contains(where: { $0.unresolved.contains { $0.attribute == "security_group_ids" } })
        {
            let missing = groupKeys.filter { model.securityGroup($0) == nil }
            return [
                finding(
                    at: location,
                    message:
                        "the security groups of hub endpoints \(services) cannot be checked: \(missing.isEmpty ? "security_group_ids is unknown until apply" : "\(missing.joined(separator: ", ")) is not in the inputs")",
                    fix: "lint the state or plan that holds the endpoint security groups together with this one",
                    subject: "security_group_ids", related: endpoints.map(\.origin), status: .unknown)
            ]
        }
        var findings = [Finding]()
        for spoke in hub.spokes {
            for cidr in spoke.vpc.cidrs where !cidr.isIPv6 || hub.vpc.cidrs.contains(where: \.isIPv6) {
                let verdict = PathEngine(model: model).securityGroupVerdict(
                    groups, port: 443, from: cidr, sourceVPC: spoke.vpc.key)
                guard verdict != .pass else { continue }
                if verdict == .fail, let list = spokeList(groups, spoke: spoke, hub: hub, lacking: cidr, model) {
                    findings.append(
                        finding(
                            at: list.origin,
                            message:
                                "prefix list `\(list.origin.address)`, the source of the TCP 443 rule for spoke \(Describe.vpc(spoke.vpc)) on hub endpoints \(services), does not contain \(cidr)",
                            fix: "add an entry for \(cidr) to `\(list.origin.address)`", subject: cidr.description,
                            related: groups.map(\.origin) + [spoke.vpc.origin]))
                    continue
                }
                if verdict == .fail,
                    let blame = misplaced(groups, endpoints: endpoints, hub: hub, spoke: spoke, cidr: cidr, model)
                {
                    findings.append(
                        finding(
                            at: blame.origin, message: blame.message, fix: blame.fix, subject: cidr.description,
                            related: groups.map(\.origin) + [spoke.vpc.origin]))
                    continue
                }
                let subject = groups.isEmpty ? "default-sg:" + cidr.description : cidr.description
                let target =
                    groups.count == 1
                    ? "security group `\(groups[0].origin.address)` of hub endpoints \(services)"
                    : groups.isEmpty
                        ? "hub endpoints \(services) (no security group given: the VPC default group applies)"
                        : "the security groups of hub endpoints \(services)"
                findings.append(
                    finding(
                        at: location,
                        message: verdict == .unknown
                            ? "whether \(target) allow TCP 443 from spoke \(Describe.vpc(spoke.vpc)) \(cidr) is unknown until apply"
                            : "\(target) \(groups.count == 1 ? "does" : "do") not allow TCP 443 from spoke \(Describe.vpc(spoke.vpc)) \(cidr)",
                        fix:
                            "add an ingress rule for TCP 443 from \(cidr) to \(groups.count == 1 ? "`\(groups[0].origin.address)`" : "the endpoints' security group")",
                        subject: subject, related: endpoints.map(\.origin) + [spoke.vpc.origin],
                        status: verdict == .unknown ? .unknown : .violation))
            }
        }
        return findings
    }

    /// The prefix list a 443 rule of `groups` takes as source that stands for `spoke` (a hub route through the
    /// spoke's connection goes to it) but lacks `cidr`: the list is what to change.
    private func spokeList(_ groups: [SecurityGroup], spoke: Spoke, hub: Hub, lacking cidr: CIDR, _ model: NetworkModel)
        -> PrefixList?
    {
        let connections = PathEngine(model: model).connectionKeys(between: hub.vpc.key, and: spoke.vpc.key)
        let tables = model.routeTables.filter { $0.vpcKey == hub.vpc.key }
        guard let list = model.spokePrefixList(in: tables, through: connections, lacking: cidr) else { return nil }
        let sources = groups.flatMap(\.rules).filter { $0.isIngress && $0.allowsTCP(443) }.map(\.source)
        return sources.contains(where: { if case .prefixList(list.key) = $0 { return true } else { return false } })
            ? list : nil
    }

    /// The resource to change when it is not the group itself: a rule resource of `groups` meant for the spoke
    /// (its source covers `cidr`) that is an egress rule or opens another port; or, when every endpoint got
    /// these groups through `aws_vpc_endpoint_security_group_association` and another hub endpoint's group
    /// does let the spoke in, the association that attached the wrong group.
    private func misplaced(
        _ groups: [SecurityGroup], endpoints: [Endpoint], hub: Hub, spoke: Spoke, cidr: CIDR, _ model: NetworkModel
    ) -> (origin: Origin, message: String, fix: String)? {
        let spokeName = "spoke \(Describe.vpc(spoke.vpc)) \(cidr)"
        for group in groups {
            for rule in group.rules where rule.origin.address != group.origin.address {
                guard model.cidrs(of: rule.source).contains(where: { $0.contains(cidr) }) else { continue }
                let shape =
                    !rule.isIngress
                    ? "is an egress rule" : "opens \(Self.describe(rule)), not TCP 443"
                return (
                    rule.origin,
                    "security group rule `\(rule.origin.address)` of `\(group.origin.address)` names \(spokeName) but \(shape)",
                    "make `\(rule.origin.address)` an ingress rule for TCP 443 (`type = \"ingress\"`, from_port = to_port = 443)"
                )
            }
        }
        let associations = endpoints.compactMap { endpoint in
            groups.compactMap { endpoint.securityGroupAssociations[$0.key] }.first
        }
        guard associations.count == endpoints.count, let association = associations.first else { return nil }
        // The group the other hub endpoints share, when it lets some spoke in: the one meant for endpoints.
        let engine = PathEngine(model: model)
        let others = model.hubEndpoints(hub).filter { other in !endpoints.contains { $0.key == other.key } }
        let counts = Dictionary(grouping: others.map { $0.securityGroupKeys.sorted() }, by: { $0 }).mapValues(\.count)
        guard let common = counts.max(by: { ($0.value, $1.key.joined()) < ($1.value, $0.key.joined()) })?.key,
            common != groups.map(\.key).sorted()
        else { return nil }
        let meant = common.compactMap { model.securityGroup($0) }
        let letsSpokesIn = hub.spokes.contains { other in
            other.vpc.cidrs.contains {
                engine.securityGroupVerdict(meant, port: 443, from: $0, sourceVPC: other.vpc.key) == .pass
            }
        }
        guard letsSpokesIn, let right = meant.first else { return nil }
        let attached = Describe.list(groups.map { "`\($0.origin.address)`" })
        let services = Describe.list(endpoints.map { "`\($0.service)`" })
        return (
            association,
            "`\(association.address)` attaches \(attached) to hub endpoint \(services), which does not allow TCP 443 from \(spokeName) (the other hub endpoints' `\(right.origin.address)` does)",
            "attach `\(right.origin.address)` in `\(association.address)` instead of \(attached)"
        )
    }

    /// `TCP 80`, `UDP 53`, `all traffic`.
    private static func describe(_ rule: SecurityGroupRule) -> String {
        let ports: String
        switch (rule.fromPort, rule.toPort) {
        case (let from?, let to?) where from == to: ports = " \(from)"
        case (let from?, let to?): ports = " \(from)-\(to)"
        default: ports = ""
        }
        switch rule.ipProtocol {
        case .all: return "all traffic"
        case .tcp: return "TCP" + ports
        case .udp: return "UDP" + ports
        case .icmp: return "ICMP"
        case .other(let name): return name + ports
        }
    }
}
