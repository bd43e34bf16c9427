import LintCore
import NetworkModel

/// VPCE004: a service zone without the wildcard or apex record its clients need, or aliasing the wrong thing.
public struct MissingWildcardRecordRule: Rule {
    public init() {}

    public static let description = RuleDescription(
        id: "VPCE004", name: "missing-wildcard-record",
        summary: "A service's private hosted zone lacks the wildcard or apex alias record its clients call",
        category: .dns, defaultSeverity: .error,
        whatItDoes: """
            Finds private hosted zones named after an endpoint service (`dkr.ecr.REGION.amazonaws.com`, \
            `logs.REGION.amazonaws.com`, ...; the table is `Rules/data/services.json`) and checks their A records: \
            services whose clients call per-account or per-resource names (`ecr.dkr`, `s3`, `execute-api`, ...) \
            need a `*.` record; the others need an apex record; every alias must point at an interface endpoint \
            of that same service (an alias to an endpoint name that is not in the inputs is reported as unknown). \
            Names are looked up with the same engine as `vpcelint trace`.
            """,
        whyItMatters: """
            A private hosted zone captures every name under it and answers NXDOMAIN for names it has no record \
            for, with no fallback to public DNS. Image pulls go to `ACCOUNT.dkr.ecr.REGION.amazonaws.com`: \
            without `*.dkr.ecr...` they fail with `CannotPullContainerError ... no such host`. An alias to the \
            wrong endpoint sends clients to a service that rejects their TLS name.
            """,
        howToFix: """
            Add the missing alias A record to the zone, pointing at the endpoint's `dns_entry[0].dns_name` and \
            `dns_entry[0].hosted_zone_id`, e.g. `name = "*.dkr.ecr.ap-northeast-1.amazonaws.com"`.
            """,
        references: [
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
            "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html",
        ],
        triggeringExamples: [
            // The dkr.ecr zone has its apex record only.
            .fixture("hub-spoke-broken", flags: [#"module.hub.aws_route53_zone.endpoint["ecr.dkr"]"#])
        ],
        nonTriggeringExamples: [.fixture("hub-spoke-ok"), .fixture("hub-module-foreach")])

    public func check(_ model: NetworkModel, _ context: RuleContext) -> [Finding] {
        // Answers and alias targets come from the path engine, which resolves the same names for a trace.
        let engine = PathEngine(model: model)
        var findings = [Finding]()
        let catalog = ServiceCatalog.builtIn
        for zone in model.zones where zone.isPrivate && zone.isManaged {
            guard let (dns, _) = catalog.match(zoneName: zone.name) else { continue }
            let wildcard = "*." + zone.name
            let needed = [
                dns.needsWildcard ? (name: wildcard, client: example(dns, zone), subject: "wildcard") : nil,
                dns.needsApex ? (name: zone.name, client: zone.name, subject: "apex") : nil,
            ]
            for (name, client, subject) in needed.compactMap({ $0 }) {
                switch engine.lookup(client, in: zone) {
                case .record: continue
                case .recordUnknown(let record, let problem):
                    findings.append(unknownRecord(zone, name: name, record, problem, subject: subject))
                case .noRecord:
                    let message =
                        subject == "wildcard"
                        ? "has no wildcard record \(wildcard), so names such as \(client) do not resolve"
                        : "has no apex record, so \(zone.name) does not resolve"
                    findings.append(
                        finding(
                            at: zone.origin,
                            message: "private hosted zone `\(zone.origin.address)` (\(zone.name)) " + message,
                            fix: "add an alias A record `\(name)` to the `\(dns.service)` endpoint's dns_entry[0]",
                            subject: subject))
                }
            }
            let records = model.records(in: zone.key).filter { $0.type == "A" || $0.type == "AAAA" }
            for record in records where record.name == zone.name || record.name == wildcard {
                findings += checkAlias(record, dns: dns, engine: engine)
            }
        }
        return findings
    }

    private func checkAlias(_ record: DNSRecord, dns: ServiceDNS, engine: PathEngine) -> [Finding] {
        let subject = "alias:" + record.name
        let fix = "point the alias at the `\(dns.service)` endpoint's dns_entry[0]"
        let name = "record `\(record.origin.address)` (\(record.name))"
        switch engine.aliasTarget(record) {
        case (.pass, let endpoint?):
            guard endpoint.service != dns.service else { return [] }
            return [
                finding(
                    at: record.origin,
                    message:
                        "\(name) aliases endpoint `\(endpoint.origin.address)` of `\(endpoint.service)`, not a `\(dns.service)` endpoint",
                    fix: fix, subject: subject, related: [endpoint.origin])
            ]
        case (.fail, _):
            return [
                finding(
                    at: record.origin,
                    message: "\(name) aliases \(record.aliasName ?? "(none)"), which is not a VPC endpoint", fix: fix,
                    subject: subject)
            ]
        default:
            // An endpoint that is not in the inputs (another state, another account) cannot be judged.
            return [
                finding(
                    at: record.origin,
                    message:
                        "whether \(name) aliases a `\(dns.service)` endpoint is unknown: its alias \(record.aliasName ?? "(unknown until apply)") names no endpoint in the inputs",
                    fix: "lint the state that holds the endpoint together with this one", subject: subject,
                    status: .unknown)
            ]
        }
    }

    private func unknownRecord(
        _ zone: HostedZone, name: String, _ record: DNSRecord, _ problem: Unresolved, subject: String
    ) -> Finding {
        finding(
            at: zone.origin,
            message:
                "whether private hosted zone `\(zone.origin.address)` has a record \(name) is unknown: record `\(record.origin.address)` may be it, but its \(problem.attribute) is \(problem.reason)",
            fix: "add an alias A record `\(name)` to the endpoint's dns_entry[0]", subject: subject,
            related: [record.origin], status: .unknown)
    }

    private func example(_ dns: ServiceDNS, _ zone: HostedZone) -> String {
        switch dns.service {
        case "ecr.dkr": return "ACCOUNT." + zone.name
        case "s3": return "BUCKET." + zone.name
        default: return "NAME." + zone.name
        }
    }
}
