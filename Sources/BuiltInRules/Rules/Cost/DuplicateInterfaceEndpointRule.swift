import LintCore
import NetworkModel

/// VPCE001: the same interface endpoint service paid for in several VPCs.
public struct DuplicateInterfaceEndpointRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE001", name: "duplicate-interface-endpoint",
        summary: "The same interface endpoint service is paid for in several VPCs",
        category: .cost, defaultSeverity: .warning,
        whatItDoes: """
            Groups the interface VPC endpoints of every input by region and service (`ecr.dkr`, `logs`, ...). \
            A service found in more than one VPC is reported on every copy but the one a shared hub would keep \
            (the copy with the most AZs). Each finding names the keeper and the closest few other copies (same \
            environment first, then by address) and counts the rest; the JSON report lists every copy once, in \
            its group (`groups`, keyed `VPCE001|REGION|SERVICE`). The copies among one hub's spokes (the hub \
            does not serve the service) are compared among themselves, one hub being where they would go (group \
            `VPCE001|REGION|SERVICE|HUB VPC`). When a hub already serves a service to a spoke, the spoke's own \
            copy is reported. A group of more than 10 copies to delete (an organisation-wide audit), or more than \
            10 spokes keeping their own copy of what one hub endpoint serves (group \
            `VPCE001|REGION|SERVICE|HUB VPC`), is one finding instead, at the keeper (or the hub's endpoint), \
            with every copy in its group and the savings of deleting them all: the report stays a small part of \
            the input, and its fingerprint holds while copies come and go (a baseline records the group's members, \
            so a new copy is still a new finding). Gateway endpoints (S3, DynamoDB) are free and never reported.
            """,
        whyItMatters: """
            Interface endpoints bill per endpoint, per AZ, per hour, whatever the traffic. Eight endpoints in \
            three environments cost about JPY 36,000 a month in Tokyo at one AZ each; one shared set in a hub \
            VPC, reached over peering or a transit gateway, costs a third of that. A spoke that keeps its own \
            copy of a service the hub serves pays twice, and with private DNS on, its copy also hides the hub's.
            """,
        howToFix: """
            Keep one endpoint per service in a hub VPC with `private_dns_enabled = false`, add a private hosted \
            zone per service associated with the hub and every spoke, route the spokes to the hub and back, \
            allow TCP 443 from the spoke CIDRs on the endpoint security group, then delete the spoke copies. \
            `vpcelint consolidate` prints the target design.
            """,
        savings: """
            Per finding: the monthly cost of the reported copy, `AZs x hourly price x hours per month` (prices \
            per region in `Rules/data/prices.json`); for a group reported as one finding, the copies it deletes. \
            Over a service: all copies minus one copy at the largest AZ count among them.
            """,
        references: [
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
            "https://aws.amazon.com/privatelink/pricing/",
        ],
        triggeringExamples: [
            // stg keeps its own logs endpoint although the hub serves logs.
            .fixture("hub-spoke-broken", flags: [#"module.spoke.aws_vpc_endpoint.interface["logs"]"#]),
            // No hub: every service in dev, stg and prd; one copy (dev) is kept, the other two are reported.
            .fixture(
                "three-spokes",
                flags: [
                    #"aws_vpc_endpoint.interface["ec2messages"]"#,
                    #"aws_vpc_endpoint.interface["ecr.api"]"#,
                    #"aws_vpc_endpoint.interface["ecr.dkr"]"#,
                    #"aws_vpc_endpoint.interface["kms"]"#,
                    #"aws_vpc_endpoint.interface["logs"]"#,
                    #"aws_vpc_endpoint.interface["secretsmanager"]"#,
                    #"aws_vpc_endpoint.interface["ssm"]"#,
                    #"aws_vpc_endpoint.interface["ssmmessages"]"#,
                ]),
        ],
        nonTriggeringExamples: [.fixture("hub-spoke-ok"), .fixture("hub-module-foreach")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        var findings = [Finding]()
        let hubs = model.hubs
        let hubKeys = Set(hubs.map(\.vpc.key))
        // Services each hub serves to each spoke.
        let served = ServedServices(model, hubs: hubs)
        var remaining = [Endpoint]()
        // The spoke copies of each hub endpoint, in model order.
        var spokeCopies = [String: (hub: Hub, endpoint: Endpoint, copies: [Endpoint])]()
        var hubOrder = [String]()
        for endpoint in model.endpoints where endpoint.type == .interface && endpoint.isManaged {
            guard let vpcKey = endpoint.vpcKey, !hubKeys.contains(vpcKey) else { continue }
            if let (hub, hubEndpoint) = served.serving(endpoint.service, to: vpcKey) {
                if spokeCopies[hubEndpoint.key] == nil {
                    hubOrder.append(hubEndpoint.key)
                    spokeCopies[hubEndpoint.key] = (hub, hubEndpoint, [])
                }
                spokeCopies[hubEndpoint.key]?.copies.append(endpoint)
            } else {
                remaining.append(endpoint)
            }
        }
        for key in hubOrder {
            guard let (hub, hubEndpoint, copies) = spokeCopies[key] else { continue }
            if copies.count > Self.summarizedAbove {
                findings.append(servedSummary(copies, hub: hub, hubEndpoint: hubEndpoint, context: context))
            } else {
                findings += copies.map { spokeCopy($0, hub: hub, hubEndpoint: hubEndpoint, context: context) }
            }
        }
        // By Region and service; the copies of a hub's spokes (their hub does not serve the service) apart from
        // every other hub's: one hub would serve them.
        let groups = Dictionary(grouping: remaining) { endpoint in
            let hub = endpoint.vpcKey.flatMap { model.topology.hubBySpoke[$0] }.map { "|" + $0 } ?? ""
            return "\(endpoint.region ?? "")|\(endpoint.service)" + hub
        }
        for key in groups.keys.sorted() {
            let copies = groups[key]!
            guard Set(copies.compactMap(\.vpcKey)).count > 1 else { continue }
            findings += copyFindings(copies, key: key, context: context)
        }
        return findings
    }

    /// More copies to delete than this in one group are one finding at the keeper (the copies in its group).
    static let summarizedAbove = 10

    /// Every copy of one service in one Region but the keeper: each names the keeper and the closest few
    /// copies with a count, and the group lists them all once; more than ``summarizedAbove`` copies to delete
    /// are one finding at the keeper.
    private func copyFindings(_ copies: [Endpoint], key: String, context: RuleContext) -> [Finding] {
        let keeper = copies.min { ($1.azCount, $0.origin) < ($0.azCount, $1.origin) }!
        let service = keeper.service
        let region = keeper.region.map { " in \($0)" } ?? ""
        let environments = Set(copies.map(\.origin.environment)).sorted()
        let spread =
            environments.count > 1
            ? "\(environments.count) environments (\(environments.prefix(Finding.relatedLimit).joined(separator: ", "))\(environments.count > Finding.relatedLimit ? " and \(environments.count - Finding.relatedLimit) more" : ""))"
            : "\(copies.count) VPCs"
        let group = FindingGroup(
            id: "VPCE001|" + key, summary: "\(copies.count) copies of `\(service)`\(region) across \(spread)",
            members: copies.map(\.origin))
        let closest = Closest(copies, origin: \.origin)
        let deleted = copies.filter { $0.key != keeper.key }
        if deleted.count > Self.summarizedAbove {
            let named = closest.nearest(to: keeper.origin, limit: Finding.relatedLimit) { $0.key == keeper.key }
            return [
                finding(
                    at: keeper.origin,
                    message:
                        "`\(service)`\(region) is paid for in \(copies.count) interface endpoints across \(spread): keep `\(keeper.origin.address)` (\(keeper.origin.environment)) and delete the other \(deleted.count): "
                        + Describe.list(
                            named.prefix(3).map { "`\($0.origin.address)`" } + ["\(deleted.count - 3) more"]),
                    fix:
                        "serve `\(service)` from one endpoint in a shared hub VPC (this one, or one built in the hub) and delete the other \(deleted.count) copies; the group `\(group.id)` lists them",
                    subject: service, related: named.map(\.origin), savings: cost(of: deleted, context),
                    relatedTotal: deleted.count, group: group, summarizesGroup: true)
            ]
        }
        return deleted.map { copy in
            let others = closest.nearest(to: copy.origin, limit: Finding.relatedLimit - 1) {
                $0.key == copy.key || $0.key == keeper.key
            }
            let related = [keeper.origin] + others.map(\.origin)
            // The message names the keeper and the two closest copies; `related` holds a few more.
            let named =
                related.count < copies.count - 1
                ? ": "
                    + Describe.list(
                        related.prefix(3).map { "`\($0.address)`" } + [
                            "\(copies.count - 4) more copies of `\(service)`\(region)"
                        ])
                : ""
            return finding(
                at: copy.origin,
                message:
                    "interface endpoint `\(copy.origin.address)` for `\(service)` is one of \(copies.count) copies across \(spread)\(named)",
                fix:
                    "serve `\(service)` from one endpoint in a shared hub VPC (keep the copy in \(keeper.origin.environment), `\(keeper.origin.address)`, or build it in the hub) and delete this one",
                subject: service, related: related, savings: cost(copy, context), relatedTotal: copies.count - 1,
                group: group)
        }
    }

    /// More than ``summarizedAbove`` spokes that keep their own copy of what one hub endpoint serves: one
    /// finding at the hub's endpoint, the copies in its group.
    private func servedSummary(
        _ copies: [Endpoint], hub: Hub, hubEndpoint: Endpoint, context: RuleContext
    ) -> Finding {
        let service = hubEndpoint.service
        let group = FindingGroup(
            id: "VPCE001|\(hubEndpoint.region ?? "")|\(service)|\(hub.vpc.key)",
            summary:
                "\(copies.count) spokes of hub \(hub.vpc.origin.environment) keep their own `\(service)` endpoint",
            members: copies.map(\.origin))
        let named = Closest(copies, origin: \.origin).nearest(
            to: hubEndpoint.origin, limit: Finding.relatedLimit, excluding: { _ in false })
        return finding(
            at: hubEndpoint.origin,
            message:
                "hub \(hub.vpc.origin.environment) serves `\(service)` with `\(hubEndpoint.origin.address)`, yet \(copies.count) of its spokes keep their own interface endpoint for it: "
                + Describe.list(named.prefix(3).map { "`\($0.origin.address)`" } + ["\(copies.count - 3) more"]),
            fix:
                "delete the spokes' copies (the group `\(group.id)` lists them) and resolve `\(service)` through the hub's private hosted zone associated with each spoke",
            subject: service, related: named.map(\.origin), savings: cost(of: copies, context),
            relatedTotal: copies.count, group: group, summarizesGroup: true)
    }

    private func spokeCopy(_ endpoint: Endpoint, hub: Hub, hubEndpoint: Endpoint, context: RuleContext) -> Finding {
        finding(
            at: endpoint.origin,
            message:
                "spoke \(endpoint.origin.environment) keeps its own interface endpoint `\(endpoint.origin.address)` for `\(endpoint.service)` although hub \(hub.vpc.origin.environment) serves it with `\(hubEndpoint.origin.address)`",
            fix:
                "delete `\(endpoint.origin.address)` and resolve `\(endpoint.service)` through the hub's private hosted zone associated with this VPC",
            subject: endpoint.service, related: [hubEndpoint.origin], savings: cost(endpoint, context))
    }

    /// What deleting every one of `copies` (one service, one Region) saves a month.
    private func cost(of copies: [Endpoint], _ context: RuleContext) -> MonthlyCost? {
        guard let region = copies.first?.region,
            var cost = context.pricing.monthly(
                endpoints: copies.count, azCount: copies.reduce(0) { $0 + $1.azCount }, region: region)
        else { return nil }
        let unresolved = copies.count { $0.subnetsUnresolved }
        if unresolved > 0 {
            let which = copies.count == 1 ? "subnets" : "the subnets of \(unresolved)"
            cost.formula = "at most: " + cost.formula + " (\(which) unknown until apply)"
        }
        return cost
    }

    private func cost(_ endpoint: Endpoint, _ context: RuleContext) -> MonthlyCost? {
        cost(of: [endpoint], context)
    }
}
