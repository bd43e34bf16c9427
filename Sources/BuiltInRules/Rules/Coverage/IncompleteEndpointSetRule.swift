import LintCore
import NetworkModel

/// VPCE011: a VPC that reaches part of an endpoint set a workload needs together, but not all of it.
public struct IncompleteEndpointSetRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE011", name: "incomplete-endpoint-set",
        summary: "A VPC reaches some endpoints of a set a workload needs together, but not all of them",
        category: .coverage, defaultSeverity: .warning,
        whatItDoes: """
            For every VPC that is not a hub, collects the endpoint services available to it: its own interface \
            and gateway endpoints and the interface endpoints a hub serves it. For each set in \
            `Rules/data/endpoint-sets.json` (Session Manager: `ssm`, `ssmmessages`, `ec2messages`; ECR image \
            pulls: `ecr.api`, `ecr.dkr` and an S3 gateway endpoint; Fargate logging: `logs`; ECS on EC2: \
            `ecs-agent`, `ecs-telemetry`, `ecs`) of which the VPC has at least one interface endpoint but not \
            all members, it names the missing services. When a hub serves the part the VPC reaches, the fix is \
            in the hub: the finding is reported once, at the hub VPC, naming the first five spokes it affects \
            and counting the rest (the JSON report lists them all once, in its group); otherwise \
            at the VPC itself. A missing S3 gateway endpoint is left to \
            `missing-s3-gateway-endpoint` (VPCE010), which checks it per route table; a one-service set such as \
            Fargate logging documents the requirement and is never partial.
            """,
        whyItMatters: """
            A workload calls every service of its set. With one missing, that call goes to the public endpoint \
            through NAT (paying NAT processing, bypassing endpoint policies) or, in a private subnet without NAT, \
            times out: the SSM Agent registers but `start-session` hangs without `ssmmessages`; ECS tasks fail \
            with `CannotPullContainerError` when `ecr.api` is there and `ecr.dkr` is not.
            """,
        howToFix: """
            Add the missing interface endpoints where the others are: in the hub (with a private hosted zone \
            associated with every spoke) when the hub serves the set, else in the VPC itself.
            """,
        references: [
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html",
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
        ],
        triggeringExamples: [
            // The hub serves ssm and ssmmessages but not ec2messages, to every spoke: one finding, at the hub.
            .fixture("hub-spoke-more-broken", flags: [#"module.hub.aws_vpc.this"#])
        ],
        nonTriggeringExamples: [
            // Complete sets through the hub, or in every VPC; the tools VPC has only an S3 gateway endpoint.
            .fixture("more-near-misses"), .fixture("hub-spoke-ok"), .fixture("three-spokes"),
        ])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        let hubs = model.hubs
        let hubKeys = Set(hubs.map(\.vpc.key))
        // Interface services a hub serves each spoke, and the hub that serves them.
        let served = ServedServices(model, hubs: hubs)
        var findings = [Finding]()
        // Sets a hub serves in part: the fix is in the hub, so one finding at the hub names every spoke.
        var atHubs = [HubGap: [VPC]]()
        for vpc in model.vpcs where vpc.isManaged && !hubKeys.contains(vpc.key) {
            let own = model.endpoints(in: vpc.key)
            let interfaces = Set(own.filter { $0.type == .interface }.map(\.service)).union(
                served.services(to: vpc.key))
            let gateways = Set(own.filter { $0.type == .gateway }.map(\.service))
            for (offset, set) in EndpointSetTable.builtIn.sets.enumerated() {
                let has = { (member: EndpointSetMember) in
                    (member.type == "Gateway" ? gateways : interfaces).contains(member.service)
                }
                let present = set.members.filter(has)
                guard present.contains(where: { $0.type == "Interface" }) else { continue }
                let missing = set.members.filter { !has($0) && $0.reportedBy == nil }
                guard !missing.isEmpty else { continue }
                let hubsServing = Set(present.compactMap { served.hubKey(serving: $0.service, to: vpc.key) })
                if let hub = hubs.first(where: { hubsServing.contains($0.vpc.key) }) {
                    let gap = HubGap(
                        hub: hub.vpc.key, set: offset, present: present.map(\.service), missing: missing.map(\.service))
                    atHubs[gap, default: []].append(vpc)
                    continue
                }
                findings.append(
                    finding(
                        at: vpc.origin,
                        message:
                            "\(Describe.vpc(vpc)) reaches \(Describe.list(present.map { "`\($0.service)`" })) of the \(set.name) set but not \(Describe.list(missing.map { "`\($0.service)`" }))",
                        fix:
                            "add \(Describe.list(missing.map { "`\($0.service)`" })) interface endpoint(s) to `\(vpc.origin.address)`",
                        subject: "set:" + set.id))
            }
        }
        let sets = EndpointSetTable.builtIn.sets
        let perHubAndSet = Dictionary(grouping: atHubs.keys) { "\($0.hub)|\($0.set)" }
        let hubsByKey = Dictionary(hubs.map { ($0.vpc.key, $0) }) { first, _ in first }
        for (gap, spokes) in atHubs {
            guard let hub = hubsByKey[gap.hub] else { continue }
            let set = sets[gap.set]
            let names = Describe.list(
                spokes.prefix(Finding.relatedLimit).map(Describe.vpc), of: spokes.count, more: "spokes")
            let missing = Describe.list(gap.missing.map { "`\($0)`" })
            // Spokes that miss different members of one set get one finding per gap.
            let distinct = (perHubAndSet["\(gap.hub)|\(gap.set)"]?.count ?? 1) > 1
            findings.append(
                finding(
                    at: hub.vpc.origin,
                    message:
                        "hub \(Describe.vpc(hub.vpc)) serves \(Describe.list(gap.present.map { "`\($0)`" })) of the \(set.name) set to \(spokes.count == 1 ? "spoke" : "spokes") \(names) but not \(missing)",
                    fix:
                        "add \(missing) interface endpoint(s) to hub \(hub.vpc.origin.environment) (`\(hub.vpc.origin.address)`) with a private hosted zone associated with \(names)",
                    subject: "set:" + set.id + (distinct ? ":" + gap.missing.joined(separator: ",") : ""),
                    related: spokes.prefix(Finding.relatedLimit).map(\.origin), relatedTotal: spokes.count,
                    group: spokes.count > Finding.relatedLimit
                        ? FindingGroup(
                            id: "VPCE011|\(hub.vpc.key)|\(set.id)|\(gap.missing.joined(separator: ","))",
                            summary: "\(spokes.count) spokes of hub \(Describe.vpc(hub.vpc)) miss \(missing)",
                            members: spokes.map(\.origin)) : nil))
        }
        return findings
    }

    /// The part of an endpoint set a hub serves its spokes, and the part it lacks.
    private struct HubGap: Hashable {
        var hub: String
        var set: Int
        var present: [String]
        var missing: [String]
    }
}
