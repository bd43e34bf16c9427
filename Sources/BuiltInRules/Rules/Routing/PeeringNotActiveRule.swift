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
            or an `aws_vpc_peering_connection_accepter` in the inputs must accept it.
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
        var findings = [Finding]()
        for peering in model.peerings where peering.isManaged {
            if let status = peering.status {
                guard status != "active" else { continue }
                findings.append(
                    finding(
                        at: peering.origin,
                        message:
                            "peering connection `\(peering.origin.address)` is \(status), not active: routes through it drop traffic",
                        fix: status == "pending-acceptance"
                            ? "accept it in the peer account (`aws_vpc_peering_connection_accepter`) or set `auto_accept = true` in the same account"
                            : "recreate the peering (check for overlapping CIDRs and the peer account and Region)",
                        subject: "status:" + status))
                continue
            }
            if peering.autoAccept == true && peering.peerOwnerID == nil { continue }
            if peering.accepter != nil { continue }
            findings.append(
                finding(
                    at: peering.origin,
                    message:
                        "nothing accepts peering connection `\(peering.origin.address)`: auto_accept is \(peering.autoAccept.map(String.init) ?? "unset")\(peering.peerOwnerID.map { " and it crosses to account \($0)" } ?? "") and no aws_vpc_peering_connection_accepter is in the inputs",
                    fix:
                        "add an `aws_vpc_peering_connection_accepter` in the peer account, or `auto_accept = true` within one account",
                    subject: "not-accepted"))
        }
        return findings
    }
}
