import LintCore
import NetworkModel

/// VPCE003: private DNS on where spokes need a shared zone, or off with no zone to replace it.
public struct PrivateDNSMisconfiguredRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE003", name: "private-dns-misconfigured",
        summary: "An endpoint's private DNS setting breaks name resolution for the spokes",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            Checks `private_dns_enabled` (or `aws_vpc_endpoint_private_dns`) of interface endpoints, resolving \
            names with the same engine as `vpcelint trace`: a hub endpoint with private DNS on, or off with no \
            private hosted zone for its service name, when a spoke resolves the service's name (in the \
            endpoint's Region) to the public endpoint because of it; an endpoint with private DNS on for a name \
            that a private hosted zone associated with its own VPC also claims. An endpoint a Route 53 Profile \
            carries answers in every VPC of the profile, where private DNS on is right (for spokes the inputs show \
            only as data sources, whether they use the profile is one unknown per endpoint). A hub finding names the \
            first five spokes and counts the rest; with more, the JSON report lists them once, in its group.
            """,
        whyItMatters: """
            With private DNS on, AWS creates a managed zone that answers only inside the endpoint's own VPC: \
            spokes keep resolving the public name and go out through NAT (or fail with \
            `CannotPullContainerError ... i/o timeout` where there is none). A spoke endpoint with private DNS \
            and a hub zone of the same name make the zone association fail with `ConflictingDomainExists`. \
            With private DNS off and no zone of its own, nothing resolves to the hub endpoint at all.
            """,
        howToFix: """
            Set `private_dns_enabled = false` on hub endpoints and create one private hosted zone per service \
            (e.g. `ssm.ap-northeast-1.amazonaws.com`) with an alias A record to the endpoint's `dns_entry[0]`, \
            associated with the hub and every spoke. Or keep private DNS on and put the endpoint in a Route 53 \
            Profile (`aws_route53profiles_resource_association`) associated with every spoke \
            (`aws_route53profiles_association`); the fix names the profile when spokes already use one. In spokes, \
            delete endpoints the hub serves.
            """,
        references: [
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profile-associate-vpc-endpoints.html",
        ],
        triggeringExamples: [
            // ssm has private DNS on in the hub and no zone; stg's own logs endpoint has private DNS on
            // while the hub's logs zone is associated with stg (ConflictingDomainExists).
            .fixture(
                "hub-spoke-broken",
                flags: [
                    #"module.hub.aws_vpc_endpoint.interface["ssm"]"#,
                    #"module.spoke.aws_vpc_endpoint.interface["logs"]"#,
                ])
        ],
        nonTriggeringExamples: [.fixture("hub-spoke-ok"), .fixture("hub-module-foreach")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        let engine = PathEngine(model: model)
        // The spokes' DNS hops from the path engine name the hub endpoint whose private DNS decides them.
        // One finding per endpoint and verdict: a failed spoke and one whose profile association is unknown are
        // two findings of one endpoint.
        var spokesByEndpoint = [EndpointVerdict: [VPC]]()
        var decided = [(path: SpokeDNSHop, endpoint: EndpointVerdict)]()
        let paths = engine.spokeDNSHops()
        // By index: only the hops the endpoint's private DNS decides are copied.
        for index in paths.indices {
            switch paths[index].hop.reason {
            case .endpointPrivateDNSOn(_, let endpoint), .noZoneForEndpoint(_, let endpoint),
                .endpointPrivateDNSUnknown(_, let endpoint), .profileAssociationUnknown(_, let endpoint, _):
                let key = EndpointVerdict(endpoint: endpoint, status: paths[index].hop.status)
                if spokesByEndpoint[key] == nil { decided.append((paths[index], key)) }
                spokesByEndpoint[key, default: []].append(paths[index].spoke.vpc)
            default: continue
            }
        }
        var findings = decided.map { path, key in
            hubFinding(path, at: key.endpoint, spokes: spokesByEndpoint[key] ?? [], model: model)
        }
        findings += conflicts(model, engine)
        return findings
    }

    private struct EndpointVerdict: Hashable {
        var endpoint: Origin
        var status: HopStatus
    }

    private func hubFinding(_ path: SpokeDNSHop, at endpoint: Origin, spokes: [VPC], model: NetworkModel) -> Finding {
        let service = path.endpoint.service
        let zoneName = ServiceCatalog.builtIn.dns(for: service).zoneName(
            region: path.endpoint.region ?? path.hub.vpc.region ?? "")
        switch path.hop.reason {
        case .endpointPrivateDNSOn:
            // A Route 53 Profile that carries the endpoint shows its private DNS to the profile's VPCs too: the fix
            // keeps to the profiles (add the endpoint to the one these spokes use, or associate the one carrying it).
            let carrier = model.profileResources(carrying: path.endpoint.key).first.map(\.profileKey)
            let used = spokes.lazy.compactMap { model.profileAssociations(of: $0.key).first?.profileKey }.first
            let seenBy = carrier.map {
                "the hub VPC and the VPCs of Route 53 Profile \(model.profileName($0)), which carries it,"
            }
            let fix =
                "set `private_dns_enabled = false` and serve \(zoneName) from a private hosted zone with an alias A record to this endpoint, associated with the hub and every spoke"
            let profileFix: String? =
                if let used, used != carrier {
                    "add this endpoint to Route 53 Profile \(model.profileName(used)), which these spokes use (`aws_route53profiles_resource_association` with `resource_arn` the endpoint's ARN), or \(fix)"
                } else if let carrier {
                    "associate Route 53 Profile \(model.profileName(carrier)) with these spokes (`aws_route53profiles_association`; a VPC takes one profile), or \(fix)"
                } else {
                    nil
                }
            return finding(
                at: endpoint,
                message:
                    "hub endpoint `\(endpoint.address)` for `\(service)` has private_dns_enabled = true, which only \(seenBy ?? "the hub VPC") can see; spokes \(Describe.list(spokes.prefix(Finding.relatedLimit).map(Describe.vpc), of: spokes.count, more: "spokes")) resolve the public \(zoneName)",
                fix: profileFix ?? fix,
                subject: "private-dns-on", related: spokes.prefix(Finding.relatedLimit).map(\.origin),
                relatedTotal: spokes.count, group: Self.spokeGroup(endpoint, spokes: spokes))
        case .noZoneForEndpoint:
            return finding(
                at: endpoint,
                message:
                    "hub endpoint `\(endpoint.address)` has private DNS off and no private hosted zone \(zoneName) exists, so nothing resolves to it",
                fix:
                    "create a private hosted zone \(zoneName) with an alias A record to this endpoint and associate it with the hub and every spoke",
                subject: "no-zone")
        case .profileAssociationUnknown(_, _, let resource):
            return finding(
                at: endpoint,
                message:
                    "whether spokes \(Describe.list(spokes.prefix(Finding.relatedLimit).map(Describe.vpc), of: spokes.count, more: "spokes")) see the private DNS of hub endpoint `\(endpoint.address)` for `\(service)` is unknown: a Route 53 Profile carries it (`\(resource.address)`), and these spokes are in the inputs only as data sources, so whether they are associated with the profile is not known",
                fix: "lint the spokes' own states or plans with the hub's", subject: "profile-association",
                related: [resource] + spokes.prefix(Finding.relatedLimit).map(\.origin), status: .unknown,
                relatedTotal: spokes.count + 1)
        default:
            return finding(
                at: endpoint,
                message: "private_dns_enabled of hub endpoint `\(endpoint.address)` is unknown until apply",
                fix: "set `private_dns_enabled = false` explicitly", subject: "private_dns_enabled", status: .unknown)
        }
    }

    /// The spokes one hub endpoint fails, listed once when they are more than a finding names.
    private static func spokeGroup(_ endpoint: Origin, spokes: [VPC]) -> FindingGroup? {
        guard spokes.count > Finding.relatedLimit else { return nil }
        return FindingGroup(
            id: "VPCE003|\(endpoint.environment)|\(endpoint.address)",
            summary: "\(spokes.count) spokes resolve the public name instead of `\(endpoint.address)`",
            members: spokes.map(\.origin))
    }

    /// Endpoints with private DNS whose name a private zone associated with their VPC also claims (or may,
    /// through an association a plan cannot place), as the path engine resolves it inside their VPC.
    private func conflicts(_ model: NetworkModel, _ engine: PathEngine) -> [Finding] {
        var findings = [Finding]()
        let hubKeys = Set(model.hubs.map(\.vpc.key))
        for endpoint in model.endpoints
        where endpoint.type == .interface && endpoint.isManaged && endpoint.privateDNSEnabled == true {
            guard let vpc = model.vpc(endpoint.vpcKey), let region = endpoint.region ?? vpc.region else { continue }
            let host = ServiceCatalog.builtIn.clientHost(service: endpoint.service, region: region).host
            let hop = engine.dnsHop(from: vpc, service: endpoint.service, host: host).hop
            let role = hubKeys.contains(vpc.key) ? "hub" : "spoke"
            let fix =
                role == "hub"
                ? "set `private_dns_enabled = false` on this endpoint and let the private hosted zone answer"
                : "delete this endpoint (the hub serves `\(endpoint.service)`) or set `private_dns_enabled = false` on it"
            switch hop.reason {
            case .conflictingDomain(let origin, let zone, let zoneName) where origin == endpoint.origin:
                findings.append(
                    finding(
                        at: endpoint.origin,
                        message:
                            "\(role) endpoint `\(endpoint.origin.address)` has private DNS on for \(zoneName), which private hosted zone `\(zone.address)` associated with this VPC also claims (ConflictingDomainExists)",
                        fix: fix, subject: "conflict:" + zoneName, related: [zone]))
            case .conflictUnknown(let origin, _, let zoneName, let association, let problem)
            where origin == endpoint.origin:
                findings.append(
                    finding(
                        at: endpoint.origin,
                        message:
                            "\(role) endpoint `\(endpoint.origin.address)` has private DNS on for \(zoneName); whether `\(association.address)` associates the hub zone of that name with this VPC (ConflictingDomainExists) is unknown: its \(problem.attribute) is \(problem.reason)",
                        fix: fix, subject: "conflict:" + zoneName, related: [association], status: .unknown))
            default: continue
            }
        }
        return findings
    }
}
