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
            of that same service.
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
        var findings = [Finding]()
        let catalog = ServiceCatalog.builtIn
        for zone in model.zones where zone.isPrivate && zone.isManaged {
            guard let (dns, _) = catalog.match(zoneName: zone.name) else { continue }
            let records = model.records(in: zone.key).filter { $0.type == "A" || $0.type == "AAAA" }
            let wildcard = "*." + zone.name
            let unplaced = model.unplacedRecords.filter { $0.record.origin.path == zone.origin.path }
            if dns.needsWildcard, !records.contains(where: { $0.name == wildcard }),
                let maybe = unplaced.first(where: { $0.record.name == wildcard || $0.record.name.isEmpty })
            {
                findings.append(unknownRecord(zone, name: wildcard, maybe.record, maybe.problem, subject: "wildcard"))
            } else if dns.needsWildcard, !records.contains(where: { $0.name == wildcard }) {
                findings.append(
                    finding(
                        at: zone.origin,
                        message:
                            "private hosted zone `\(zone.origin.address)` (\(zone.name)) has no wildcard record \(wildcard), so names such as \(example(dns, zone)) do not resolve",
                        fix: "add an alias A record `\(wildcard)` to the `\(dns.service)` endpoint's dns_entry[0]",
                        subject: "wildcard"))
            }
            if dns.needsApex, !records.contains(where: { $0.name == zone.name }),
                let maybe = unplaced.first(where: { $0.record.name == zone.name || $0.record.name.isEmpty })
            {
                findings.append(unknownRecord(zone, name: zone.name, maybe.record, maybe.problem, subject: "apex"))
            } else if dns.needsApex, !records.contains(where: { $0.name == zone.name }) {
                findings.append(
                    finding(
                        at: zone.origin,
                        message:
                            "private hosted zone `\(zone.origin.address)` (\(zone.name)) has no apex record, so \(zone.name) does not resolve",
                        fix: "add an alias A record `\(zone.name)` to the `\(dns.service)` endpoint's dns_entry[0]",
                        subject: "apex"))
            }
            for record in records { findings += checkAlias(record, zone: zone, dns: dns, model: model) }
        }
        return findings
    }

    private func checkAlias(_ record: DNSRecord, zone: HostedZone, dns: ServiceDNS, model: NetworkModel) -> [Finding] {
        guard record.name == zone.name || record.name == "*." + zone.name else { return [] }
        let subject = "alias:" + record.name
        if let endpoint = model.endpoint(record.aliasEndpointKey) {
            guard endpoint.service != dns.service else { return [] }
            return [
                finding(
                    at: record.origin,
                    message:
                        "record `\(record.origin.address)` (\(record.name)) aliases endpoint `\(endpoint.origin.address)` of `\(endpoint.service)`, not a `\(dns.service)` endpoint",
                    fix: "point the alias at the `\(dns.service)` endpoint's dns_entry[0]", subject: subject,
                    related: [endpoint.origin])
            ]
        }
        guard let alias = record.aliasName else { return [] }
        // An endpoint name that is not in the inputs (another state, another account) cannot be judged.
        if alias.hasSuffix(".vpce.amazonaws.com") { return [] }
        return [
            finding(
                at: record.origin,
                message:
                    "record `\(record.origin.address)` (\(record.name)) aliases \(alias), which is not a VPC endpoint",
                fix: "point the alias at the `\(dns.service)` endpoint's dns_entry[0]", subject: subject)
        ]
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
