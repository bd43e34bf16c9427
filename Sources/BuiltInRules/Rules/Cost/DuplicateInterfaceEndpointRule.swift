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
            its group (`groups`, keyed `VPCE001|REGION|SERVICE`). When a hub already serves a service to a spoke, the spoke's own copy \
            is reported. Gateway endpoints (S3, DynamoDB) are free and never reported.
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
            per region in `Rules/data/prices.json`). Over a service: all copies minus one copy at the largest AZ \
            count among them.
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
        var served = [String: [String: (hub: Hub, endpoint: Endpoint)]]()
        for hub in hubs {
            for endpoint in model.hubEndpoints(hub) {
                for spoke in hub.spokes { served[spoke.vpc.key, default: [:]][endpoint.service] = (hub, endpoint) }
            }
        }
        var remaining = [Endpoint]()
        for endpoint in model.endpoints where endpoint.type == .interface && endpoint.isManaged {
            guard let vpcKey = endpoint.vpcKey, !hubKeys.contains(vpcKey) else { continue }
            if let (hub, hubEndpoint) = served[vpcKey]?[endpoint.service] {
                findings.append(spokeCopy(endpoint, hub: hub, hubEndpoint: hubEndpoint, model: model, context: context))
            } else {
                remaining.append(endpoint)
            }
        }
        let groups = Dictionary(grouping: remaining) { "\($0.region ?? "")|\($0.service)" }
        for key in groups.keys.sorted() {
            let copies = groups[key]!
            guard Set(copies.compactMap(\.vpcKey)).count > 1 else { continue }
            findings += copyFindings(copies, key: key, context: context)
        }
        return findings
    }

    /// Every copy of one service in one Region but the keeper: each names the keeper and the closest few
    /// copies with a count, and the group lists them all once.
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
        return copies.filter { $0.key != keeper.key }.map { copy in
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

    private func spokeCopy(
        _ endpoint: Endpoint, hub: Hub, hubEndpoint: Endpoint, model: NetworkModel, context: RuleContext
    ) -> Finding {
        finding(
            at: endpoint.origin,
            message:
                "spoke \(endpoint.origin.environment) keeps its own interface endpoint `\(endpoint.origin.address)` for `\(endpoint.service)` although hub \(hub.vpc.origin.environment) serves it with `\(hubEndpoint.origin.address)`",
            fix:
                "delete `\(endpoint.origin.address)` and resolve `\(endpoint.service)` through the hub's private hosted zone associated with this VPC",
            subject: endpoint.service, related: [hubEndpoint.origin], savings: cost(endpoint, context))
    }

    private func cost(_ endpoint: Endpoint, _ context: RuleContext) -> MonthlyCost? {
        guard var cost = endpoint.region.flatMap({ context.pricing.monthly(azCount: endpoint.azCount, region: $0) })
        else { return nil }
        if endpoint.subnetsUnresolved { cost.formula = "at most: " + cost.formula + " (subnets unknown until apply)" }
        return cost
    }
}
