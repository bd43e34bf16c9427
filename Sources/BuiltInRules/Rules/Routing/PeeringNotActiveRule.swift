import LintCore
import NetworkModel

/// VPCE012: a peering connection to a hub that is not active or never accepted.
public struct PeeringNotActiveRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE012", name: "peering-not-active",
        summary: "A VPC peering connection is not active, or nothing accepts it",
        category: .routing, defaultSeverity: .error,
        whatItDoes: """
            Checks every peering connection in the inputs: its `accept_status` must be `active`; where a plan \
            does not know the status yet, the requester must set `auto_accept = true` (same account and Region) \
            or an `aws_vpc_peering_connection_accepter` in the inputs must accept it (a data source whose \
            status is unknown is reported as unknown). This is the path engine's verdict: `vpcelint trace` fails \
            (or leaves unknown) every route hop through such a peering, at the peering connection.
            """,
        whyItMatters: """
            Routes through a peering that is `pending-acceptance`, `failed` or `rejected` are blackholes: every \
            spoke call to the hub endpoints times out. Across accounts, `auto_accept` is ignored and the peer \
            account must accept.
            """,
        howToFix: """
            Same account: `auto_accept = true` on the `aws_vpc_peering_connection`. Across accounts or Regions: \
            an `aws_vpc_peering_connection_accepter` with `auto_accept = true` in the peer account's \
            configuration.
            """,
        references: ["https://docs.aws.amazon.com/vpc/latest/peering/accept-vpc-peering-connection.html"],
        triggeringExamples: [
            // sbx's peering has auto_accept = false and nothing accepts it: pending-acceptance.
            .fixture("hub-spoke-more-broken", flags: [#"module.spoke.aws_vpc_peering_connection.hub"#])
        ],
        nonTriggeringExamples: [
            // stg's peering has auto_accept = false, but an aws_vpc_peering_connection_accepter accepts it.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        // The path engine's verdict, the same one that fails route hops through the peering in a trace.
        let engine = PathEngine(model: model)
        var findings = [Finding]()
        for peering in model.peerings {
            let (state, status, origin) = engine.peeringVerdict(peering.key)
            guard status != .pass else { continue }
            let at = origin ?? peering.origin
            let name = "peering connection `\(at.address)`"
            switch state {
            case .notActive(let status):
                findings.append(
                    finding(
                        at: at, message: "\(name) is \(status), not active: routes through it drop traffic",
                        fix: status == "pending-acceptance"
                            ? "accept it in the peer account (`aws_vpc_peering_connection_accepter`) or set `auto_accept = true` in the same account"
                            : "recreate the peering (check for overlapping CIDRs and the peer account and Region)",
                        subject: "status:" + status))
            case .notAccepted(let autoAccept, let owner):
                findings.append(
                    finding(
                        at: at,
                        message:
                            "nothing accepts \(name): auto_accept is \(autoAccept.map(String.init) ?? "unset")\(owner.map { " and it crosses to account \($0)" } ?? "") and no aws_vpc_peering_connection_accepter is in the inputs",
                        fix:
                            "add an `aws_vpc_peering_connection_accepter` in the peer account, or `auto_accept = true` within one account",
                        subject: "not-accepted"))
            case .unknown, .active, .accepted:
                findings.append(
                    finding(
                        at: at, message: "whether \(name) is active is unknown: its status is not in the inputs",
                        fix: "lint the state that holds the peering connection together with this one",
                        subject: "status", status: .unknown))
            }
        }
        return findings
    }
}
